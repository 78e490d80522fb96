import { BadRequestException, ValidationPipe } from '@nestjs/common';
import { fieldErrors, validatorOptions } from '@benefit-ledger/contracts';

/** Every body is validated before the domain sees it: unknown fields refused, no silent coercion. */
export const validationPipe = new ValidationPipe({
  ...validatorOptions,
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
