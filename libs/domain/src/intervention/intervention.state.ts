import { streamIdOf } from '../shared/stream-names';
import { FinancialYear } from '../shared/financial-year';
import { Pence } from '../shared/money';
import { Hundredths, toHundredths } from '../shared/quantity';
import { DiscountedProfile } from '../valuation/green-book';
import { Lenses, InterventionEvent, Valuation } from './intervention.events';
import { BenefitRegister, NOTHING_REGISTERED, reviseRegister } from './benefit-register';
import {
  BenefitStatus,
  BenefitType,
  CostType,
  Harvest,
  InterventionStatus,
  Lens,
  Recurrence,
} from './intervention-vocabulary';

export interface CostState {
  costId: string;
  costType: CostType;
  amountPence: Pence;
  financialYear: FinancialYear;
  bearerOrganisationId: string;
}
export interface BenefitState {
  benefitId: string;
  benefitType: BenefitType;
  lens: Lens;
  valuePence: Pence;
  recurrence: Recurrence;
  financialYear: FinancialYear;
  landingOrganisationId: string;
  status: BenefitStatus;
  validatedValuePence: Pence | null;
  /** As last claimed or revised (with the catalogue edition, when valued from it). */
  valuation: Valuation;
  profile: DiscountedProfile | null;
  /** The quantity as last claimed or revised, in hundredths of `unit`. */
  quantity: Hundredths;
  unit: string;
  /** The quantity finance validated (hundredths of `unit`); null until validated. */
  validatedQuantity: Hundredths | null;
  /** The benefits register entry as last claimed or revised. */
  register: BenefitRegister;
  /** The financial years with an actual recorded (plan against actual). */
  actualYears: FinancialYear[];
}
/** One reinvestment of a release: its quantity and the value it records (null: none recorded). */
export interface ReinvestmentState {
  quantity: Hundredths;
  valuePence: Pence | null;
}
export interface ReleaseState {
  releaseId: string;
  benefitId: string;
  resource: string;
  landingOrganisationId: string;
  financialYear: FinancialYear;
  released: Hundredths;
  harvested: Record<Harvest, Hundredths>;
  reinvested: Hundredths;
  cashReleasedPence: Pence;
  reinvestments: ReinvestmentState[];
}

export interface InterventionState {
  registered: boolean;
  interventionId: string | null;
  title: string | null;
  leadOrganisationId: string | null;
  lenses: Lenses | null;
  strategicPriorities: string[];
  status: InterventionStatus | null;
  costs: CostState[];
  measurementIds: Set<string>;
  benefits: Map<string, BenefitState>;
  releases: Map<string, ReleaseState>;
}

export const initialInterventionState: InterventionState = {
  registered: false,
  interventionId: null,
  title: null,
  leadOrganisationId: null,
  lenses: null,
  strategicPriorities: [],
  status: null,
  costs: [],
  measurementIds: new Set(),
  benefits: new Map(),
  releases: new Map(),
};

export const interventionStreamId = (interventionId: string) => streamIdOf('intervention', interventionId);

/** The status each decision moves an intervention to; scale and spread change reach, not status (the read models' status reads it too). */
export const STATUS_AFTER: Record<string, InterventionStatus> = {
  approve: 'approved',
  start: 'active',
  pause: 'paused',
  stop: 'stopped',
  close: 'closed',
};

/** The entry an event names; the decider accepted the event only after finding it, so a miss is a corrupt log. */
function entryOf<V>(entries: ReadonlyMap<string, V>, id: string, what: string): V {
  const entry = entries.get(id);
  if (entry === undefined)
    throw new Error(`${what} '${id}' is not in the intervention's state: the event refers to one never recorded`);
  return entry;
}

function withBenefit(
  state: InterventionState,
  benefitId: string,
  change: (benefit: BenefitState) => BenefitState,
): InterventionState {
  const benefits = new Map(state.benefits);
  benefits.set(benefitId, change(entryOf(state.benefits, benefitId, 'benefit')));
  return { ...state, benefits };
}

function withRelease(
  state: InterventionState,
  releaseId: string,
  change: (release: ReleaseState) => ReleaseState,
): InterventionState {
  const releases = new Map(state.releases);
  releases.set(releaseId, change(entryOf(state.releases, releaseId, 'capacity release')));
  return { ...state, releases };
}

