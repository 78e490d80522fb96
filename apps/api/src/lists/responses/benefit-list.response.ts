import { ApiProperty } from '@nestjs/swagger';
import { BENEFIT_STATUSES, BENEFIT_TYPES, LENSES, RECURRENCES } from '@benefit-ledger/domain';
import { RecordedActor } from '../../http/responses/actor.response';
import { Fits, NoneUndeclared, Undeclared } from '../../http/response-shape';
import type { BenefitListAnswer } from '../../http/query-answers';
import { ListWindow } from './list-window.response';

/** An event of a benefit's life: where it sits in the log, when and by whom it was recorded. */
export class BenefitEventAt {
  @ApiProperty({ type: 'integer', description: 'global log position' }) position: number;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
  @ApiProperty({ type: RecordedActor, nullable: true }) by: RecordedActor | null;
}

/** Finance's decision on a benefit, by the cutoff. */
export class BenefitDecisionAt extends BenefitEventAt {
  @ApiProperty({ enum: ['validated', 'rejected'] }) decision: 'validated' | 'rejected';
  @ApiProperty({ type: String, nullable: true, description: "the validation's note, or the rejection's reason" }) note:
    string | null;
}

export class BenefitListItem {
  @ApiProperty() interventionId: string;
  @ApiProperty({ type: String, nullable: true }) interventionTitle: string | null;
  @ApiProperty({ type: String, nullable: true }) leadOrganisationId: string | null;
  @ApiProperty() benefitId: string;
  @ApiProperty({ enum: BENEFIT_TYPES }) benefitType: string;
  @ApiProperty({ enum: LENSES }) lens: string;
  @ApiProperty({ enum: RECURRENCES }) recurrence: string;
  @ApiProperty({ example: '2019/20' }) financialYear: string;
  @ApiProperty() landingOrganisationId: string;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ enum: BENEFIT_STATUSES, description: 'claimed: awaiting finance' }) status:
    'claimed' | 'validated' | 'rejected';
  @ApiProperty({ type: 'integer', nullable: true, description: 'the value claimed, as last revised (integer pence)' })
  valuePence: number | null;
  @ApiProperty({ description: 'whether the claim was revised' }) revised: boolean;
  @ApiProperty({ type: 'integer', nullable: true, description: "finance's validated value; null unless validated" })
  validatedPence: number | null;
  @ApiProperty({ type: BenefitEventAt }) claim: BenefitEventAt;
  @ApiProperty({ type: BenefitDecisionAt, nullable: true, description: 'null while awaiting finance' })
  decision: BenefitDecisionAt | null;
}

export class BenefitListResponse extends ListWindow {
  @ApiProperty({ enum: ['benefits'] }) query: string;
  @ApiProperty({ enum: BENEFIT_STATUSES, nullable: true, description: 'the status asked for, or null for all' })
  status: 'claimed' | 'validated' | 'rejected' | null;
  @ApiProperty({ type: String, nullable: true, example: '2019/20' }) financialYear: string | null;
  @ApiProperty({ type: [BenefitListItem] }) items: BenefitListItem[];
}

export type BenefitListChecked = [
  Fits<BenefitListAnswer, BenefitListResponse>,
  NoneUndeclared<Undeclared<BenefitListAnswer, BenefitListResponse>>,
];
