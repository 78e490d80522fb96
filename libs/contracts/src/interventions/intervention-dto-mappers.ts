import { InterventionCommand, ProfileRequest, Valuation } from '@benefit-ledger/domain';
import { plainSource } from '../shared/data-source.dto';
import { ClaimBenefitDto, ProfileDto, ReviseBenefitDto, ValuationDto } from './claim-benefit.dto';
import { RecordCostDto } from './record-cost.dto';
import { RegisterInterventionDto } from './register-intervention.dto';
import { plainRegister } from './benefit-register.dto';

/** Validated DTOs -> domain commands, shared by the HTTP controller and the CLI import (plain data: no prototypes, no undefined keys). */
type Command<T extends InterventionCommand['type']> = Extract<InterventionCommand, { type: T }>;

export const registerInterventionCommand = (
  body: RegisterInterventionDto,
  interventionId: string,
): Command<'RegisterIntervention'> => ({
  type: 'RegisterIntervention',
  interventionId,
  title: body.title,
  leadOrganisationId: body.leadOrganisationId,
  pathway: body.pathway ?? null,
  method: body.method ?? null,
  lenses: { economic: body.lenses.economic, social: body.lenses.social, strategic: body.lenses.strategic },
  strategicPriorities: [...body.strategicPriorities],
});

/** A cost's fields, the same whether an intervention or a partnership records it (RecordPartnershipCostDto extends RecordCostDto). */
export const costFields = (body: RecordCostDto) => ({
  costType: body.costType,
  category: body.category,
  amountPence: body.amountPence,
  financialYear: body.financialYear,
  bearerOrganisationId: body.bearerOrganisationId,
  source: plainSource(body.source),
});

export const recordCostCommand = (body: RecordCostDto, costId: string): Command<'RecordCost'> => ({
  type: 'RecordCost',
  costId,
  ...costFields(body),
});

export const claimBenefitCommand = (body: ClaimBenefitDto, benefitId: string): Command<'ClaimBenefit'> => ({
  type: 'ClaimBenefit',
  benefitId,
  benefitType: body.benefitType,
  lens: body.lens,
  description: body.description,
  quantity: { value: body.quantity.value, unit: body.quantity.unit },
  valuation: plainValuation(body.valuation),
  valuePence: body.valuePence ?? null,
  recurrence: body.recurrence,
  financialYear: body.financialYear,
  landingOrganisationId: body.landingOrganisationId,
  evidence: [...body.evidence],
  source: plainSource(body.source),
  profile: plainProfile(body.profile),
  register: plainRegister(body.register),
});

export const reviseBenefitCommand = (body: ReviseBenefitDto, benefitId: string): Command<'ReviseBenefit'> => ({
  type: 'ReviseBenefit',
  benefitId,
  quantity: { value: body.quantity.value, unit: body.quantity.unit },
  valuation: plainValuation(body.valuation),
  valuePence: body.valuePence ?? null,
  reason: body.reason,
  source: plainSource(body.source),
  profile: plainProfile(body.profile),
  register: plainRegister(body.register),
});

function plainValuation(valuation: ValuationDto): Valuation {
  return {
    method: valuation.method,
    ...(valuation.unitCostId ? { unitCostId: valuation.unitCostId } : {}),
    ...(valuation.unitValuePence !== undefined ? { unitValuePence: valuation.unitValuePence } : {}),
  };
}

function plainProfile(profile: ProfileDto | undefined): ProfileRequest | null {
  if (!profile) return null;
  return {
    followingYears: profile.followingYears.map((y) => ({ financialYear: y.financialYear, valuePence: y.valuePence })),
    discounting: {
      schedule: profile.discounting.schedule,
      optimismBiasBasisPoints: profile.discounting.optimismBiasBasisPoints,
    },
  };
}
