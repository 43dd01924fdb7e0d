import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { ValidateBy } from 'class-validator';

/**
 * What no name may hold: control characters, format characters (bidi
 * overrides and isolates, zero-width spaces and joiners, soft hyphens),
 * surrogates, private-use characters, line and paragraph separators, and the
 * other invisible (default-ignorable) code points such as variation selectors
 * and Hangul fillers. With them, two names that look identical are not: a
 * pseudonym, a code name or a legal name could pass for another.
 */
const NOT_IN_NAMES = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]/u;

/**
 * What no free text may hold: the same controls and format characters, but
 * tab and line breaks are kept (notes have lines), and so are the zero-width
 * joiner and non-joiner, which emoji sequences and some scripts need.
 */
const NOT_IN_FREE_TEXT = /(?![\t\n\r\u200c\u200d])[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/u;

/** Any space character (no-break, thin, ideographic…) in a name becomes a plain space. */
const SPACES = /\p{Zs}/gu;

/** NFC, trimmed, every kind of space a plain one: how a name is stored and compared. */
export function normaliseName(value: string): string {
  return value.normalize('NFC').replace(SPACES, ' ').trim();
}

export function isCleanName(value: string): boolean {
  return !NOT_IN_NAMES.test(value);
}

export function isCleanFreeText(value: string): boolean {
  return !NOT_IN_FREE_TEXT.test(value);
}

const whenString =
  (change: (value: string) => string) =>
  ({ value }: { value: unknown }): unknown =>
    typeof value === 'string' ? change(value) : value;

/**
 * A name or short label on one line (code name, pseudonym, display or legal
 * name, party, organisation or area name): normalised (NFC, spaces, trimmed)
 * before the length checks; 400 `validation_failed` naming the field when it
 * holds an invisible, control or direction-control character.
 */
export const NameText = (): PropertyDecorator =>
  applyDecorators(
    Transform(whenString(normaliseName)),
    ValidateBy({
      name: 'nameCharacters',
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || isCleanName(value),
        defaultMessage: () => 'must not contain invisible, control or direction-control characters',
      },
    }),
  );

/**
 * Free text, possibly on several lines (summaries, notes, reasons, terms):
 * NFC, trimmed unless `trim: false`; refused when it holds a control (other
 * than tab and line breaks) or direction-control character.
 */
export const FreeText = (options: { trim?: boolean } = {}): PropertyDecorator =>
  applyDecorators(
    Transform(
      whenString((value) =>
        options.trim === false ? value.normalize('NFC') : value.normalize('NFC').trim(),
      ),
    ),
    ValidateBy({
      name: 'textCharacters',
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || isCleanFreeText(value),
        defaultMessage: () => 'must not contain control or direction-control characters',
      },
    }),
  );
