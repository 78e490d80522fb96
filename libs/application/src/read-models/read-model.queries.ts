import { Actor } from '@benefit-ledger/domain';
import { TracePage } from '@benefit-ledger/projections';

/** The read-model queries (docs/design.md#the-arithmetic). Every one answers ?financialYear= and ?asAt=. */
export interface ValueQueryOptions {
  financialYear: string | null;
  asAt: string | null;
}

export class GetSystemFlowsQuery {
  constructor(readonly options: ValueQueryOptions) {}
}

export class GetOrganisationValueQuery {
  constructor(
    readonly organisationId: string,
    readonly options: ValueQueryOptions,
  ) {}
}

export class GetCapacityQuery {
  constructor(
    readonly filter: { organisationId: string | null; resource: string | null },
    readonly options: ValueQueryOptions,
  ) {}
}

export class GetPartnershipAttributionQuery {
  constructor(
    readonly partnershipId: string,
    readonly actor: Actor,
    readonly options: ValueQueryOptions,
  ) {}
}

export class TraceFigureQuery {
  constructor(
    readonly figure: string,
    readonly actor: Actor,
    readonly page?: TracePage,
  ) {}
}

/** The stored events the figures could not fold, with the reason for each. */
export class GetUnfoldedEventsQuery {}
