import { ApiProperty } from '@nestjs/swagger';
import { BENEFIT_TYPES, BenefitType, PARTNERSHIP_ROLES, PartnershipRole } from '@benefit-ledger/domain';
import { RecordedSource } from '../../http/responses/recorded-source.response';
import { Fits, NoneUndeclared, Undeclared } from '../../http/response-shape';
import type { PartnershipAnswer } from '../../http/query-answers';
import { COST_TYPES, CostType } from '@benefit-ledger/domain';

export class PartnershipMemberState {
  @ApiProperty() organisationId: string;
  @ApiProperty({ enum: PARTNERSHIP_ROLES }) role: PartnershipRole;
}

export class FormerPartnershipMember extends PartnershipMemberState {
  @ApiProperty() reason: string;
}

export class AgreementShare {
  @ApiProperty() organisationId: string;
  @ApiProperty({ type: 'integer', description: 'basis points (10000 = 100%)' }) basisPoints: number;
}

export class AttributionAgreement {
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty({ type: [AgreementShare] }) shares: AgreementShare[];
  @ApiProperty({ enum: BENEFIT_TYPES, isArray: true }) benefitTypes: BenefitType[];
  @ApiProperty({ example: '2019/20' }) effectiveFrom: string;
}

export class PartnershipEnrolment {
  @ApiProperty() interventionId: string;
  @ApiProperty({ type: 'integer' }) attributionBasisPoints: number;
}

export class PartnershipCost {
  @ApiProperty() costId: string;
  @ApiProperty({ enum: COST_TYPES, description: 'a cost recorded before costs were typed reads as direct' })
  costType: CostType;
  @ApiProperty() category: string;
  @ApiProperty({ type: 'integer' }) amountPence: number;
  @ApiProperty({ example: '2019/20' }) financialYear: string;
  @ApiProperty() bearerOrganisationId: string;
  @ApiProperty({ type: RecordedSource }) source: RecordedSource;
}

/** The partnership as it stands; `revision` is what to send as If-Match (id and name are null only before it is formed, answered 404). */
export class PartnershipResponse {
  @ApiProperty({ type: String, nullable: true }) partnershipId: string | null;
  @ApiProperty({ type: String, nullable: true }) name: string | null;
  @ApiProperty({ type: 'integer' }) revision: number;
  @ApiProperty({
    type: [PartnershipMemberState],
    description: 'current members, in the order they were formed with or joined',
  })
  members: PartnershipMemberState[];
  @ApiProperty({ type: [FormerPartnershipMember], description: 'organisations that left, in the order they left' })
  formerMembers: FormerPartnershipMember[];
  @ApiProperty({ type: [AttributionAgreement], description: 'every agreement, by version' })
  agreements: AttributionAgreement[];
  @ApiProperty({ type: [PartnershipEnrolment] }) enrolments: PartnershipEnrolment[];
  @ApiProperty({ type: [PartnershipCost] }) costs: PartnershipCost[];
}

export type PartnershipChecked = [
  Fits<PartnershipAnswer, PartnershipResponse>,
  NoneUndeclared<Undeclared<PartnershipAnswer, PartnershipResponse>>,
];
