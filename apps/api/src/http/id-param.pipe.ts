import { BadRequestException, Param, PipeTransform } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { ID_PATTERN, isId } from '@benefit-ledger/domain';

/** Path ids follow the same pattern as body ids. */
export class IdParamPipe implements PipeTransform<string, string> {
  constructor(private readonly name: string) {}
  transform(value: string): string {
    if (!isId(value))
      throw new BadRequestException(`${this.name} must be an id: letters, digits and . _ : - (at most 100)`);
    return value;
  }
}

/** A path id, validated and documented with its pattern (so clients, and the fuzzer, send ids): `@IdParam('id') id: string`. */
export const IdParam =
  (name: string): ParameterDecorator =>
  (target, method, index) => {
    Param(name, new IdParamPipe(name))(target, method, index);
    const descriptor = method === undefined ? undefined : Object.getOwnPropertyDescriptor(target, method);
    if (method === undefined || !descriptor)
      throw new Error(`@IdParam('${name}') documents a parameter of a route method, not of a constructor`);
    ApiParam({ name, schema: { type: 'string', pattern: ID_PATTERN.source } })(target, method, descriptor);
  };
