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

/** Value per £1 of costs, with the reference /trace accepts. */
export class TracedReturnPerPound {
  @ApiProperty({ description: 'value ÷ costs (validated ÷ costs for `roi`)' }) ratio: number;
  @ApiProperty({ example: '£2.83 per £1' }) perPound: string;
  @ApiProperty({ type: 'integer', description: 'pence returned per £1, rounded half up' }) pencePerPound: number;
  @ApiProperty({ description: 'pass to GET /trace?figure= to see the validations and costs behind it' }) ref: string;
}

/** One way of counting value (claimed, validated or realised), as GET /interventions/:id/value gives it: the value, its ROI and the costs the ROI counts. */
export class InterventionListWay {
  @ApiProperty({ type: Figure, description: 'the value counted this way' }) totalPence: Figure;
  @ApiProperty({
    type: TracedReturnPerPound,
    nullable: true,
    description: 'the value ÷ costs, "£X.XX per £1" rounded half up; null with no costs',
  })
  roi: TracedReturnPerPound | null;
  @ApiProperty({ description: 'which costs the ROI counts, in the words GET /interventions/:id/value uses' })
  costsCounted: string;
}

/** Claimed, validated and realised value (docs/value-and-realisation.md), each with its ROI. */
export class InterventionListValue {
  @ApiProperty({
    type: InterventionListWay,
    description: 'every claim at its value as last claimed or revised, whatever its status',
  })
  claimed: InterventionListWay;
  @ApiProperty({ type: InterventionListWay, description: "finance's validated value" }) validated: InterventionListWay;
  @ApiProperty({
    type: InterventionListWay,
    description: 'what of the validated value was realised: capacity only for what was harvested',
  })
  realised: InterventionListWay;
}

/** One intervention of the portfolio and its figures at the cutoff (only the year's, when asked for one). */
export class InterventionListItem {
  @ApiProperty() interventionId: string;
  @ApiProperty() title: string;
  @ApiProperty() leadOrganisationId: string;
  @ApiProperty({ type: String, nullable: true, description: 'null when the lead organisation is not registered' })
  leadOrganisationName: string | null;
  @ApiProperty({ enum: INTERVENTION_STATUSES, description: 'as at the cutoff' }) status: string;
  @ApiProperty({ type: String, nullable: true }) pathway: string | null;
  @ApiProperty({ type: InterventionLenses }) lenses: InterventionLenses;
  @ApiProperty({ format: 'date-time', description: 'when it was registered' }) registeredAt: string;
  @ApiProperty({ type: Figure, description: 'costs recorded' }) costsPence: Figure;
  @ApiProperty({
    type: Figure,
    description: 'every claim at its value as last claimed or revised, whatever its status',
  })
  claimedPence: Figure;
  @ApiProperty({ type: Figure, description: "finance's validated value" }) validatedPence: Figure;
  @ApiProperty({
    type: Figure,
    description:
      'realised value: capacity counted only for what was harvested (cash released, reinvested, awaiting reinvestment)',
  })
  realisedPence: Figure;
  @ApiProperty({ type: Figure, description: 'the claimed value of rejected claims' }) rejectedPence: Figure;
  @ApiProperty({ type: TracedReturnPerPound, nullable: true, description: 'validated ÷ costs; null with no costs' })
  roi: TracedReturnPerPound | null;
  @ApiProperty({
    type: InterventionListValue,
    description: 'claimed, validated and realised value, each with its ROI and the costs it counts',
  })
  value: InterventionListValue;
}

export class InterventionListResponse extends ListWindow {
  @ApiProperty({ enum: ['interventions'] }) query: string;
  @ApiProperty({ type: String, nullable: true, example: '2019/20' }) financialYear: string | null;
  @ApiProperty({ enum: INTERVENTION_SORTS }) sort: (typeof INTERVENTION_SORTS)[number];
  @ApiProperty({ enum: SORT_ORDERS }) order: (typeof SORT_ORDERS)[number];
  @ApiProperty({ type: [InterventionListItem] }) items: InterventionListItem[];
}

export type InterventionListChecked = [
  Fits<InterventionListAnswer, InterventionListResponse>,
  NoneUndeclared<Undeclared<InterventionListAnswer, InterventionListResponse>>,
];
