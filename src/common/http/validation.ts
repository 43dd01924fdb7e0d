import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
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

/** Deeper JSON is refused before any recursive walk (class-transformer, the pipe) can overflow the stack. */
export const MAX_INPUT_DEPTH = 32;

/**
 * The first thing in a request value that no field may hold, found without
 * recursion: a NUL character (PostgreSQL refuses it in text: it must be a
 * 400 here, not a database error) or nesting deeper than MAX_INPUT_DEPTH.
 */
export function unacceptableInput(value: unknown, root = ''): FieldError | null {
  const stack: [unknown, string, number][] = [[value, root, 0]];
  while (stack.length > 0) {
    const [v, path, depth] = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) {
        return { field: path || 'body', code: 'noNulCharacter', message: 'must not contain NUL' };
      }
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth >= MAX_INPUT_DEPTH) {
      return { field: path || 'body', code: 'maxDepth', message: 'is nested too deeply' };
    }
    for (const [key, child] of Object.entries(v)) {
      const field = path ? `${path}.${key}` : key;
      if (key.includes('\u0000')) {
        return { field: path || 'body', code: 'noNulCharacter', message: 'must not contain NUL' };
      }
      stack.push([child, field, depth + 1]);
    }
  }
  return null;
}

/** The validation pipe, after a check of the raw input for what no DTO rule covers. */
class InputValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param') {
      const root = metadata.type === 'param' ? (metadata.data ?? '') : '';
      const problem = unacceptableInput(value, root);
      if (problem) throw new ValidationFailed([problem]);
    }
    return super.transform(value, metadata) as Promise<unknown>;
  }
}

/**
 * Rejects unknown properties (never silently dropped, never assigned) and
 * reports every invalid field; messages are translated by the filter.
 */
export function createValidationPipe(): ValidationPipe {
  return new InputValidationPipe({
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
  const unacceptable = unacceptableInput(plain);
  if (unacceptable) throw new ValidationFailed([unacceptable]);
  const instance = plainToInstance(cls, plain);
  const errors = validateSync(instance, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
  });
  if (errors.length > 0) throw new ValidationFailed(flatten(errors));
  return instance;
}
