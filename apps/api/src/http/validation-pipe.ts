import { ArgumentMetadata, BadRequestException, ValidationPipe } from '@nestjs/common';
import { COMPILED_CHECKS, fieldErrors, validatorOptions } from '@benefit-ledger/contracts';

/**
 * Nest's ValidationPipe, with a shortcut for the bodies that have a compiled check (the cost DTO): a body the check
 * is sure of becomes its DTO instance without class-transformer and class-validator walking it. Anything the check
 * is not sure of, a refusal included, goes through them as before, so every refusal and its wording is theirs.
 */
class CompiledFirstValidationPipe extends ValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const check = metadata.type === 'body' && metadata.metatype ? COMPILED_CHECKS.get(metadata.metatype) : undefined;
    const instance = check ? check(value) : null;
    return instance ? Promise.resolve(instance) : super.transform(value, metadata);
  }
}

/** Every body is validated before the domain sees it: unknown fields refused, no silent coercion. */
export const validationPipe = new CompiledFirstValidationPipe({
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
