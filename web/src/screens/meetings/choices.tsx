import type { ReactNode, SelectHTMLAttributes } from 'react';

/** `list` with `id` added (on) or removed (off). */
export const toggled = (list: string[], id: string, on: boolean): string[] =>
  on ? [...list, id] : list.filter((x) => x !== id);

/** Checkboxes over a few choices; `onChange` receives the ids now checked. */
export function CheckList({
  items,
  selected,
  onChange,
}: {
  items: { id: string; label: ReactNode }[];
  selected: string[];
  onChange: (ids: string[]) => void;
}) {
  return (
    <>
      {items.map((item) => (
        <label key={item.id} className="checkbox">
          <input
            type="checkbox"
            checked={selected.includes(item.id)}
            onChange={(e) => onChange(toggled(selected, item.id, e.target.checked))}
          />
          {item.label}
        </label>
      ))}
    </>
  );
}

/**
 * A group of choices under its legend, with the API's error for the group
 * below them (then `after`, e.g. a longer explanation).
 */
export function ChoiceSet({
  legend,
  error,
  invalid = Boolean(error),
  after,
  children,
}: {
  legend: string;
  error?: string;
  invalid?: boolean;
  after?: ReactNode;
  children: ReactNode;
}) {
  return (
    <fieldset className={invalid ? 'field-invalid' : undefined}>
      <legend>{legend}</legend>
      {children}
      {error && <p className="field-error">{error}</p>}
      {after}
    </fieldset>
  );
}

/** A <select> of records by id (a case, an authority…), with a first empty option. */
export function RecordSelect({
  records,
  value,
  onChange,
  empty,
  ...rest
}: {
  records: { id: string; label: string }[] | undefined;
  value: string;
  onChange: (id: string) => void;
  empty: string;
} & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'>) {
  return (
    <select {...rest} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{empty}</option>
      {records?.map((r) => (
        <option key={r.id} value={r.id}>
          {r.label}
        </option>
      ))}
    </select>
  );
}
