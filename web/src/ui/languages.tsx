import { useT, type Messages } from '../i18n/i18n';

/**
 * The languages of talks in central Mali, by their ISO 639-3 code (what the
 * API stores), offered in this order on the case and meeting forms.
 */
export const LANGUAGES = ['bam', 'ffm', 'ses', 'dts', 'taq', 'fra', 'ara'] as const;

/** Their names, and those of codes already stored by earlier versions of the forms. */
const names = {
  fr: {
    bam: 'Bambara',
    ffm: 'Fulfulde (peul)',
    ses: 'Songhaï',
    khq: 'Songhaï (koyra chiini)',
    dts: 'Dogon',
    taq: 'Tamasheq',
    fra: 'Français',
    ara: 'Arabe',
  },
  en: {
    bam: 'Bambara',
    ffm: 'Fulfulde (Fula)',
    ses: 'Songhay',
    khq: 'Songhay (Koyra Chiini)',
    dts: 'Dogon',
    taq: 'Tamasheq',
    fra: 'French',
    ara: 'Arabic',
  },
} satisfies Messages<string>;

type Named = keyof typeof names.fr;
const isNamed = (code: string): code is Named => code in names.fr;

/** A language's name in the user's language, or its code when it has none here. */
export function useLanguageName(): (code: string) => string {
  const t = useT(names);
  return (code) => (isNamed(code) ? t(code) : code);
}

/**
 * One checkbox per language; a code already on the record that is not in the
 * list stays offered (and checked), so that saving the form never drops it.
 */
export function LanguageChoices({
  legend,
  selected,
  onChange,
  error,
}: {
  legend: string;
  selected: string[];
  onChange: (codes: string[]) => void;
  error?: string;
}) {
  const name = useLanguageName();
  const codes = [
    ...LANGUAGES,
    ...selected.filter((c) => !(LANGUAGES as readonly string[]).includes(c)),
  ];
  return (
    <fieldset className={error ? 'field-invalid' : undefined}>
      <legend>{legend}</legend>
      {codes.map((code) => (
        <label key={code} className="checkbox" lang={code === 'fra' ? 'fr' : undefined}>
          <input
            type="checkbox"
            checked={selected.includes(code)}
            onChange={(e) =>
              onChange(e.target.checked ? [...selected, code] : selected.filter((c) => c !== code))
            }
          />
          {name(code)}
        </label>
      ))}
      {error && <p className="field-error">{error}</p>}
    </fieldset>
  );
}
