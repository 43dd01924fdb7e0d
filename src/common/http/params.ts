import { Param, PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { AppError } from './app-error';

class UuidPipe implements PipeTransform<string, string> {
  constructor(private readonly field: string) {}

  transform(value: string): string {
    if (!isUUID(value)) {
      throw new AppError('validation_failed', {
        errors: [{ field: this.field, message: 'not a UUID', code: 'isUuid' }],
      });
    }
    return value.toLowerCase();
  }
}

/** A UUID path parameter; anything else is a 400 naming the parameter. */
export const IdParam = (name = 'id'): ParameterDecorator => Param(name, new UuidPipe(name));
