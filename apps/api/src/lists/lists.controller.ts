import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ListBenefitsQuery,
  ListInterventionsQuery,
  ListOrganisationsQuery,
  ListPartnershipsQuery,
} from '@benefit-ledger/application';
import { Actor } from '@benefit-ledger/domain';
import { normaliseAsAt } from '@benefit-ledger/projections';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ApiErrorResponses } from '../http/api-responses';
import {
  BenefitListQueryDto,
  DEFAULT_PAGE,
  InterventionListQueryDto,
  ListQueryDto,
  OrganisationListQueryDto,
  PartnershipListQueryDto,
} from '@benefit-ledger/contracts';
import { BenefitListResponse } from './responses/benefit-list.response';
import { OrganisationListResponse, PartnershipListResponse } from './responses/directory-list.response';
import { InterventionListResponse } from './responses/intervention-list.response';

/** The page asked for, with the defaults filled in. */
const windowOf = (q: ListQueryDto) => ({ offset: q.offset ?? 0, limit: q.limit ?? DEFAULT_PAGE });
const asAtOf = (q: ListQueryDto) => (q.asAt ? normaliseAsAt(q.asAt) : null);

/**
 * What exists, a page at a time: the lists a client starts from instead of knowing an id. Every list is paged
 * (`offset`, `limit` up to 500), answers `total` beside its `items`, takes `asAt`, and refuses a query parameter it
 * does not know (400, naming it).
 */
@ApiBearerAuth()
@Controller()
export class ListsController {
  constructor(private readonly queries: QueryBus) {}

  @Get('interventions')
  @ApiTags('interventions')
  @ApiOperation({
    summary:
      'the portfolio: every intervention with its lead organisation, status, pathway, lenses, costs, claimed / validated / realised / rejected and the ROI of each way; filtered, sorted, paged',
  })
  @ApiOkResponse({ type: InterventionListResponse })
  @ApiErrorResponses(400, 401, 429)
  interventions(@Query() q: InterventionListQueryDto): Promise<InterventionListResponse> {
    const sort = q.sort ?? 'title';
    return this.queries.execute(
      new ListInterventionsQuery(
        {
          financialYear: q.financialYear ?? null,
          leadOrganisationId: q.leadOrganisationId ?? null,
          status: q.status ?? null,
          lens: q.lens ?? null,
          text: q.q ?? null,
          sort,
          order: q.order ?? (sort === 'title' ? 'asc' : 'desc'),
          ...windowOf(q),
        },
        asAtOf(q),
      ),
    );
  }

  @Get('organisations')
  @ApiTags('organisations')
  @ApiOperation({ summary: 'every registered organisation, by name: id, name, type and integrated care system' })
  @ApiOkResponse({ type: OrganisationListResponse })
  @ApiErrorResponses(400, 401, 429)
  organisations(@Query() q: OrganisationListQueryDto): Promise<OrganisationListResponse> {
    return this.queries.execute(
      new ListOrganisationsQuery(
        { type: q.type ?? null, system: q.system ?? null, text: q.q ?? null, ...windowOf(q) },
        asAtOf(q),
      ),
    );
  }

  @Get('partnerships')
  @ApiTags('partnerships')
  @ApiOperation({
    summary:
      "the partnerships the caller's organisation is or was a member of (every one for auditors and admins), by name, with their members",
  })
  @ApiOkResponse({ type: PartnershipListResponse })
  @ApiErrorResponses(400, 401, 429)
  partnerships(@Query() q: PartnershipListQueryDto, @CurrentActor() actor: Actor): Promise<PartnershipListResponse> {
    return this.queries.execute(
      new ListPartnershipsQuery(
        actor,
        { memberId: q.organisationId ?? null, text: q.q ?? null, ...windowOf(q) },
        asAtOf(q),
      ),
    );
  }

  @Get('benefits')
  @ApiTags('interventions')
  @ApiOperation({
    summary:
      "benefits of interventions the caller's organisation leads or that land at it (every one for auditors and admins), with status and finance's decision; ?status=claimed is the validation queue",
  })
  @ApiOkResponse({ type: BenefitListResponse })
  @ApiErrorResponses(400, 401, 403, 429)
  benefits(@Query() q: BenefitListQueryDto, @CurrentActor() actor: Actor): Promise<BenefitListResponse> {
    return this.queries.execute(
      new ListBenefitsQuery(
        actor,
        {
          status: q.status ?? null,
          financialYear: q.financialYear ?? null,
          interventionId: q.interventionId ?? null,
          organisationId: q.organisationId ?? null,
          order: q.order ?? 'asc',
          ...windowOf(q),
        },
        asAtOf(q),
      ),
    );
  }
}
