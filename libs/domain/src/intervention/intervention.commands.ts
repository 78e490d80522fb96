import { DataSource } from '../shared/data-source';
import { FinancialYear } from '../shared/financial-year';
import { Pence } from '../shared/money';
import { ProfileRequest } from '../valuation/green-book';
import { UnitCostState } from '../valuation/unit-cost.state';
import { Lenses, Quantity, Valuation } from './intervention.events';
import { RegisterInput } from './benefit-register';
import { BenefitType, CostType, Decision, Harvest, Lens, MeasurementKind, Recurrence } from './intervention-vocabulary';

/** What may be asked of an intervention. Ids (and the decision date) are given, never generated here. */
export type InterventionCommand =
  | {
      type: 'RegisterIntervention';
      interventionId: string;
      title: string;
      leadOrganisationId: string;
      pathway: string | null;
      method: string | null;
      lenses: Lenses;
      strategicPriorities: string[];
    }
  | { type: 'RecordDecision'; decision: Decision; rationale: string; decidedOn: string }
  | {
      type: 'RecordCost';
      costId: string;
      costType: CostType;
      category: string;
      amountPence: Pence;
      financialYear: FinancialYear;
      bearerOrganisationId: string;
      source: DataSource;
    }
  | {
      type: 'RecordMeasurement';
      measurementId: string;
      measure: string;
      unit: string;
      kind: MeasurementKind;
      value: number;
      periodStart: string;
      periodEnd: string;
      source: DataSource;
    }
  | ({
      type: 'ClaimBenefit';
      benefitId: string;
      benefitType: BenefitType;
      lens: Lens;
      description: string;
      quantity: Quantity;
      recurrence: Recurrence;
      financialYear: FinancialYear;
      landingOrganisationId: string;
      evidence: string[];
      source: DataSource;
      register?: RegisterInput | null;
    } & BenefitValuationInput)
  | ({
      type: 'ReviseBenefit';
      benefitId: string;
      quantity: Quantity;
      reason: string;
      source: DataSource;
      /** The register fields to replace; those left out are kept. */
      register?: RegisterInput | null;
    } & BenefitValuationInput)
  | {
      type: 'ValidateBenefit';
      benefitId: string;
      validatedValuePence: Pence;
      note: string;
      source: DataSource;
      /** Less than the claimed quantity when finance accepts only part of it; left out, the claimed quantity. */
      validatedQuantity?: number | null;
    }
  | { type: 'RejectBenefit'; benefitId: string; reason: string }
  | {
      type: 'ReleaseCapacity';
      releaseId: string;
      benefitId: string;
      resource: string;
      quantity: number;
      landingOrganisationId: string;
      financialYear: FinancialYear;
      source: DataSource;
    }
  | {
      type: 'HarvestCapacity';
      releaseId: string;
      harvest: Harvest;
      quantity: number;
      rationale: string;
      source: DataSource;
    }
  | { type: 'ReleaseCash'; releaseId: string; amountPence: Pence; budgetLine: string; source: DataSource }
  | {
      type: 'ReinvestCapacity';
      releaseId: string;
      quantity: number;
      into: { description: string; organisationId: string };
      valuePence: Pence | null;
      source: DataSource;
    }
  | {
      type: 'RecordBenefitActual';
      benefitId: string;
      financialYear: FinancialYear;
      valuePence: Pence;
      quantity: Quantity;
      source: DataSource;
    };

/**
 * How a claim or revision asks to be valued. `valuePence` may be null only when the benefit is valued from the
 * catalogue (`valuation.unitCostId`): the system computes it. `unitCost` is that catalogue entry, read at the
 * edge (the decider stays pure); `profile` asks for a multi-year profile to be discounted.
 */
export interface BenefitValuationInput {
  valuation: Valuation;
  valuePence: Pence | null;
  unitCost?: UnitCostState | null;
  profile?: ProfileRequest | null;
}

export type InterventionCommandType = InterventionCommand['type'];

/** The organisations a command names, with the field that names each (checked to exist at the edge). */
export function organisationReferences(command: InterventionCommand): { field: string; organisationId: string }[] {
  switch (command.type) {
    case 'RegisterIntervention':
      return [{ field: 'leadOrganisationId', organisationId: command.leadOrganisationId }];
    case 'RecordCost':
      return [{ field: 'bearerOrganisationId', organisationId: command.bearerOrganisationId }];
    case 'ClaimBenefit':
      return [{ field: 'landingOrganisationId', organisationId: command.landingOrganisationId }];
    case 'ReleaseCapacity':
      return [{ field: 'landingOrganisationId', organisationId: command.landingOrganisationId }];
    case 'ReinvestCapacity':
      return [{ field: 'into.organisationId', organisationId: command.into.organisationId }];
    default:
      return [];
  }
}

/**
 * The organisation a claim's or revision's register names as its owner's, checked to exist at the edge (kept apart
 * from organisationReferences: the owner answers for the benefit, its reported figures are not touched).
 */
export function registerOwnerReferences(command: InterventionCommand): { field: string; organisationId: string }[] {
  if (command.type !== 'ClaimBenefit' && command.type !== 'ReviseBenefit') return [];
  return command.register?.owner
    ? [{ field: 'register.owner.organisationId', organisationId: command.register.owner.organisationId }]
    : [];
}
