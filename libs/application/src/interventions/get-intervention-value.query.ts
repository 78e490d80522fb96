import { ValueQueryOptions } from '../read-models/read-model.queries';

/** One intervention's value: claimed, validated and realised; for a financial year and as at an instant when asked. */
export class GetInterventionValueQuery {
  constructor(
    readonly interventionId: string,
    readonly options: ValueQueryOptions = { financialYear: null, asAt: null },
  ) {}
}
