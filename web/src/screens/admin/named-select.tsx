import { Field } from '../../ui/components';

/** A labelled <select> over named records (associations, authorities, areas), by id. */
export function NamedSelect({
  label,
  items,
  value,
  onChange,
  placeholder,
  error,
  disabled,
}: {
  label: string;
  items: readonly { id: string; name: string }[];
  value: string;
  onChange: (id: string) => void;
  placeholder: string;
  error?: string;
  disabled?: boolean;
}) {
  return (
    <Field label={label} error={error}>
      {(p) => (
        <select {...p} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value)}>
          <option value="">{placeholder}</option>
          {items.map((x) => (
            <option key={x.id} value={x.id}>
              {x.name}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
