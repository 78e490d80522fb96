import { ApiExtraModels, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LINE_STATUSES, LineStatus } from '@benefit-ledger/projections';
import { RecordedActor } from '../../http/responses/actor.response';
import { ClosedYear, OpenYear, periodOf } from '../../http/responses/closed-year.response';
import { Figure } from '../../http/responses/figures.response';
import { RecordedSource } from '../../http/responses/recorded-source.response';
import { Fits, NoneUndeclared, Undeclared } from '../../http/response-shape';
import type { ReconciliationAnswer } from '../../http/query-answers';
import { ReportBasis } from '../../read-models/responses/report-basis.response';

export class ReconciliationSignOff {
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty({ type: 'integer' }) reportedPence: number;
  @ApiProperty({ type: 'integer' }) evidencedPence: number;
  @ApiProperty() note: string;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
  @ApiProperty({ type: RecordedActor }) by: RecordedActor;
}

export class ReconciledReport {
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty({ type: 'integer' }) statedTotalPence: number;
  @ApiProperty({ type: RecordedSource }) source: unknown;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
  @ApiProperty({ type: ReconciliationSignOff, nullable: true, description: 'null until this version is signed off' })
  signedOff: ReconciliationSignOff | null;
}

export class ReconciledBenefit {
  @ApiProperty() interventionId: string;
  @ApiProperty() benefitId: string;
  @ApiProperty() benefitType: string;
  @ApiProperty() recurrence: string;
  @ApiProperty({ type: Figure }) linkedPence: Figure;
}

/** A line's cash: reported cash against the cash evidencing it; a cash-releasing line evidenced by what is not cash is flagged. */
export class LineCashEvidence {
  @ApiProperty({ type: Figure, description: "the line's amount if it is cash-releasing, else 0" })
  reportedPence: Figure;
  @ApiProperty({
    type: Figure,
    description:
      'the part of the linked value that is cash: cash-releasing benefits, and cash actually released from capacity',
  })
  evidencedPence: Figure;
  @ApiProperty({ type: Figure, description: 'of a cash-releasing line, the linked value that is not cash' })
  evidenceNotCashPence: Figure;
  @ApiProperty({ type: String, nullable: true, description: 'why the line is flagged; null when it is not' }) flag:
    string | null;
}

export class ReconciledLine {
  @ApiProperty() lineId: string;
  @ApiProperty() description: string;
  @ApiProperty() cashReleasing: boolean;
  @ApiProperty() recurrent: boolean;
  @ApiProperty({ enum: LINE_STATUSES }) status: LineStatus;
  @ApiProperty({ type: Figure }) reportedPence: Figure;
  @ApiProperty({ type: Figure }) evidencedPence: Figure;
  @ApiProperty({ type: Figure, description: 'evidenced − reported' }) variancePence: Figure;
  @ApiProperty({ type: [ReconciledBenefit] }) benefits: ReconciledBenefit[];
  @ApiProperty({ type: LineCashEvidence }) cash: LineCashEvidence;
}

/** A claim landing here that finance has not yet validated or rejected. */
export class ClaimAwaitingValidation {
  @ApiProperty() interventionId: string;
  @ApiProperty() benefitId: string;
  @ApiProperty() benefitType: string;
  @ApiProperty({ type: Figure, description: 'as last claimed or revised' }) claimedPence: Figure;
}

export class UnclaimedBenefit {
  @ApiProperty() interventionId: string;
  @ApiProperty() benefitId: string;
  @ApiProperty() benefitType: string;
  @ApiProperty() recurrence: string;
  @ApiProperty({ type: 'integer' }) validatedPence: number;
  @ApiProperty({ type: 'integer' }) linkedPence: number;
  @ApiProperty({ type: Figure }) unclaimedPence: Figure;
}

