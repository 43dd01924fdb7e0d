import { Field, fieldError } from '../../ui/components';
import { EnumSelect } from '../../ui/lists';
import { CASE_TYPES, type CaseType } from './case-types';
import { useCaseT } from './case-words';

export interface CaseBasics {
  type: CaseType;
  summary: string;
  /** As typed: "ffm, dts" (parseLanguages turns it into codes). */
  languages: string;
}

/** Type, summary and languages: the same three fields when a case is opened and when it is edited. */
export function CaseBasicsFields({
  value,
  onChange,
  error,
}: {
  value: CaseBasics;
  onChange: (value: CaseBasics) => void;
  error: unknown;
}) {
  const ct = useCaseT();
  return (
    <>
      <Field label={ct('type')} error={fieldError(error, 'type')}>
        {(props) => (
          <EnumSelect
            {...props}
            values={CASE_TYPES}
            value={value.type}
            onChange={(type) => type && onChange({ ...value, type })}
            label={(v) => ct(`type_${v}`)}
          />
        )}
      </Field>
      <Field label={ct('summary')} error={fieldError(error, 'summary')}>
        {(props) => (
          <textarea
            {...props}
            value={value.summary}
            onChange={(e) => onChange({ ...value, summary: e.target.value })}
          />
        )}
      </Field>
      <Field
        label={ct('languages')}
        hint={ct('languagesHint')}
        error={fieldError(error, 'languages')}
      >
        {(props) => (
          <input
            {...props}
            value={value.languages}
            autoCapitalize="none"
            onChange={(e) => onChange({ ...value, languages: e.target.value })}
          />
        )}
      </Field>
    </>
  );
}
