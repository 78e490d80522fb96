import { BadRequestException, Param, PipeTransform } from '@nestjs/common';
import { isId } from '@benefit-ledger/domain';

/** Path ids follow the same pattern as body ids. */
export class IdParamPipe implements PipeTransform<string, string> {
  constructor(private readonly name: string) {}
  transform(value: string): string {
    if (!isId(value)) throw new BadRequestException(`${this.name} must be an id: letters, digits and . _ : - (at most 100)`);
    return value;
  }
}

/** A path id, validated: `@IdParam('id') id: string`. */
export const IdParam = (name: string) => Param(name, new IdParamPipe(name));
