import type { FastifyReply } from 'fastify';
import { AppError } from './app-error';

export function etagOf(version: number): string {
  return `W/"${version}"`;
}

/** Answers `record` with its version as ETag (the If-Match of the next change). */
export function withEtag<T extends { version: number }>(reply: FastifyReply, record: T): T {
  void reply.header('etag', etagOf(record.version));
  return record;
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
