import { Transform } from 'class-transformer';
import { ValidateIf } from 'class-validator';

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
