import fc from 'fast-check';
import {
  DomainError,
  InterventionCommand,
  InterventionEvent,
  SOURCED_EVENT_TYPES,
  fold,
  interventionDecider,
  interventionValue,
} from '@benefit-ledger/domain';
import { ReadModelQueries, rebuildReadModels } from '../src';
import { expectEveryFigureTraces } from './support/figures';
import { interventionStream, readLog, tempLedger } from '@benefit-ledger/testing';

// hundreds of random ledgers on real SQLite files: on a shared machine the 5 s default measures its load, not the code
jest.setTimeout(120_000);

/**
 * Realised value over the read models (value-three-ways.ts) is the domain's, to the penny, on random ledgers written
 * to a real SQLite log by the real decider: claims of capacity, cash-releasing and cost-avoidance benefits landing at
 * two organisations, validated (in part or in full) or not, capacity released, harvested every way, cash released and
 * reinvested near their limits. Per organisation and for the system: realised = the domain's sum, never more than
 * validated, realised + not realised = validated; an organisation's cash = its cash-releasing benefits and the cash
 * released from its capacity; every figure traces.
 */
const ORGS = ['acute', 'community'] as const;
const FY = '2023/24';
const source = { system: 'PAS', reference: 'r' };

const benefitArb = fc.record({
  type: fc.constantFrom('capacity', 'capacity', 'cash-releasing', 'cost-avoidance'),
  landing: fc.constantFrom(0, 1),
  quantityH: fc.integer({ min: 1, max: 50_000 }),
  valuePence: fc.integer({ min: 0, max: 50_000_000 }),
  validated: fc.constantFrom('no', 'all', 'part'),
  valueShare: fc.integer({ min: 0, max: 10_000 }),
  quantityShare: fc.integer({ min: 0, max: 10_000 }),
  // what the receiving organisation does with what is released: shares of the validated quantity, in basis points
  harvest: fc.record({
    released: fc.integer({ min: 0, max: 10_000 }),
    cash: fc.integer({ min: 0, max: 10_000 }),
    reinvest: fc.integer({ min: 0, max: 10_000 }),
    unharvested: fc.integer({ min: 0, max: 10_000 }),
    cashTaken: fc.integer({ min: 0, max: 10_000 }),
    reinvested: fc.integer({ min: 0, max: 10_000 }),
    valued: fc.boolean(),
  }),
});
const interventionArb = fc.record({
  lead: fc.constantFrom(0, 1),
  costPence: fc.integer({ min: 0, max: 10_000_000 }),
  benefits: fc.array(benefitArb, { minLength: 1, maxLength: 3 }),
});

const share = (h: number, bp: number) => Math.floor((h * bp) / 10_000);

