import { ApiProperty } from '@nestjs/swagger';
import { BENEFIT_STATUSES, BenefitStatus } from '@benefit-ledger/domain';

const CRITERIA = ['costs-counted', 'sources-named', 'finance-validated', 'all-three'] as const;

/** A claim as the lists name it: GET /interventions/:interventionId shows it whole. */
export class QualityClaimRef {
  @ApiProperty() interventionId: string;
  @ApiProperty() benefitId: string;
  @ApiProperty({ type: 'integer', description: 'the value claimed (as last claimed or revised)' }) valuePence: number;
}

export class QualityFailingClaim extends QualityClaimRef {
  @ApiProperty({ description: 'why the claim does not meet the criterion' }) reason: string;
}

/** One claim judged against the three criteria. */
export class QualityJudgedClaim extends QualityClaimRef {
  @ApiProperty() landingOrganisationId: string;
  @ApiProperty({ example: '2019/20' }) financialYear: string;
  @ApiProperty({ enum: BENEFIT_STATUSES }) status: BenefitStatus;
  @ApiProperty({ description: "at least one cost is recorded for the claim's intervention" }) costsCounted: boolean;
  @ApiProperty({
    description:
      "every figure behind the claim (its intervention's costs, its evidence, its claim, revisions and validation) names a data source",
  })
  sourcesNamed: boolean;
  @ApiProperty({ description: 'finance validated the claim' }) financeValidated: boolean;
}

abstract class PageWindow {
  @ApiProperty({ type: 'integer', description: 'how many there are in all (the count they make up)' }) total: number;
  @ApiProperty({ type: 'integer' }) offset: number;
  @ApiProperty({ type: 'integer', maximum: 500 }) limit: number;
}
export class QualityClaimRefPage extends PageWindow {
  @ApiProperty({ type: [QualityClaimRef] }) items: QualityClaimRef[];
}
export class QualityFailingClaimPage extends PageWindow {
  @ApiProperty({ type: [QualityFailingClaim] }) items: QualityFailingClaim[];
}
export class QualityJudgedClaimPage extends PageWindow {
  @ApiProperty({ type: [QualityJudgedClaim] }) items: QualityJudgedClaim[];
}

export class QualityMeeting {
  @ApiProperty({ type: 'integer' }) count: number;
  @ApiProperty({ type: 'integer' }) valuePence: number;
  @ApiProperty({ type: QualityClaimRefPage, description: 'the claims the count is made of, paged' })
  claims: QualityClaimRefPage;
}

export class QualityFailing {
  @ApiProperty({ type: 'integer' }) count: number;
  @ApiProperty({ type: 'integer' }) valuePence: number;
  @ApiProperty({ type: QualityFailingClaimPage, description: 'the claims failing, each with the reason, paged' })
  claims: QualityFailingClaimPage;
}

export class QualityCriterionResult {
  @ApiProperty({ enum: CRITERIA }) criterion: (typeof CRITERIA)[number];
  @ApiProperty({ type: QualityMeeting }) meeting: QualityMeeting;
  @ApiProperty({ type: QualityFailing }) failing: QualityFailing;
}

export class QualityClaims {
  @ApiProperty({ type: 'integer' }) count: number;
  @ApiProperty({ type: 'integer' }) valuePence: number;
  @ApiProperty({ type: QualityJudgedClaimPage }) page: QualityJudgedClaimPage;
}

/** GET /portfolio/quality: every claim in scope judged on costs counted, sources named and finance validation; counts and values meeting each and all three. */
export class PortfolioQualityResponse {
  @ApiProperty({ type: String, nullable: true }) financialYear: string | null;
  @ApiProperty({ type: String, nullable: true }) organisationId: string | null;
  @ApiProperty({ type: QualityClaims }) claims: QualityClaims;
  @ApiProperty({ type: [QualityCriterionResult] }) criteria: QualityCriterionResult[];
}
