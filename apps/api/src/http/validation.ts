import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

export interface FieldError { field: string; messages: string[] }

/** Flattens class-validator's tree into one entry per field, named by its full path (e.g. source.system). */
export function fieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? (/^\d+$/.test(error.property) ? `${parent}[${error.property}]` : `${parent}.${error.property}`) : error.property;
    const own = Object.values(error.constraints ?? {}).map((m) => (m.startsWith(`${error.property} `) ? `${field}${m.slice(error.property.length)}` : m));
    const mine = own.length ? [{ field, messages: own }] : [];
    return [...mine, ...fieldErrors(error.children ?? [], field)];
  });
}

/** Every body is validated before the domain sees it: unknown fields refused, no silent coercion. */
export const validationPipe = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  stopAtFirstError: true,
  transform: true,
  transformOptions: { enableImplicitConversion: false },
  exceptionFactory: (errors) => {
    const list = fieldErrors(errors);
    return new BadRequestException({
      statusCode: 400,
      error: 'Bad Request',
      message: list.flatMap((e) => e.messages).join('; '),
      errors: list,
    });
  },
});
