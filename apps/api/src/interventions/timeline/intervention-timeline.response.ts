import { ApiExtraModels, ApiProperty } from '@nestjs/swagger';
import { INTERVENTION_STATUSES } from '@benefit-ledger/domain';
import { RecordedActor } from '../../http/responses/actor.response';
import { Figure } from '../../http/responses/figures.response';
import { RecordedSource } from '../../http/responses/recorded-source.response';
import { Fits, NoneUndeclared, Undeclared } from '../../http/response-shape';
import { ListWindow } from '../../lists/responses/list-window.response';
import type { GetInterventionTimelineHandler } from './intervention-timeline.query';

/** One decision: an event of the intervention's stream, in plain words. */
export class TimelineEntry {
  @ApiProperty({ type: 'integer', description: 'global log position' }) position: number;
  @ApiProperty({ type: 'integer', description: "the event's revision in the intervention's stream" }) revision: number;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
  @ApiProperty({ example: 'BenefitValidated' }) type: string;
  @ApiProperty({ type: RecordedActor }) actor: RecordedActor;
  @ApiProperty({ example: 'Validated by finance' }) headline: string;
  @ApiProperty({ description: 'what was decided or recorded, in plain words, with the note or reason' })
  summary: string;
  @ApiProperty({
    type: RecordedSource,
    nullable: true,
    description: 'where its figure came from; null for an event that takes none',
  })
  source: RecordedSource | null;
  @ApiProperty({
    type: Figure,
    nullable: true,
    description: 'the amount the event records, traceable; null when it records none',
  })
  figure: Figure | null;
  @ApiProperty({ description: "the event's hash in its stream's chain" }) hash: string;
}

export class CostLine {
  @ApiProperty() costId: string;
  @ApiProperty({ type: Figure }) amountPence: Figure;
}

export class BenefitLine {
  @ApiProperty() benefitId: string;
  @ApiProperty({ type: Figure, description: 'as last claimed or revised' }) claimedPence: Figure;
  @ApiProperty({ type: Figure, nullable: true, description: 'null unless validated' }) validatedPence: Figure | null;
}

export class ReleaseLine {
  @ApiProperty() releaseId: string;
  @ApiProperty({ type: Figure }) cashReleasedPence: Figure;
  @ApiProperty({ type: Figure, description: 'the value recorded for its reinvested activity' })
  reinvestedValuePence: Figure;
}

export class LandingLine {
  @ApiProperty() organisationId: string;
  @ApiProperty({ type: Figure, description: "the intervention's validated value landing there" })
  validatedPence: Figure;
}

/** The single lines as they stand at the cutoff, every one a figure /trace accepts. */
export class InterventionLines {
  @ApiProperty({ type: [CostLine] }) costs: CostLine[];
  @ApiProperty({ type: [BenefitLine] }) benefits: BenefitLine[];
  @ApiProperty({ type: [ReleaseLine] }) releases: ReleaseLine[];
  @ApiProperty({ type: [LandingLine] }) landings: LandingLine[];
}

@ApiExtraModels(Figure)
export class InterventionTimelineResponse extends ListWindow {
  @ApiProperty() interventionId: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: INTERVENTION_STATUSES, description: 'as at the cutoff' }) status: string;
  @ApiProperty({ type: [TimelineEntry], description: 'in the order recorded' }) items: TimelineEntry[];
  @ApiProperty({ type: InterventionLines }) lines: InterventionLines;
}

type TimelineAnswer = Awaited<ReturnType<GetInterventionTimelineHandler['execute']>>;
export type InterventionTimelineChecked = [
  Fits<TimelineAnswer, InterventionTimelineResponse>,
  NoneUndeclared<Undeclared<TimelineAnswer, InterventionTimelineResponse>>,
];
