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
  interventions(@Query() query: InterventionListQueryDto): Promise<InterventionListResponse> {
    const sort = query.sort ?? 'title';
    return this.queries.execute(
      new ListInterventionsQuery(
        {
          financialYear: query.financialYear ?? null,
          leadOrganisationId: query.leadOrganisationId ?? null,
          status: query.status ?? null,
          lens: query.lens ?? null,
          text: query.q ?? null,
          sort,
          order: query.order ?? (sort === 'title' ? 'asc' : 'desc'),
          ...windowOf(query),
        },
        asAtOf(query),
      ),
    );
  }

  @Get('organisations')
  @ApiTags('organisations')
  @ApiOperation({ summary: 'every registered organisation, by name: id, name, type and integrated care system' })
  @ApiOkResponse({ type: OrganisationListResponse })
  @ApiErrorResponses(400, 401, 429)
  organisations(@Query() query: OrganisationListQueryDto): Promise<OrganisationListResponse> {
    return this.queries.execute(
      new ListOrganisationsQuery(
        { type: query.type ?? null, system: query.system ?? null, text: query.q ?? null, ...windowOf(query) },
        asAtOf(query),
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
  partnerships(
    @Query() query: PartnershipListQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<PartnershipListResponse> {
    return this.queries.execute(
      new ListPartnershipsQuery(
        actor,
        { memberId: query.organisationId ?? null, text: query.q ?? null, ...windowOf(query) },
        asAtOf(query),
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
  benefits(@Query() query: BenefitListQueryDto, @CurrentActor() actor: Actor): Promise<BenefitListResponse> {
    return this.queries.execute(
      new ListBenefitsQuery(
        actor,
        {
          status: query.status ?? null,
          financialYear: query.financialYear ?? null,
          interventionId: query.interventionId ?? null,
          organisationId: query.organisationId ?? null,
          order: query.order ?? 'asc',
          ...windowOf(query),
        },
        asAtOf(query),
      ),
    );
  }
}