export function evolveIntervention(state: InterventionState, event: InterventionEvent): InterventionState {
  switch (event.type) {
    case 'InterventionRegistered': {
      const d = event.data;
      return {
        ...state,
        registered: true,
        interventionId: d.interventionId,
        title: d.title,
        leadOrganisationId: d.leadOrganisationId,
        lenses: d.lenses,
        strategicPriorities: d.strategicPriorities,
        status: 'registered',
      };
    }
    case 'InterventionDecisionRecorded':
      // scale and spread change reach, not status
      return { ...state, status: STATUS_AFTER[event.data.decision] ?? state.status };
    case 'CostRecorded': {
      const { costId, costType, amountPence, financialYear, bearerOrganisationId } = event.data;
      return {
        ...state,
        costs: [...state.costs, { costId, costType, amountPence, financialYear, bearerOrganisationId }],
      };
    }
    case 'MeasurementRecorded':
      return { ...state, measurementIds: new Set(state.measurementIds).add(event.data.measurementId) };
    case 'BenefitClaimed': {
      const d = event.data;
      const benefits = new Map(state.benefits);
      benefits.set(d.benefitId, {
        benefitId: d.benefitId,
        benefitType: d.benefitType,
        lens: d.lens,
        valuePence: d.valuePence,
        recurrence: d.recurrence,
        financialYear: d.financialYear,
        landingOrganisationId: d.landingOrganisationId,
        status: 'claimed',
        validatedValuePence: null,
        valuation: d.valuation,
        profile: d.profile ?? null,
        quantity: toHundredths(d.quantity.value),
        unit: d.quantity.unit,
        validatedQuantity: null,
        register: d.register ?? NOTHING_REGISTERED,
        actualYears: [],
      });
      return { ...state, benefits };
    }
    case 'BenefitRevised':
      return withBenefit(state, event.data.benefitId, (b) => ({
        ...b,
        valuePence: event.data.valuePence,
        valuation: event.data.valuation,
        profile: event.data.profile ?? null,
        quantity: toHundredths(event.data.quantity.value),
        unit: event.data.quantity.unit,
        register: reviseRegister(b.register, event.data.register),
      }));
    case 'BenefitValidated': {
      // a validation recorded before validatedQuantity existed accepted the quantity claimed
      const quantity = event.data.validatedQuantity;
      return withBenefit(state, event.data.benefitId, (b) => ({
        ...b,
        status: 'validated',
        validatedValuePence: event.data.validatedValuePence,
        validatedQuantity: quantity === undefined ? b.quantity : toHundredths(quantity),
      }));
    }
    case 'BenefitRejected':
      return withBenefit(state, event.data.benefitId, (b) => ({ ...b, status: 'rejected' }));
    case 'CapacityReleased': {
      const d = event.data;
      const releases = new Map(state.releases);
      releases.set(d.releaseId, {
        releaseId: d.releaseId,
        benefitId: d.benefitId,
        resource: d.resource,
        landingOrganisationId: d.landingOrganisationId,
        financialYear: d.financialYear,
        released: toHundredths(d.quantity),
        harvested: { 'cash-release': 0, reinvest: 0, unharvested: 0 },
        reinvested: 0,
        cashReleasedPence: 0,
        reinvestments: [],
      });
      return { ...state, releases };
    }
    case 'CapacityHarvested':
      return withRelease(state, event.data.releaseId, (r) => ({
        ...r,
        harvested: {
          ...r.harvested,
          [event.data.harvest]: r.harvested[event.data.harvest] + toHundredths(event.data.quantity),
        },
      }));
    case 'CashReleased':
      return withRelease(state, event.data.releaseId, (r) => ({
        ...r,
        cashReleasedPence: r.cashReleasedPence + event.data.amountPence,
      }));
    case 'CapacityReinvested':
      return withRelease(state, event.data.releaseId, (r) => ({
        ...r,
        reinvested: r.reinvested + toHundredths(event.data.quantity),
        reinvestments: [
          ...r.reinvestments,
          { quantity: toHundredths(event.data.quantity), valuePence: event.data.valuePence ?? null },
        ],
      }));
    case 'BenefitActualRecorded':
      return withBenefit(state, event.data.benefitId, (b) => ({
        ...b,
        actualYears: [...b.actualYears, event.data.financialYear],
      }));
    case 'RestatementRecorded':
      return state; // the change it explains follows it
  }
}
