import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { AppError } from './app-error';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 100;

export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Keyset cursor: the sort key of the last row, opaque to clients. */
export function encodeCursor(key: (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(
  cursor: string | undefined,
  arity: number,
): (string | number)[] | null {
  if (cursor === undefined) return null;
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(key) &&
      key.length === arity &&
      // No NUL (PostgreSQL refuses it in text) and no Infinity from `1e999`.
      key.every(
        (v): v is string | number =>
          (typeof v === 'string' && !v.includes('\u0000')) ||
          (typeof v === 'number' && Number.isFinite(v)),
      )
    ) {
      return key;
    }
  } catch {
    // fall through
  }
  throw invalidCursor();
}

/**
 * The time part of a keyset cursor, as the lists write it in SQL
 * (`to_char(… AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`). The
 * year may have more than four digits: every cursor the API writes must be
 * read back, whatever date a row holds.
 */
const TIME_KEY = /^\d{4,6}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const UUID_KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isTimeKey = (value: unknown): value is string =>
  typeof value === 'string' && TIME_KEY.test(value);
export const isUuidKey = (value: unknown): value is string =>
  typeof value === 'string' && UUID_KEY.test(value);

function invalidCursor(): AppError {
  return new AppError('validation_failed', {
    errors: [{ field: 'cursor', message: 'invalid cursor', code: 'matches' }],
  });
}

/**
 * A [time, id] cursor (lists in time order): anything but what the lists
 * write is a 400, never a bad cast in SQL.
 */
export function decodeTimeIdCursor(cursor: string | undefined): [string, string] | null {
  const key = decodeCursor(cursor, 2);
  if (key === null) return null;
  const [at, id] = key;
  if (!isTimeKey(at) || !isUuidKey(id)) throw invalidCursor();
  return [at, id];
}

/** Builds a page from `limit + 1` fetched rows. */
export function toPage<R, T>(
  rows: R[],
  limit: number,
  map: (row: R) => T,
  key: (row: R) => (string | number)[],
): Page<T> {
  const { rows: slice, nextCursor } = pageOf(rows, limit, key);
  return { items: slice.map(map), nextCursor };
}

/** The rows of a page and its cursor, from `limit + 1` fetched rows (for mappings that need I/O). */
export function pageOf<R>(
  rows: R[],
  limit: number,
  key: (row: R) => (string | number)[],
): { rows: R[]; nextCursor: string | null } {
  const more = rows.length > limit;
  const slice = more ? rows.slice(0, limit) : rows;
  return { rows: slice, nextCursor: more ? encodeCursor(key(slice[slice.length - 1])) : null };
}
