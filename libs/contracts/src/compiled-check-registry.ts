import { CompiledCheck } from './http-validation/compiled-checks';
import { RecordCostDto } from './interventions/record-cost.dto';
import { recordCostCheck } from './interventions/record-cost.compiled-check';

/**
 * The DTOs with a compiled check, by class (exactly that class: a subclass may add rules). The HTTP validation pipe
 * tries it before class-transformer and class-validator; only the hot write path has one.
 */
export const COMPILED_CHECKS: ReadonlyMap<abstract new () => object, CompiledCheck<object>> = new Map<
  abstract new () => object,
  CompiledCheck<object>
>([[RecordCostDto, recordCostCheck]]);