export class ReconciliationTotals {
  @ApiProperty({ type: Figure }) reportedPence: Figure;
  @ApiProperty({ type: Figure }) evidencedPence: Figure;
  @ApiProperty({ type: Figure }) variancePence: Figure;
  @ApiProperty({ type: Figure }) validatedLandedPence: Figure;
  @ApiProperty({ type: Figure }) unclaimedPence: Figure;
  @ApiProperty({ type: Figure, description: 'Σ cash-releasing lines' }) reportedCashPence: Figure;
  @ApiProperty({ type: Figure, description: 'Σ cash evidencing cash-releasing lines' }) evidencedCashPence: Figure;
  @ApiProperty({ type: Figure, description: 'Σ evidence of cash-releasing lines that is not cash (flagged lines)' })
  cashEvidenceNotCashPence: Figure;
  @ApiProperty({ type: Figure, description: 'Σ claims landing here awaiting validation' })
  claimsAwaitingValidationPence: Figure;
}

/** One side of the reconciliation split into cash-releasing or not and recurrent or not. */
export class ReconciliationSplit {
  @ApiProperty({ type: Figure }) cashReleasingPence: Figure;
  @ApiProperty({ type: Figure }) nonCashReleasingPence: Figure;
  @ApiProperty({ type: Figure }) recurrentPence: Figure;
  @ApiProperty({ type: Figure }) nonRecurrentPence: Figure;
}

// the code builds each side with Object.fromEntries over every split, so its type is a record: the document names the keys
export class ReconciliationSplits {
  @ApiProperty({ type: ReconciliationSplit }) reported: Record<string, Figure>;
  @ApiProperty({ type: ReconciliationSplit }) evidenced: Record<string, Figure>;
  @ApiProperty({ type: ReconciliationSplit }) validatedLanded: Record<string, Figure>;
  @ApiProperty({ type: ReconciliationSplit }) unclaimed: Record<string, Figure>;
}

/** How many lines have each status. */
export class LinesByStatus {
  @ApiProperty({ type: 'integer' }) evidenced: number;
  @ApiProperty({ type: 'integer', name: 'partly-evidenced' }) 'partly-evidenced': number;
  @ApiProperty({ type: 'integer' }) unevidenced: number;
}

export class Reconciliation extends ReportBasis {
  @ApiProperty({ enum: ['reconciliation'] }) query: string;
  @ApiProperty() organisationId: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: '2019/20' }) financialYear: string;
  @ApiProperty({ type: ReconciledReport }) report: ReconciledReport;
  @ApiProperty({ type: [ReconciledLine] }) lines: ReconciledLine[];
  // the code builds it with Object.fromEntries over LINE_STATUSES: every status is present
  @ApiProperty({ type: LinesByStatus }) byStatus: Record<string, number>;
  @ApiProperty({ type: [UnclaimedBenefit], description: 'validated benefits landing here that no line claims in full' })
  unclaimedBenefits: UnclaimedBenefit[];
  @ApiProperty({
    type: [ClaimAwaitingValidation],
    description: 'beside them: claims landing here in the year not yet validated (nor rejected)',
  })
  claimsAwaitingValidation: ClaimAwaitingValidation[];
  @ApiProperty({
    type: 'integer',
    description: 'how many cash-releasing lines are evidenced in part by what is not cash',
  })
  flaggedLines: number;
  @ApiProperty({ type: ReconciliationTotals }) totals: ReconciliationTotals;
  @ApiProperty({ type: ReconciliationSplits }) splits: ReconciliationSplits;
}

export class ReconciliationClosedYear extends ClosedYear {
  @ApiProperty({ type: Reconciliation, nullable: true }) asClosed: Reconciliation | null;
}

@ApiExtraModels(OpenYear, ReconciliationClosedYear)
export class ReconciliationResponse extends Reconciliation {
  @ApiPropertyOptional(periodOf(ReconciliationClosedYear)) period?: OpenYear | ReconciliationClosedYear;
}

export type ReconciliationChecked = [
  Fits<ReconciliationAnswer, ReconciliationResponse>,
  NoneUndeclared<Undeclared<ReconciliationAnswer, ReconciliationResponse>>,
];
