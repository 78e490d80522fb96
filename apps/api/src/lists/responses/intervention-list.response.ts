import { ApiProperty } from '@nestjs/swagger';
import { INTERVENTION_STATUSES } from '@benefit-ledger/domain';
import { INTERVENTION_SORTS, SORT_ORDERS } from '@benefit-ledger/projections';
import { Figure } from '../../http/responses/figures.response';
import { Fits, NoneUndeclared, Undeclared } from '../../http/response-shape';
import type { InterventionListAnswer } from '../../http/query-answers';
import { ListWindow } from './list-window.response';

export class InterventionLenses {
  @ApiProperty() economic: boolean;
  @ApiProperty() social: boolean;
  @ApiProperty() strategic: boolean;
}

/** Validated value per £1 of costs, with the reference /trace accepts. */
export class TracedReturnPerPound {
  @ApiProperty({ description: 'validated ÷ costs' }) ratio: number;
  @ApiProperty({ example: '£2.83 per £1' }) perPound: string;
  @ApiProperty({ type: 'integer', description: 'pence returned per £1, rounded half up' }) pencePerPound: number;
  @ApiProperty({ description: 'pass to GET /trace?figure= to see the validations and costs behind it' }) ref: string;
}

/** One intervention of the portfolio and its figures at the cutoff (only the year's, when asked for one). */
export class InterventionListItem {
  @ApiProperty() interventionId: string;
  @ApiProperty() title: string;
  @ApiProperty() leadOrganisationId: string;
  @ApiProperty({ type: String, nullable: true, description: 'null when the lead organisation is not registered' }) leadOrganisationName: string | null;
  @ApiProperty({ enum: INTERVENTION_STATUSES, description: 'as at the cutoff' }) status: string;
  @ApiProperty({ type: String, nullable: true }) pathway: string | null;
  @ApiProperty({ type: InterventionLenses }) lenses: InterventionLenses;
  @ApiProperty({ format: 'date-time', description: 'when it was registered' }) registeredAt: string;
  @ApiProperty({ type: Figure, description: 'costs recorded' }) costsPence: Figure;
  @ApiProperty({ type: Figure, description: 'every claim at its value as last claimed or revised, whatever its status' }) claimedPence: Figure;
  @ApiProperty({ type: Figure, description: "finance's validated value" }) validatedPence: Figure;
  @ApiProperty({ type: Figure, description: 'the claimed value of rejected claims' }) rejectedPence: Figure;
  @ApiProperty({ type: TracedReturnPerPound, nullable: true, description: 'validated ÷ costs; null with no costs' }) roi: TracedReturnPerPound | null;
}

export class InterventionListResponse extends ListWindow {
  @ApiProperty({ enum: ['interventions'] }) query: string;
  @ApiProperty({ type: String, nullable: true, example: '2019/20' }) financialYear: string | null;
  @ApiProperty({ enum: INTERVENTION_SORTS }) sort: (typeof INTERVENTION_SORTS)[number];
  @ApiProperty({ enum: SORT_ORDERS }) order: (typeof SORT_ORDERS)[number];
  @ApiProperty({ type: [InterventionListItem] }) items: InterventionListItem[];
}

export type InterventionListChecked = [Fits<InterventionListAnswer, InterventionListResponse>, NoneUndeclared<Undeclared<InterventionListAnswer, InterventionListResponse>>];
