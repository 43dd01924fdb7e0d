import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsString,
  IsUUID,
  Matches,
  ValidateIf,
} from 'class-validator';

/**
 * The property may be left out, but not sent as null: unlike @IsOptional(),
 * a null still goes through the other validators (and fails them).
 */
export const Optional = (): PropertyDecorator =>
  ValidateIf((_object, value) => value !== undefined);

/** Surrounding white space is dropped before the length checks run. */
export const Trim = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** UUIDs compare equal whatever case a client sends them in. */
export const LowerCase = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => {
    if (typeof value === 'string') return value.toLowerCase();
    if (Array.isArray(value))
      return value.map((v: unknown) => (typeof v === 'string' ? v.toLowerCase() : v));
    return value;
  });

/** A language as ISO 639-3 (`bam`, `ffm`, `fra`…), and how many one record may list. */
export const LANGUAGE_CODE = /^[a-z]{3}$/;
export const MAX_LANGUAGES = 20;

/** An ISO 8601 date-time that says its offset (`Z` or `±hh:mm`): no time left to guess. */
export const WITH_TIME_ZONE = /T.*(Z|[+-]\d{2}:\d{2})$/;

/**
 * The id a client may choose for the record it creates (offline clients,
 * retries): a UUID, compared in lower case.
 */
export const ClientId = (): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ format: 'uuid', description: 'Client-chosen id (offline clients)' }),
    Optional(),
    LowerCase(),
    IsUUID(),
  );

/** The languages of talks: ISO 639-3 codes, at most MAX_LANGUAGES, each once. */
export const LanguageCodes = (swagger: {
  example: string[];
  description?: string;
}): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ type: [String], ...swagger }),
    Optional(),
    IsArray(),
    ArrayMaxSize(MAX_LANGUAGES),
    ArrayUnique(),
    IsString({ each: true }),
    Matches(LANGUAGE_CODE, { each: true }),
  );
