import { ValidationError } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { ValidatorOptions, validateSync } from 'class-validator';
import { bodyShapeProblem } from './body-shape';

export interface FieldError {
  field: string;
  messages: string[];
}

/** Flattens class-validator's tree into one entry per field, named by its full path (e.g. source.system). */
export function fieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent
      ? /^\d+$/.test(error.property)
        ? `${parent}[${error.property}]`
        : `${parent}.${error.property}`
      : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) =>
      message.startsWith(`${error.property} `) ? `${field}${message.slice(error.property.length)}` : message,
    );
    const mine = own.length ? [{ field, messages: own }] : [];
    return [...mine, ...fieldErrors(error.children ?? [], field)];
  });
}

/** Unknown fields refused, the first broken rule per field reported (the HTTP pipe uses the same options). */
export const validatorOptions: ValidatorOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  stopAtFirstError: true,
};

/**
 * Validates plain data (a message, a CSV row) against a DTO exactly as the HTTP API validates a body, shape
 * guard first (an object, bounded depth and size, no prototype keys): the DTO instance, or every field error.
 */
export function validatePlain<T extends object>(
  type: new () => T,
  plain: unknown,
): { value: T } | { errors: FieldError[] } {
  const shape = bodyShapeProblem(plain);
  if (shape) return { errors: [{ field: shape.field, messages: [shape.message] }] };
  const value = plainToInstance(type, plain, { enableImplicitConversion: false });
  const errors = validateSync(value, validatorOptions);
  return errors.length ? { errors: fieldErrors(errors) } : { value };
}
