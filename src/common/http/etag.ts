import { AppError } from './app-error';

export function etagOf(version: number): string {
  return `W/"${version}"`;
}

/** The version a PATCH was based on, from If-Match (W/"3", "3" or 3). */
export function versionFromIfMatch(header: string | string[] | undefined): number {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value.trim() === '') throw new AppError('precondition_required');
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(value);
  if (!match) {
    throw new AppError('validation_failed', {
      errors: [{ field: 'If-Match', message: 'expected W/"<version>"', code: 'matches' }],
    });
  }
  return Number(match[1]);
}
