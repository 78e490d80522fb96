import { InterventionCommand, ProfileRequest, Valuation } from '@benefit-ledger/domain';
import { plainSource } from '../shared/data-source.dto';
import { ClaimBenefitDto, ProfileDto, ReviseBenefitDto, ValuationDto } from './claim-benefit.dto';
import { RecordCostDto } from './record-cost.dto';
import { RegisterInterventionDto } from './register-intervention.dto';
import { plainRegister } from './benefit-register.dto';

/** Validated DTOs -> domain commands, shared by the HTTP controller and the CLI import (plain data: no prototypes, no undefined keys). */
type Command<T extends InterventionCommand['type']> = Extract<InterventionCommand, { type: T }>;

export const registerInterventionCommand = (
  b: RegisterInterventionDto,
  interventionId: string,
): Command<'RegisterIntervention'> => ({
  type: 'RegisterIntervention',
  interventionId,
  title: b.title,
  leadOrganisationId: b.leadOrganisationId,
  pathway: b.pathway ?? null,
  method: b.method ?? null,
  lenses: { economic: b.lenses.economic, social: b.lenses.social, strategic: b.lenses.strategic },
  strategicPriorities: [...b.strategicPriorities],
});

export const recordCostCommand = (b: RecordCostDto, costId: string): Command<'RecordCost'> => ({
  type: 'RecordCost',
  costId,
  costType: b.costType,
  category: b.category,
  amountPence: b.amountPence,
  financialYear: b.financialYear,
  bearerOrganisationId: b.bearerOrganisationId,
  source: plainSource(b.source),
});

export const claimBenefitCommand = (b: ClaimBenefitDto, benefitId: string): Command<'ClaimBenefit'> => ({
  type: 'ClaimBenefit',
  benefitId,
  benefitType: b.benefitType,
  lens: b.lens,
  description: b.description,
  quantity: { value: b.quantity.value, unit: b.quantity.unit },
  valuation: plainValuation(b.valuation),
  valuePence: b.valuePence ?? null,
  recurrence: b.recurrence,
  financialYear: b.financialYear,
  landingOrganisationId: b.landingOrganisationId,
  evidence: [...b.evidence],
  source: plainSource(b.source),
  profile: plainProfile(b.profile),
  register: plainRegister(b.register),
});

export const reviseBenefitCommand = (b: ReviseBenefitDto, benefitId: string): Command<'ReviseBenefit'> => ({
  type: 'ReviseBenefit',
  benefitId,
  quantity: { value: b.quantity.value, unit: b.quantity.unit },
  valuation: plainValuation(b.valuation),
  valuePence: b.valuePence ?? null,
  reason: b.reason,
  source: plainSource(b.source),
  profile: plainProfile(b.profile),
  register: plainRegister(b.register),
});

function plainValuation(v: ValuationDto): Valuation {
  return {
    method: v.method,
    ...(v.unitCostId ? { unitCostId: v.unitCostId } : {}),
    ...(v.unitValuePence !== undefined ? { unitValuePence: v.unitValuePence } : {}),
  };
}

function plainProfile(p: ProfileDto | undefined): ProfileRequest | null {
  if (!p) return null;
  return {
    followingYears: p.followingYears.map((y) => ({ financialYear: y.financialYear, valuePence: y.valuePence })),
    discounting: { schedule: p.discounting.schedule, optimismBiasBasisPoints: p.discounting.optimismBiasBasisPoints },
  };
}
