import { IsInt, Max, Min } from 'class-validator';
import { GREEN_BOOK_HORIZON_YEARS, RISK_RATINGS, RegisterInput, RiskRating } from '@benefit-ledger/domain';
import {
  DateField,
  EnumField,
  FinancialYearField,
  IdField,
  NestedField,
  NestedListField,
  NumberField,
  TextField,
} from '../http-validation/fields';

/** The benefits register fields of a claim or revision (docs/benefits-register.md). Every one may be left out. */
export class BenefitOwnerDto {
  @TextField({
    max: 200,
    example: 'Director of Operations',
    description: 'the role that answers for the benefit arriving',
  })
  role: string;
  @IdField({ description: 'the organisation the role belongs to' }) organisationId: string;
}

export class RegisterMeasureDto {
  @TextField({
    max: 200,
    example: 'emergency bed-days per month',
    description: 'the measurement series the benefit is tracked by',
  })
  series: string;
  @TextField({ max: 50, example: 'bed-days' }) unit: string;
}

export class DatedValueDto {
  @NumberField({ example: 120 }) value: number;
  @DateField() date: string;
}

export class BenefitTimingDto {
  @FinancialYearField({ description: 'the first financial year the benefit arrives in' }) firstYear: string;
  @NumberField({ example: 3, description: `how many years it arrives for (1 to ${GREEN_BOOK_HORIZON_YEARS + 1})` })
  @IsInt({ message: '$property must be a whole number of years' })
  @Min(1, { message: '$property must be at least 1' })
  @Max(GREEN_BOOK_HORIZON_YEARS + 1, { message: `$property must be at most ${GREEN_BOOK_HORIZON_YEARS + 1}` })
  durationYears: number;
}

export class BenefitDependencyDto {
  @IdField({ description: 'an intervention (this one or another) the benefit depends on' }) interventionId: string;
  @IdField({ optional: true, description: 'one benefit of that intervention; left out, the whole intervention' })
  benefitId?: string;
}

export class BenefitRiskDto {
  @TextField({ max: 2000, example: 'community beds not staffed in winter' }) description: string;
  @EnumField(RISK_RATINGS) rating: RiskRating;
}

export class BenefitRegisterDto {
  @NestedField(() => BenefitOwnerDto, { optional: true }) owner?: BenefitOwnerDto;
  @NestedField(() => RegisterMeasureDto, { optional: true }) measure?: RegisterMeasureDto;
  @NestedField(() => DatedValueDto, { optional: true, description: 'the measure before the intervention, and when' })
  baseline?: DatedValueDto;
  @NestedField(() => DatedValueDto, {
    optional: true,
    description: 'the measure the benefit should reach, and by when',
  })
  target?: DatedValueDto;
  @NestedField(() => BenefitTimingDto, { optional: true }) timing?: BenefitTimingDto;
  @NestedListField(() => BenefitDependencyDto, { optional: true, maxItems: 50 }) dependencies?: BenefitDependencyDto[];
  @NestedListField(() => BenefitRiskDto, { optional: true, maxItems: 50 }) risks?: BenefitRiskDto[];
}

/** A register DTO as plain data for a command: only the fields given (a revision keeps the others). */
export function plainRegister(dto: BenefitRegisterDto | undefined): RegisterInput | null {
  if (!dto) return null;
  return {
    ...(dto.owner ? { owner: { role: dto.owner.role, organisationId: dto.owner.organisationId } } : {}),
    ...(dto.measure ? { measure: { series: dto.measure.series, unit: dto.measure.unit } } : {}),
    ...(dto.baseline ? { baseline: { value: dto.baseline.value, date: dto.baseline.date } } : {}),
    ...(dto.target ? { target: { value: dto.target.value, date: dto.target.date } } : {}),
    ...(dto.timing ? { timing: { firstYear: dto.timing.firstYear, durationYears: dto.timing.durationYears } } : {}),
    ...(dto.dependencies
      ? {
          dependencies: dto.dependencies.map((dependency) => ({
            interventionId: dependency.interventionId,
            benefitId: dependency.benefitId ?? null,
          })),
        }
      : {}),
    ...(dto.risks ? { risks: dto.risks.map((r) => ({ description: r.description, rating: r.rating })) } : {}),
  };
}
