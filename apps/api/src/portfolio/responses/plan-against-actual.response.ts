import { ApiProperty } from '@nestjs/swagger';
import { RecordedSource } from '../../http/responses/recorded-source.response';
import { BenefitWritten } from '../../interventions/responses/intervention-writes.response';

/** POST …/actuals: where the actual landed. */
export class BenefitActualWritten extends BenefitWritten {
  @ApiProperty({ example: '2020/21' }) financialYear: string;
}

const YEAR_FLAGS = ['below-threshold', 'not-recorded'] as const;

/** One year of one benefit: forecast (undiscounted, as claimed), actual, variance (actual − forecast) and why it is flagged. */
export class BenefitPlanYear {
  @ApiProperty({ example: '2020/21' }) financialYear: string;
  @ApiProperty({ type: 'integer' }) forecastPence: number;
  @ApiProperty({ type: 'integer', nullable: true, description: 'null: nothing recorded for the year' }) actualPence:
    number | null;
  @ApiProperty({
    type: 'integer',
    description: 'actual − forecast (nothing recorded counts as 0); negative when short',
  })
  variancePence: number;
  @ApiProperty({
    enum: YEAR_FLAGS,
    nullable: true,
    description:
      'below-threshold: the actual is below the threshold share of forecast; not-recorded: a due year with no actual',
  })
  flag: (typeof YEAR_FLAGS)[number] | null;
  @ApiProperty({ type: Number, nullable: true, description: "the quantity that arrived, in the benefit's unit" })
  actualQuantity: number | null;
  @ApiProperty({ type: RecordedSource, nullable: true, description: 'where the actual came from' })
  source: RecordedSource | null;
}

export class BenefitPlan {
  @ApiProperty() interventionId: string;
  @ApiProperty() benefitId: string;
  @ApiProperty() landingOrganisationId: string;
  @ApiProperty({ example: 'bed-days' }) unit: string;
  @ApiProperty({ type: 'integer' }) forecastPence: number;
  @ApiProperty({ type: 'integer' }) actualPence: number;
  @ApiProperty({ type: 'integer' }) variancePence: number;
  @ApiProperty({ description: 'some year is flagged' }) flagged: boolean;
  @ApiProperty({ type: [BenefitPlanYear] }) years: BenefitPlanYear[];
}

/** Forecast, actual and variance of many benefits in one year. */
export class PlanYearTotals {
  @ApiProperty({ example: '2020/21' }) financialYear: string;
  @ApiProperty({ type: 'integer' }) forecastPence: number;
  @ApiProperty({ type: 'integer' }) actualPence: number;
  @ApiProperty({ type: 'integer' }) variancePence: number;
}

abstract class PlanTotals {
  @ApiProperty({ type: [PlanYearTotals] }) years: PlanYearTotals[];
  @ApiProperty({ type: 'integer' }) forecastPence: number;
  @ApiProperty({ type: 'integer' }) actualPence: number;
  @ApiProperty({ type: 'integer' }) variancePence: number;
}

abstract class PlanBasis extends PlanTotals {
  @ApiProperty({
    type: 'integer',
    description:
      'a year whose actual is below this share (%) of its forecast is flagged (BENEFIT_SLIP_THRESHOLD_PERCENT)',
  })
  thresholdPercent: number;
  @ApiProperty({ example: '2021/22', description: 'the last year judged due' }) throughYear: string;
}

/** GET /interventions/:id/plan-against-actual: its validated benefits, each and rolled up by year. */
export class InterventionPlanAgainstActualResponse extends PlanBasis {
  @ApiProperty() interventionId: string;
  @ApiProperty({ type: [String] }) flaggedBenefitIds: string[];
  @ApiProperty({ type: [BenefitPlan] }) benefits: BenefitPlan[];
}

export class OrganisationPlanTotals extends PlanTotals {
  @ApiProperty() organisationId: string;
}

export class BenefitPlanPage {
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer' }) offset: number;
  @ApiProperty({ type: 'integer' }) limit: number;
  @ApiProperty({ type: [BenefitPlan] }) items: BenefitPlan[];
}

/** GET /portfolio/plan-against-actual: validated benefits across interventions, rolled up by year and by landing organisation. */
export class PortfolioPlanAgainstActualResponse extends PlanBasis {
  @ApiProperty({ type: String, nullable: true }) organisationId: string | null;
  @ApiProperty({ type: [OrganisationPlanTotals] }) organisations: OrganisationPlanTotals[];
  @ApiProperty({ type: 'integer', description: 'benefits with a flagged year' }) flaggedCount: number;
  @ApiProperty({ type: BenefitPlanPage }) benefits: BenefitPlanPage;
}
