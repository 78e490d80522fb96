import { NestedField, TextField } from '../http-validation/fields';

export class RestatementDto {
  @TextField({ max: 2000, example: 'Late invoice from Flowline Systems for 2019/20 implementation work' })
  reason: string;
}

/**
 * A write that may change a closed financial year's figures. With `restatement`, finance records the change
 * as a restatement of the closed year (422 `period-closed` without it; 422 `restatement-not-needed` when the
 * year is not closed). CommandContextFactory reads it from the body this class validated.
 */
export class RestatableDto {
  @NestedField(() => RestatementDto, {
    optional: true,
    description: 'restate a closed year: why its closed figures change (finance only)',
  })
  restatement?: RestatementDto;
}
