import { Field, fieldError } from '../../ui/components';
import { LanguageChoices } from '../../ui/languages';
import { EnumSelect } from '../../ui/lists';
import { CASE_TYPES, type CaseType } from './case-types';
import { useCaseT } from './case-words';

export interface CaseBasics {
  type: CaseType;
  summary: string;
  /** ISO 639-3 codes. */
  languages: string[];
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
      <LanguageChoices
        legend={ct('languages')}
        selected={value.languages}
        onChange={(languages) => onChange({ ...value, languages })}
        error={fieldError(error, 'languages')}
      />
    </>
  );
}
