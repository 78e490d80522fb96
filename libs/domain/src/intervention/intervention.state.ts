import { List, Map as PersistentMap, OrderedMap, OrderedSet, Set as PersistentSet } from 'immutable';
import { streamIdOf } from '../shared/stream-names';
import { FinancialYear } from '../shared/financial-year';
import { Pence } from '../shared/money';
import { Hundredths, toHundredths } from '../shared/quantity';
import { DiscountedProfile } from '../valuation/green-book';
import { Lenses, InterventionEvent, Valuation } from './intervention.events';
import { BenefitRegister, NOTHING_REGISTERED, reviseRegister } from './benefit-register';
import { drawnAfterRelease, withLanding } from './intervention-running-totals';
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

/**
 * The collections that grow with the stream are persistent (Immutable.js): recording one more cost, measurement,
 * claim or release makes a new collection sharing all but O(log n) nodes with the one before, where copying a plain
 * array, Set or Map was O(n) per event (O(n²) per fold). They are never changed in place, so a state kept between
 * commands (the folded-state cache) stays as it was. Ordered, so they list in the order recorded, as before; read
 * them as lists, maps and sets (`get`, `has`, `size`, `values()`).
 */
export interface InterventionState {
  registered: boolean;
  interventionId: string | null;
  title: string | null;
  leadOrganisationId: string | null;
  lenses: Lenses | null;
  strategicPriorities: string[];
  status: InterventionStatus | null;
  /** In the order recorded. */
  costs: List<CostState>;
  /** The costIds recorded: a new cost's id is checked against them. */
  costIds: PersistentSet<string>;
  measurementIds: OrderedSet<string>;
  benefits: OrderedMap<string, BenefitState>;
  releases: OrderedMap<string, ReleaseState>;
  /** By benefitId: how much of the benefit's quantity its releases have drawn (hundredths), the sum over `releases`. */
  releasedByBenefit: PersistentMap<string, Hundredths>;
  /** Every organisation the intervention touches: its lead, its cost bearers, where its benefits and releases land. */
  parties: PersistentSet<string>;
}

export const initialInterventionState: InterventionState = {
  registered: false,
  interventionId: null,
  title: null,
  leadOrganisationId: null,
  lenses: null,
  strategicPriorities: [],
  status: null,
  costs: List(),
  costIds: PersistentSet(),
  measurementIds: OrderedSet(),
  benefits: OrderedMap(),
  releases: OrderedMap(),
  releasedByBenefit: PersistentMap(),
  parties: PersistentSet(),
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
function entryOf<V>(entries: OrderedMap<string, V>, id: string, what: string): V {
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
  return { ...state, benefits: state.benefits.set(benefitId, change(entryOf(state.benefits, benefitId, 'benefit'))) };
}

function withRelease(
  state: InterventionState,
  releaseId: string,
  change: (release: ReleaseState) => ReleaseState,
): InterventionState {
  const release = change(entryOf(state.releases, releaseId, 'capacity release'));
  return { ...state, releases: state.releases.set(releaseId, release) };
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
        parties: d.leadOrganisationId ? state.parties.add(d.leadOrganisationId) : state.parties,
      };
    }
    case 'InterventionDecisionRecorded':
      // scale and spread change reach, not status
      return { ...state, status: STATUS_AFTER[event.data.decision] ?? state.status };
    case 'CostRecorded': {
      const { costId, costType, amountPence, financialYear, bearerOrganisationId } = event.data;
      return {
        ...state,
        costs: state.costs.push({ costId, costType, amountPence, financialYear, bearerOrganisationId }),
        costIds: state.costIds.add(costId),
        parties: state.parties.add(bearerOrganisationId), // the same set back when the bearer is already one
      };
    }
    case 'MeasurementRecorded':
      return { ...state, measurementIds: state.measurementIds.add(event.data.measurementId) };
    case 'BenefitClaimed': {
      const d = event.data;
      const benefits = state.benefits.set(d.benefitId, {
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
      return withLanding(state, { ...state, benefits }, state.benefits.has(d.benefitId), d.landingOrganisationId);
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
      const releases = state.releases.set(d.releaseId, {
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
      const releasedByBenefit = drawnAfterRelease(state, d.releaseId, d.benefitId, toHundredths(d.quantity));
      const changed = { ...state, releases, releasedByBenefit };
      return withLanding(state, changed, state.releases.has(d.releaseId), d.landingOrganisationId);
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
