import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError } from './app-error';
import { ValidationFailed } from './validation-failed';

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    for (const [code, message] of Object.entries(error.constraints ?? {})) {
      out.push({ field, code, message });
    }
    if (error.children?.length) out.push(...flatten(error.children, field));
  }
  return out;
}

/**
 * Rejects unknown properties (never silently dropped, never assigned) and
 * reports every invalid field; messages are translated by the filter.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ValidationFailed(flatten(errors)),
  });
}

/** Validates a plain object against a DTO class outside the pipe (e.g. in a guard). */
export function validateDto<T extends object>(cls: new () => T, plain: unknown): T {
  if (typeof plain !== 'object' || plain === null || Array.isArray(plain)) {
    throw new ValidationFailed([
      { field: 'body', message: 'must be a JSON object', code: 'nestedValidation' },
    ]);
  }
  const instance = plainToInstance(cls, plain);
  const errors = validateSync(instance, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
  });
  if (errors.length > 0) throw new ValidationFailed(flatten(errors));
  return instance;
}
