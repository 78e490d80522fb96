import fc from 'fast-check';
import { InterventionEvent, InterventionState, fold, interventionDecider, interventionParties } from '../src';
import { releasedFrom } from '../src/intervention/intervention-guards';
import { claimed, costRecorded, measured, recordCost, registered, released, validated } from './intervention.fixtures';

/**
 * The state keeps running aggregates (cost ids, the organisations the intervention touches) in persistent
 * collections so a command need not walk the whole stream. Over random event sequences they must equal what a
 * recomputation from the event list gives, and folding one more event must never change the state it folded onto.
 */

const ORGANISATIONS = ['acute-trust', 'community-trust', 'gp-practice', 'wy-icb', 'hospice'];
const organisationArb = fc.constantFrom(...ORGANISATIONS);
// claims and releases also land where no cost is borne, so replacing one can leave its organisation out
const landingArb = fc.constantFrom('community-trust', 'hospice', 'care-home', 'pharmacy');
// few ids, so a command often names one already recorded
const costIdArb = fc.integer({ min: 0, max: 40 }).map((serial) => `cost-${serial}`);

/** One event after the registration; costIds may repeat here (the fold must keep every cost, as the array did). */
const eventArb: fc.Arbitrary<InterventionEvent> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(costIdArb, organisationArb, fc.integer({ min: 0, max: 1_000_000 }))
      .map(([costId, bearerOrganisationId, amountPence]) =>
        costRecorded({ costId, bearerOrganisationId, amountPence }),
      ),
  },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 20 }).map((serial) => measured(`m-${serial}`)) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 0, max: 5 }), landingArb)
      .map(([serial, landingOrganisationId]) => claimed({ benefitId: `b-${serial}`, landingOrganisationId })),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 0, max: 3 }),
        landingArb,
        fc.integer({ min: 1, max: 500 }),
      )
      .map(([serial, benefit, landingOrganisationId, quantity]) =>
        // a release id may repeat here too: the fold keeps the last, and only it counts as drawn
        released({ releaseId: `r-${serial}`, benefitId: `b-${benefit}`, landingOrganisationId, quantity }),
      ),
  },
);

const streamArb = fc.tuple(organisationArb, fc.array(eventArb, { maxLength: 120 })).map(([lead, rest]) => {
  // a validation names a benefit claimed before it: validate the first claim, when there is one, after the rest
  const firstClaim = rest.find((event) => event.type === 'BenefitClaimed');
  const validation = firstClaim?.type === 'BenefitClaimed' ? [validated(firstClaim.data.benefitId, 1_000)] : [];
  return [registered({ leadOrganisationId: lead }), ...rest, ...validation];
});

/**
 * The parties recomputed from the event list alone, as they were from the state before: the lead, every cost's
 * bearer, and where each claim and release lands (a repeated id, which the decider refuses, replaces the earlier one).
 */
function partiesFromEvents(events: readonly InterventionEvent[]): string[] {
  const parties = new Set<string>();
  const landings = new Map<string, string>();
  for (const event of events) {
    if (event.type === 'InterventionRegistered') parties.add(event.data.leadOrganisationId);
    if (event.type === 'CostRecorded') parties.add(event.data.bearerOrganisationId);
    if (event.type === 'BenefitClaimed')
      landings.set(`benefit ${event.data.benefitId}`, event.data.landingOrganisationId);
    if (event.type === 'CapacityReleased')
      landings.set(`release ${event.data.releaseId}`, event.data.landingOrganisationId);
  }
  return [...new Set([...parties, ...landings.values()])].sort();
}

const costsFromEvents = (events: readonly InterventionEvent[]) =>
  events.flatMap((event) => (event.type === 'CostRecorded' ? [event.data] : []));

/** Hundredths drawn per benefit, recomputed: the last release recorded under each id counts. */
function drawnFromEvents(events: readonly InterventionEvent[]): Record<string, number> {
  const lastRelease = new Map<string, { benefitId: string; quantity: number }>();
  for (const event of events) if (event.type === 'CapacityReleased') lastRelease.set(event.data.releaseId, event.data);
  const drawn: Record<string, number> = {};
  for (const { benefitId, quantity } of lastRelease.values())
    drawn[benefitId] = (drawn[benefitId] ?? 0) + Math.round(quantity * 100);
  return drawn;
}

/** Everything the persistent collections hold, as plain values. */
const contentsOf = (state: InterventionState) => ({
  costs: state.costs.toJS(),
  costIds: state.costIds.toJS(),
  measurementIds: state.measurementIds.toJS(),
  benefits: state.benefits.toJS(),
  releases: state.releases.toJS(),
  releasedByBenefit: state.releasedByBenefit.toJS(),
  parties: interventionParties(state),
});

describe('intervention state: running aggregates equal a recomputation from the events', () => {
  it('keeps every cost in order, each cost id, the measurements, the parties and the quantities drawn', () => {
    fc.assert(
      fc.property(streamArb, (events) => {
        const state = fold(interventionDecider, events);
        const costs = costsFromEvents(events);
        expect(
          [...state.costs.values()].map((cost) => [cost.costId, cost.bearerOrganisationId, cost.amountPence]),
        ).toEqual(costs.map((cost) => [cost.costId, cost.bearerOrganisationId, cost.amountPence]));
        expect([...state.costIds].sort()).toEqual([...new Set(costs.map((cost) => cost.costId))].sort());
        // money adds up to the penny: the costs kept sum to the costs recorded
        const kept = [...state.costs.values()].reduce((total, cost) => total + BigInt(cost.amountPence), 0n);
        expect(kept).toBe(costs.reduce((total, cost) => total + BigInt(cost.amountPence), 0n));
        expect([...state.measurementIds]).toEqual([
          ...new Set(
            events.flatMap((event) => (event.type === 'MeasurementRecorded' ? [event.data.measurementId] : [])),
          ),
        ]);
        expect(interventionParties(state)).toEqual(partiesFromEvents(events));
        const drawn = drawnFromEvents(events);
        for (const benefitId of ['b-0', 'b-1', 'b-2', 'b-3', 'b-4'])
          expect(releasedFrom(state, benefitId)).toBe(drawn[benefitId] ?? 0);
      }),
    );
  });

  it('refuses a cost id exactly when the stream already records it', () => {
    fc.assert(
      fc.property(streamArb, costIdArb, (events, costId) => {
        const state = fold(interventionDecider, events);
        const recorded = costsFromEvents(events).some((cost) => cost.costId === costId);
        const decide = () => interventionDecider.decide(recordCost({ costId }), state);
        if (recorded) expect(decide).toThrow(`cost '${costId}' is already recorded`);
        else expect(decide()).toEqual([expect.objectContaining({ type: 'CostRecorded' })]);
      }),
    );
  });

  it('never changes the state it folds onto, and folding on gives the state folded from the start', () => {
    fc.assert(
      fc.property(streamArb, eventArb, (events, next) => {
        const before = fold(interventionDecider, events);
        const snapshot = contentsOf(before);
        const after = interventionDecider.evolve(before, next);
        expect(after).not.toBe(before);
        expect(contentsOf(before)).toEqual(snapshot);
        expect(contentsOf(after)).toEqual(contentsOf(fold(interventionDecider, [...events, next])));
      }),
    );
  });
});
