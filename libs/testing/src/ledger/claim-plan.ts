import { Actor, InterventionCommand, valueOfQuantity } from '@benefit-ledger/domain';
import { Prng } from '../prng';
import { finance } from './actors';
import { benefitShape } from './benefit-shape';
import { fixedSource, fyOfMonth, round2, source } from './calendar';
import { planCapacity } from './capacity-plan';
import { Org, System } from './organisations';
import { Step, World } from './plan-types';
import { BENEFIT_WEIGHTS, LENS_OF, MEASURE_SOURCES, Theme } from './themes';

/** What one intervention's claims share: its generator, who and what it is, where its benefits may land. */
export interface ClaimContext {
  rng: Prng;
  world: World;
  system: System;
  theme: Theme;
  interventionId: string;
  streamId: string;
  lead: string;
  leadActor: Actor;
  landingPool: Org[];
  baselines: string[];
  step: (month: number, command: InterventionCommand, actor?: Actor) => void;
  /** Claims so far (they number the benefit ids) and capacity claims so far (at most two per intervention). */
  counts: { benefits: number; capacity: number };
}

/** One year's round of claims: the claim month, the outcome it cites, and where finance's answers go. */
export interface ClaimRound {
  claimMonth: number;
  outcome: string;
  validationMonth: number;
  revisions: Step[];
  decisions: Step[];
  capacitySteps: Step[];
}

/**
 * One benefit claim, now; a revision, validation or rejection, and capacity steps go into the round's lists (the
 * plan appends them after the year's claims). Returns the month finance decides the claim.
 * The draws from `rng` are in the order the bench's ledger has always made them: its digest depends on it.
 */
export function planClaim(context: ClaimContext, round: ClaimRound): number {
  const { rng, world, system, theme, interventionId, streamId, lead, leadActor, landingPool, baselines, step, counts } =
    context;
  const { claimMonth, outcome, validationMonth, revisions, decisions, capacitySteps } = round;
  let type = rng.weighted(BENEFIT_WEIGHTS);
  if (type === 'capacity' && counts.capacity >= 2) type = 'cost-avoidance';
  if (type === 'capacity') counts.capacity += 1;
  const benefitId = `${interventionId}-b${String(++counts.benefits)}`;
  const shape = benefitShape(rng, type, theme);
  const landing = rng.chance(0.35)
    ? lead
    : rng.chance(0.95)
      ? rng.pick(landingPool).organisationId
      : rng.pick(rng.pick(world.systems).acute).organisationId;
  const fy = fyOfMonth(claimMonth - rng.int(2, 5));
  step(claimMonth, {
    type: 'ClaimBenefit',
    benefitId,
    benefitType: type,
    lens: rng.chance(0.1) ? rng.pick(['economic', 'social', 'strategic'] as const) : LENS_OF[type],
    description: shape.description,
    quantity: shape.quantity,
    valuation: shape.valuation,
    valuePence: shape.valuePence,
    recurrence: rng.chance(0.6) ? 'recurrent' : 'non-recurrent',
    financialYear: fy,
    landingOrganisationId: landing,
    evidence: rng.chance(0.7) ? [...rng.sample(baselines, 1), outcome] : [],
    source: source(rng, claimMonth, rng.pick(MEASURE_SOURCES), `${benefitId.slice(-12)}-claim`),
  });
  let claimed = shape.valuePence;
  let quantity = shape.quantity.value;
  let decisionMonth = validationMonth;
  if (rng.chance(0.06)) {
    quantity = round2(quantity * rng.between(0.8, 0.95)) || quantity;
    claimed =
      shape.unitPence !== null
        ? valueOfQuantity({ value: quantity, unit: shape.quantity.unit }, shape.unitPence)
        : Math.floor(claimed * rng.between(0.8, 0.95));
    revisions.push({
      month: claimMonth + 1,
      streamId,
      stream: 'intervention',
      actor: leadActor,
      command: {
        type: 'ReviseBenefit',
        benefitId,
        quantity: { value: quantity, unit: shape.quantity.unit },
        valuation: shape.valuation,
        valuePence: claimed,
        reason: 'Recounted against the final extract',
        source: source(rng, claimMonth + 1, rng.pick(MEASURE_SOURCES), `${benefitId.slice(-12)}-revision`),
      },
    });
    decisionMonth = Math.max(validationMonth, claimMonth + 2);
  }
  const validator = finance(rng.chance(0.5) ? lead : landing);
  const draw = rng.next();
  if (draw < 0.74) {
    const validated = rng.chance(0.65) ? claimed : Math.floor(claimed * rng.between(0.5, 0.99));
    decisions.push({
      month: decisionMonth,
      streamId,
      stream: 'intervention',
      actor: validator,
      command: {
        type: 'ValidateBenefit',
        benefitId,
        validatedValuePence: validated,
        note: rng.pick([
          'Reconciled to source system',
          'Trimmed to the matched cohort',
          'Agreed with the service finance lead',
          'Invoices checked',
        ]),
        source: fixedSource('ledger', `${benefitId.slice(-12)}-validation`),
      },
    });
    if (type === 'capacity')
      capacitySteps.push(
        ...planCapacity(
          rng,
          system,
          streamId,
          benefitId,
          shape.quantity.unit,
          quantity,
          validated,
          landing,
          fy,
          lead,
          decisionMonth,
        ),
      );
  } else if (draw < 0.89) {
    decisions.push({
      month: decisionMonth,
      streamId,
      stream: 'intervention',
      actor: validator,
      command: {
        type: 'RejectBenefit',
        benefitId,
        reason: rng.pick([
          'No baseline: the change cannot be attributed',
          'Audit sample too small to value',
          'Double-counted with another scheme',
          'Not cash-releasing in year',
        ]),
      },
    });
  }
  return decisionMonth;
}
