import { DomainEvent } from '../shared/decider';
import { DataSource } from '../shared/data-source';
import { FinancialYear } from '../shared/financial-year';
import { Pence } from '../shared/money';
import { RestatementRecorded } from '../period/period.events';
import { DiscountedProfile } from '../valuation/green-book';
import { BenefitRegister } from './benefit-register';
import {
  BenefitType,
  CostType,
  Decision,
  Harvest,
  Lens,
  MeasurementKind,
  Recurrence,
  ValuationMethod,
} from './intervention-vocabulary';

/** The events of one intervention's stream. Add a new event type here, then handle it in evolve. */
export interface Lenses {
  economic: boolean;
  social: boolean;
  strategic: boolean;
}
export interface Quantity {
  value: number;
  unit: string;
}
/**
 * How a benefit was valued. Valued from the catalogue (`unitCostId`), the system fills in the edition in force
 * for the benefit's financial year: `unitValuePence` is its price, `edition` and `priceYear` name it.
 */
export interface Valuation {
  method: ValuationMethod;
  unitCostId?: string;
  unitValuePence?: Pence;
  edition?: string;
  priceYear?: FinancialYear;
}

export type InterventionRegistered = DomainEvent<
  'InterventionRegistered',
  {
    interventionId: string;
    title: string;
    leadOrganisationId: string;
    pathway: string | null;
    method: string | null;
    lenses: Lenses;
    strategicPriorities: string[];
  }
>;
export type InterventionDecisionRecorded = DomainEvent<
  'InterventionDecisionRecorded',
  {
    decision: Decision;
    rationale: string;
    decidedOn: string;
  }
>;
export type CostRecorded = DomainEvent<
  'CostRecorded',
  {
    costId: string;
    costType: CostType;
    category: string;
    amountPence: Pence;
    financialYear: FinancialYear;
    bearerOrganisationId: string;
    source: DataSource;
  }
>;
export type MeasurementRecorded = DomainEvent<
  'MeasurementRecorded',
  {
    measurementId: string;
    measure: string;
    unit: string;
    kind: MeasurementKind;
    value: number;
    period: { start: string; end: string };
    source: DataSource;
  }
>;
export type BenefitClaimed = DomainEvent<
  'BenefitClaimed',
  {
    benefitId: string;
    benefitType: BenefitType;
    lens: Lens;
    description: string;
    quantity: Quantity;
    valuation: Valuation;
    valuePence: Pence;
    recurrence: Recurrence;
    financialYear: FinancialYear;
    landingOrganisationId: string;
    evidence: string[];
    source: DataSource;
    /** A multi-year profile, discounted (Green Book) with the rates used; absent for a single-year benefit. */
    profile?: DiscountedProfile;
    /** The benefits register entry (version 2, always written); a claim of version 1 reads as recording none of it (intervention.upcast.ts). */
    register?: BenefitRegister;
  }
>;
export type BenefitRevised = DomainEvent<
  'BenefitRevised',
  {
    benefitId: string;
    quantity: Quantity;
    valuation: Valuation;
    valuePence: Pence;
    reason: string;
    source: DataSource;
    profile?: DiscountedProfile;
    /** The whole register after the revision (version 2); absent (version 1): the register is unchanged. */
    register?: BenefitRegister;
  }
>;
/**
 * Where a figure came from, as recorded; null only for an event written before a source was required for its kind
 * (read so by upcastInterventionEvent: the stored event is never rewritten). Traces say "source not recorded".
 */
export type RecordedSource = DataSource | null;

export type BenefitValidated = DomainEvent<
  'BenefitValidated',
  {
    benefitId: string;
    validatedValuePence: Pence;
    note: string;
    source: RecordedSource;
    /**
     * The quantity finance accepts, in the benefit's unit: the claimed quantity unless finance gave less. Recorded
     * on every validation since capacity limits were enforced; a validation recorded before reads as the quantity
     * claimed (evolveIntervention).
     */
    validatedQuantity?: number;
  }
>;
export type BenefitRejected = DomainEvent<'BenefitRejected', { benefitId: string; reason: string }>;
export type CapacityReleased = DomainEvent<
  'CapacityReleased',
  {
    releaseId: string;
    benefitId: string;
    resource: string;
    quantity: number;
    landingOrganisationId: string;
    financialYear: FinancialYear;
    source: RecordedSource;
  }
>;
export type CapacityHarvested = DomainEvent<
  'CapacityHarvested',
  {
    releaseId: string;
    harvest: Harvest;
    quantity: number;
    rationale: string;
    source: RecordedSource;
  }
>;
export type CashReleased = DomainEvent<
  'CashReleased',
  { releaseId: string; amountPence: Pence; budgetLine: string; source: RecordedSource }
>;
export type CapacityReinvested = DomainEvent<
  'CapacityReinvested',
  {
    releaseId: string;
    quantity: number;
    into: { description: string; organisationId: string };
    valuePence: Pence | null;
    source: RecordedSource;
  }
>;

/** What finance of the landing organisation recorded as having arrived in a financial year of a validated benefit. */
export type BenefitActualRecorded = DomainEvent<
  'BenefitActualRecorded',
  {
    benefitId: string;
    financialYear: FinancialYear;
    valuePence: Pence;
    quantity: Quantity;
    source: DataSource;
  }
>;

export type InterventionEvent =
  | InterventionRegistered
  | InterventionDecisionRecorded
  | CostRecorded
  | MeasurementRecorded
  | BenefitClaimed
  | BenefitRevised
  | BenefitValidated
  | BenefitRejected
  | CapacityReleased
  | CapacityHarvested
  | CashReleased
  | CapacityReinvested
  | BenefitActualRecorded
  /** Precedes, in the same append, a change to a closed year's figures (see period/period-lock.ts). */
  | RestatementRecorded;
