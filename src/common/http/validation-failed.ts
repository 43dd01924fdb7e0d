import { BadRequestException } from '@nestjs/common';
import { FieldError } from './app-error';

/** Raised by the validation pipe; carries the field errors untranslated. */
export class ValidationFailed extends BadRequestException {
  constructor(readonly fieldErrors: FieldError[]) {
    super('validation_failed');
  }
}
