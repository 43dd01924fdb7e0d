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
