import type { ReactNode } from 'react';

/** A row of large radio buttons (one tap each), inside a fieldset with its legend. */
export function Choices<V extends string>({
  legend,
  name,
  values,
  value,
  label,
  onChange,
  required,
  className,
  children,
  footer,
}: {
  legend: string;
  name: string;
  values: readonly V[];
  value: V | null;
  label: (v: V) => string;
  onChange: (v: V) => void;
  required?: boolean;
  className?: string;
  children?: ReactNode;
  /** Shown under the buttons (e.g. an optional note). */
  footer?: ReactNode;
}) {
  return (
    <fieldset className={className}>
      <legend>{legend}</legend>
      {children}
      <div className="choices">
        {values.map((v) => (
          <label key={v}>
            <input
              type="radio"
              name={name}
              value={v}
              required={required}
              checked={value === v}
              onChange={() => onChange(v)}
            />
            {label(v)}
          </label>
        ))}
      </div>
      {footer}
    </fieldset>
  );
}
