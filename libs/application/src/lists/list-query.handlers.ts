import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Actor } from '@benefit-ledger/domain';
import { Projector, ReadModelLists, ReadModelStore } from '@benefit-ledger/projections';
import { ForbiddenError } from '../application-errors';
import {
  ListBenefitsQuery,
  ListInterventionsQuery,
  ListOrganisationsQuery,
  ListPartnershipsQuery,
} from './list.queries';

/**
 * The lists answer with the same access as the figures they show: interventions and organisations to every role
 * (as GET /interventions/:id and /organisations/:id); partnerships to their members (present or past), every one to
 * auditors and admins (as GET /partnerships/:id); benefits, a finance user's validation queue, those of interventions
 * the reader's organisation leads or that land at it, every one to auditors and admins. Each waits until the read
 * models hold every event already in the log (read-your-writes).
 */
const readsEverything = (actor: Actor) => actor.role === 'auditor' || actor.role === 'admin';

/** The read models as lists, on the application's read-model store. */
const listsProvider = {
  provide: ReadModelLists,
  inject: [ReadModelStore],
  useFactory: (readModels: ReadModelStore) => new ReadModelLists(readModels),
};

@QueryHandler(ListInterventionsQuery)
export class ListInterventionsHandler implements IQueryHandler<ListInterventionsQuery> {
  constructor(
    private readonly projector: Projector,
    private readonly lists: ReadModelLists,
  ) {}
  async execute({ filter, asAt }: ListInterventionsQuery) {
    await this.projector.caughtUp();
    return this.lists.interventions({ ...filter, cutoff: this.lists.cutoff(asAt) });
  }
}

@QueryHandler(ListOrganisationsQuery)
export class ListOrganisationsHandler implements IQueryHandler<ListOrganisationsQuery> {
  constructor(
    private readonly projector: Projector,
    private readonly lists: ReadModelLists,
  ) {}
  async execute({ filter, asAt }: ListOrganisationsQuery) {
    await this.projector.caughtUp();
    return this.lists.organisations({ ...filter, cutoff: this.lists.cutoff(asAt) });
  }
}

@QueryHandler(ListPartnershipsQuery)
export class ListPartnershipsHandler implements IQueryHandler<ListPartnershipsQuery> {
  constructor(
    private readonly projector: Projector,
    private readonly lists: ReadModelLists,
  ) {}
  async execute({ actor, filter, asAt }: ListPartnershipsQuery) {
    await this.projector.caughtUp();
    return this.lists.partnerships({
      ...filter,
      readableBy: readsEverything(actor) ? null : actor.organisationId,
      cutoff: this.lists.cutoff(asAt),
    });
  }
}

@QueryHandler(ListBenefitsQuery)
export class ListBenefitsHandler implements IQueryHandler<ListBenefitsQuery> {
  constructor(
    private readonly projector: Projector,
    private readonly lists: ReadModelLists,
  ) {}
  async execute({ actor, filter, asAt }: ListBenefitsQuery) {
    // refused before anything is read
    if (!readsEverything(actor) && filter.organisationId !== null && filter.organisationId !== actor.organisationId) {
      throw new ForbiddenError(
        `the benefits list shows the benefits of your own organisation ('${actor.organisationId}'): those of interventions it leads or that land at it; auditors and admins may name any organisation`,
      );
    }
    await this.projector.caughtUp();
    const organisationId = readsEverything(actor) ? filter.organisationId : actor.organisationId;
    return this.lists.benefits({ ...filter, organisationId, cutoff: this.lists.cutoff(asAt) });
  }
}

export const listProviders = [
  listsProvider,
  ListInterventionsHandler,
  ListOrganisationsHandler,
  ListPartnershipsHandler,
  ListBenefitsHandler,
];
