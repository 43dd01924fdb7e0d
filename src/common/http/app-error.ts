import { ErrorCode } from './error-catalogue';

export interface FieldError {
  field: string;
  message: string;
  code?: string;
}

/**
 * A domain error. Services throw it with a code from the catalogue; the
 * problem+json filter turns it into the response, in the caller's language.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly options: {
      errors?: FieldError[];
      /** Extra members of the problem document (never sensitive values). */
      extensions?: Record<string, unknown>;
      headers?: Record<string, string>;
      /** Overrides the catalogue's detail; must be free of sensitive values. */
      detail?: { fr: string; en: string };
      /** Overrides the catalogue's status where one code serves two cases (invalid_totp). */
      status?: number;
    } = {},
  ) {
    super(code);
    this.name = 'AppError';
  }
}

/** 400 `invalid_reference`: the field names a record that does not exist or is not the right one. */
export function invalidReference(field: string, message: string): AppError {
  return new AppError('invalid_reference', {
    errors: [{ field, message, code: 'invalid_reference' }],
  });
}