describe("realised value over the read models is the domain's, to the penny (real SQLite log and read models)", () => {
  it('per organisation and for the system: realised, not realised and cash add up, never beyond validated; every figure traces', async () => {
    let capacityRealised = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(interventionArb, { minLength: 1, maxLength: 3 }), async (spec) => {
        const ledger = tempLedger();
        try {
          for (const o of ORGS) await ledger.writer.organisation(o);
          const states: ReturnType<typeof interventionValue>[] = [];
          const landings: { landing: string; benefitId: string; interventionId: string }[] = [];
          for (const [i, intervention] of spec.entries()) {
            const id = `int-${i}`;
            const lead = ORGS[intervention.lead];
            const events: InterventionEvent[] = [];
            const actor = { userId: `contributor@${lead}`, organisationId: lead, role: 'contributor' as const };
            const decide = async (command: InterventionCommand) => {
              let decided: InterventionEvent[];
              try {
                decided = interventionDecider.decide(command, fold(interventionDecider, events));
              } catch (e) {
                if (e instanceof DomainError) return;
                throw e;
              }
              for (const event of decided) {
                await ledger.writer.append(interventionStream(id), event.type, event.data, actor);
                events.push(event);
              }
            };
            await decide({
              type: 'RegisterIntervention',
              interventionId: id,
              title: id,
              leadOrganisationId: lead,
              pathway: null,
              method: null,
              lenses: { economic: true, social: false, strategic: false },
              strategicPriorities: [],
            });
            if (intervention.costPence > 0) {
              await decide({
                type: 'RecordCost',
                costId: 'c',
                costType: 'direct',
                category: 'team',
                amountPence: intervention.costPence,
                financialYear: FY,
                bearerOrganisationId: lead,
                source,
              });
            }
            for (const [b, benefit] of intervention.benefits.entries()) {
              const benefitId = `b-${b}`;
              const landing = ORGS[benefit.landing];
              landings.push({ landing, benefitId, interventionId: id });
              await decide({
                type: 'ClaimBenefit',
                benefitId,
                benefitType: benefit.type as never,
                lens: 'economic',
                description: 'd',
                quantity: { value: benefit.quantityH / 100, unit: 'bed-days' },
                valuation: { method: 'actual' },
                valuePence: benefit.valuePence,
                recurrence: 'recurrent',
                financialYear: FY,
                landingOrganisationId: landing,
                evidence: [],
                source,
              });
              if (benefit.validated === 'no') continue;
              const validatedQuantityH =
                benefit.validated === 'all' ? benefit.quantityH : share(benefit.quantityH, benefit.quantityShare);
              await decide({
                type: 'ValidateBenefit',
                benefitId,
                validatedValuePence: share(benefit.valuePence, benefit.valueShare),
                note: 'ok',
                source,
                validatedQuantity: benefit.validated === 'all' ? null : validatedQuantityH / 100,
              });
              if (benefit.type !== 'capacity') continue;
              const h = benefit.harvest;
              const releasedH = share(validatedQuantityH, h.released);
              if (releasedH === 0) continue;
              const releaseId = `r-${b}`;
              await decide({
                type: 'ReleaseCapacity',
                releaseId,
                benefitId,
                resource: 'bed-days',
                quantity: releasedH / 100,
                landingOrganisationId: landing,
                financialYear: FY,
                source,
              });
              const cashH = share(releasedH, h.cash);
              const reinvestH = share(releasedH - cashH, h.reinvest);
              const unharvestedH = share(releasedH - cashH - reinvestH, h.unharvested);
              for (const [harvest, q] of [
                ['cash-release', cashH],
                ['reinvest', reinvestH],
                ['unharvested', unharvestedH],
              ] as const) {
                if (q > 0)
                  await decide({
                    type: 'HarvestCapacity',
                    releaseId,
                    harvest,
                    quantity: q / 100,
                    rationale: 'r',
                    source,
                  });
              }
              const release = fold(interventionDecider, events).releases.get(releaseId)!;
              const benefitState = fold(interventionDecider, events).benefits.get(benefitId)!;
              const worth = (q: number) =>
                benefitState.validatedQuantity! > 0
                  ? Math.floor((q * benefitState.validatedValuePence!) / benefitState.validatedQuantity!)
                  : 0;
              const cash = share(worth(release.harvested['cash-release']), h.cashTaken);
              if (cash > 0)
                await decide({ type: 'ReleaseCash', releaseId, amountPence: cash, budgetLine: 'ward', source });
              const reinvestedH = share(reinvestH, h.reinvested);
              if (reinvestedH > 0) {
                await decide({
                  type: 'ReinvestCapacity',
                  releaseId,
                  quantity: reinvestedH / 100,
                  into: { description: 'electives', organisationId: landing },
                  valuePence: h.valued ? share(worth(reinvestedH), h.cashTaken) : null,
                  source,
                });
              }
            }
            states.push(interventionValue(fold(interventionDecider, events), FY));
            for (const e of events)
              expect(SOURCED_EVENT_TYPES.includes(e.type) ? 'source' in (e.data as object) : true).toBe(true);
          }

          await rebuildReadModels(ledger.store, ledger.readModels, { batchSize: 7 });
          const queries = new ReadModelQueries(ledger.readModels);
          const cutoff = queries.cutoff(null);
          const byPosition = new Map((await readLog(ledger.store)).map((e) => [e.position, e]));

          const flows = queries.systemFlows({ financialYear: FY, cutoff });
          const domainRealised = states.reduce((t, v) => t + v.benefits.realisedPence, 0);
          const domainValidated = states.reduce((t, v) => t + v.benefits.validatedPence, 0);
          expect({
            realised: flows.value.realised.totalPence.pence,
            validated: flows.value.validated.totalPence.pence,
          }).toEqual({ realised: domainRealised, validated: domainValidated });
          expect(flows.value.realised.totalPence.pence).toBeLessThanOrEqual(flows.value.validated.totalPence.pence);
          expect(flows.value.realised.totalPence.pence + flows.notRealised.totalPence.pence).toBe(
            flows.value.validated.totalPence.pence,
          );
          expect(flows.value.realised.cashPence.pence).toBe(states.reduce((t, v) => t + v.value.realised.cashPence, 0));
          const parts = flows.value.realised.parts;
          expect(
            parts.validatedNotCapacityPence.pence +
              parts.cashReleasedPence.pence +
              parts.reinvestedPence.pence +
              parts.awaitingReinvestmentPence.pence,
          ).toBe(flows.value.realised.totalPence.pence);
          capacityRealised += parts.cashReleasedPence.pence + parts.reinvestedPence.pence;

          let byOrganisation = 0;
          for (const o of ORGS) {
            const v = queries.organisationValue({ organisationId: o, financialYear: FY, cutoff });
            byOrganisation += v.value.realised.totalPence.pence;
            expect(v.value.realised.totalPence.pence).toBeLessThanOrEqual(v.value.validated.totalPence.pence);
            expect(v.landedHere.cashPence.pence).toBe(v.value.realised.cashPence.pence);
            expect(v.landedHere.cashPence.pence + v.landedHere.nonCashPence.pence).toBe(v.landedHere.totalPence.pence);
            expectEveryFigureTraces(
              queries,
              { value: v.value, notRealised: v.notRealised, landedHere: v.landedHere },
              byPosition,
            );
          }
          expect(byOrganisation).toBe(domainRealised);
          expectEveryFigureTraces(queries, { value: flows.value, notRealised: flows.notRealised }, byPosition);
        } finally {
          await ledger.close();
        }
      }),
      { numRuns: 30 },
    );
    // the runs realised capacity, not just validated it
    expect(capacityRealised).toBeGreaterThan(0);
  });
});
