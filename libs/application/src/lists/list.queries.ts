import { Actor } from '@benefit-ledger/domain';
import {
  BenefitListParams,
  InterventionListParams,
  OrganisationListParams,
  PartnershipListParams,
} from '@benefit-ledger/projections';

/**
 * The lists (GET /interventions, /organisations, /partnerships, /benefits): a page of what the filters select, as
 * the log was known at `asAt` (null: now). Each carries its filters as the read models take them, less the cutoff,
 * which the handler fixes once the read models are caught up.
 */
type WithoutCutoff<P> = Omit<P, 'cutoff'>;

export class ListInterventionsQuery {
  constructor(
    readonly filter: WithoutCutoff<InterventionListParams>,
    readonly asAt: string | null,
  ) {}
}

export class ListOrganisationsQuery {
  constructor(
    readonly filter: WithoutCutoff<OrganisationListParams>,
    readonly asAt: string | null,
  ) {}
}

/** `memberId`: only partnerships this organisation was a member of; the actor's access narrows the list further. */
export class ListPartnershipsQuery {
  constructor(
    readonly actor: Actor,
    readonly filter: WithoutCutoff<Omit<PartnershipListParams, 'readableBy'>>,
    readonly asAt: string | null,
  ) {}
}

/** `organisationId`: benefits of interventions it leads or landing at it; left null, the actor's own organisation unless they read everything. */
export class ListBenefitsQuery {
  constructor(
    readonly actor: Actor,
    readonly filter: WithoutCutoff<BenefitListParams>,
    readonly asAt: string | null,
  ) {}
}
