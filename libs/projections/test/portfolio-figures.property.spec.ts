import fc from 'fast-check';
import { interventionValueKeys as K } from '@benefit-ledger/domain';
import { FigureBook, Projector, ReadModelLists, interventionFigures } from '../src';
import { computeInterventionValue, interventionValueKey } from '../src/queries/intervention-value';
import { LedgerWriter, interventionStream, readLog, tempLedger } from '@benefit-ledger/testing';

/**
 * The portfolio's figures (GET /interventions) are sums SQL makes over the read models, read two ways (each
 * intervention looked up by index, or whole tables at once); the intervention's own value (GET
 * /interventions/:id/value, whose references the portfolio's figures carry) folds its stream in the domain. Given
 * random interventions in a real SQLite log (costs and claims of two years, revisions, validations, rejections, capacity
 * released and harvested as cash, for reinvestment or left unharvested, in any order across interventions), at every
 * cutoff and for every year, the three agree to the penny (realised value too), and the benefits list's values add up
 * to the same claimed and rejected totals.
 */
const YEARS = ['2019/20', '2020/21'] as const;
const ORGS = ['org-a', 'org-b', 'org-c'];

/** What became of a validated benefit's bed-day: released or not, harvested one way, with the cash or reinvested value it recorded. */
interface UseSpec {
  released: boolean;
  harvest: 'cash-release' | 'reinvest' | 'unharvested' | null;
  cashPence: number;
  reinvestedPence: number | null;
}
interface BenefitSpec {
  landing: number;
  financialYear: string;
  valuePence: number;
  revisions: number[];
  outcome: 'claimed' | 'validated' | 'rejected';
  validatedShare: number;
  use: UseSpec;
}
interface InterventionSpec {
  lead: number;
  costs: { bearer: number; amountPence: number; financialYear: string }[];
  benefits: BenefitSpec[];
}

const pence = fc.oneof(fc.integer({ min: 0, max: 5_000 }), fc.integer({ min: 0, max: 10_000_000_000 }));
const org = fc.integer({ min: 0, max: ORGS.length - 1 });
const year = fc.constantFrom(...YEARS);
const interventionArb = fc.record<InterventionSpec>({
  lead: org,
  costs: fc.array(fc.record({ bearer: org, amountPence: pence, financialYear: year }), { maxLength: 3 }),
  benefits: fc.array(
    fc.record<BenefitSpec>({
      landing: org,
      financialYear: year,
      valuePence: pence,
      revisions: fc.array(pence, { maxLength: 2 }),
      outcome: fc.constantFrom('claimed', 'validated', 'rejected'),
      validatedShare: fc.integer({ min: 0, max: 100 }),
      use: fc.record<UseSpec>({
        released: fc.boolean(),
        harvest: fc.constantFrom('cash-release', 'reinvest', 'unharvested', null),
        cashPence: pence,
        reinvestedPence: fc.option(pence),
      }),
    }),
    { maxLength: 4 },
  ),
});
const systemArb = fc.record({
  interventions: fc.array(interventionArb, { minLength: 1, maxLength: 4 }),
  picks: fc.array(fc.nat(), { minLength: 40, maxLength: 40 }),
});

/** Each intervention's commands in order, interleaved across interventions by `picks`. */
async function append(writer: LedgerWriter, s: fc.RecordValue<{ interventions: InterventionSpec[]; picks: number[] }>) {
  for (const [o, id] of ORGS.entries()) await writer.organisation(id, { type: o === 0 ? 'icb' : 'acute-trust' });
  const queues = s.interventions.map((iv, i) => {
    const id = `int-${i}`;
    const steps: (() => Promise<unknown>)[] = [() => writer.intervention(id, ORGS[iv.lead])];
    iv.costs.forEach((c, k) =>
      steps.push(() =>
        writer.cost(id, {
          costId: `c-${k}`,
          amountPence: c.amountPence,
          financialYear: c.financialYear,
          bearerOrganisationId: ORGS[c.bearer],
        }),
      ),
    );
    iv.benefits.forEach((b, k) => {
      const benefitId = `b-${k}`;
      steps.push(() =>
        writer.claim(id, {
          benefitId,
          valuePence: b.valuePence,
          financialYear: b.financialYear,
          landingOrganisationId: ORGS[b.landing],
        }),
      );
      for (const revised of b.revisions) steps.push(() => writer.revise(id, benefitId, revised));
      const current = b.revisions.length ? b.revisions[b.revisions.length - 1] : b.valuePence;
      if (b.outcome === 'validated')
        steps.push(() =>
          writer.validate(id, benefitId, Math.floor((current * b.validatedShare) / 100), ORGS[b.landing]),
        );
      if (b.outcome === 'validated' && b.use.released) {
        // straight into the log, as an old ledger may hold them: realised value still counts only within the limits
        const stream = interventionStream(id);
        const actor = {
          userId: `contributor@${ORGS[b.landing]}`,
          organisationId: ORGS[b.landing],
          role: 'contributor' as const,
        };
        const recorded = { system: 'PAS', reference: `use-${id}-${benefitId}` };
        const releaseId = `r-${k}`;
        steps.push(() =>
          writer.append(
            stream,
            'CapacityReleased',
            {
              releaseId,
              benefitId,
              resource: 'bed-days',
              quantity: 1,
              landingOrganisationId: ORGS[b.landing],
              financialYear: b.financialYear,
              source: recorded,
            },
            actor,
          ),
        );
        const harvest = b.use.harvest;
        if (harvest)
          steps.push(() =>
            writer.append(
              stream,
              'CapacityHarvested',
              { releaseId, harvest, quantity: 1, rationale: 'decided', source: recorded },
              actor,
            ),
          );
        if (harvest === 'cash-release')
          steps.push(() =>
            writer.append(
              stream,
              'CashReleased',
              { releaseId, amountPence: b.use.cashPence, budgetLine: 'ward', source: recorded },
              actor,
            ),
          );
        if (harvest === 'reinvest') {
          steps.push(() =>
            writer.append(
              stream,
              'CapacityReinvested',
              {
                releaseId,
                quantity: 1,
                into: { description: 'electives', organisationId: ORGS[b.landing] },
                valuePence: b.use.reinvestedPence,
                source: recorded,
              },
              actor,
            ),
          );
        }
      }
      if (b.outcome === 'rejected') steps.push(() => writer.reject(id, benefitId, ORGS[b.landing]));
    });
    return steps;
  });
  for (let p = 0; queues.some((q) => q.length > 0); p++) {
    const live = queues.filter((q) => q.length > 0);
    await live[s.picks[p % s.picks.length] % live.length].shift()!();
  }
}

describe('the portfolio figures', () => {
  it("equal the intervention's own value, looked up or read whole, at every cutoff and year; the benefits list adds up to them", async () => {
    let realisedDiffered = false;
    await fc.assert(
      fc.asyncProperty(systemArb, fc.array(fc.nat(), { minLength: 3, maxLength: 3 }), async (system, cutoffPicks) => {
        const ledger = tempLedger();
        try {
          await append(ledger.writer, system);
          const { store, readModels } = ledger;
          await new Projector(store, readModels, () => store.headPosition(), { catchUpWhenStopped: true }).caughtUp();
          const head = await store.headPosition();
          const log = await readLog(store);
          const lists = new ReadModelLists(readModels);
          const ids = system.interventions.map((_, i) => `int-${i}`);
          for (const upTo of [head, ...cutoffPicks.map((n) => n % (head + 1))]) {
            const cutoff = { asAt: null, upTo };
            for (const financialYear of [null, ...YEARS]) {
              const looked = readModels.read((db) => interventionFigures(db, cutoff, financialYear, ids));
              const whole = readModels.read((db) => interventionFigures(db, cutoff, financialYear, 'all'));
              for (const id of ids) {
                const stream = log.filter((e) => e.streamId === interventionStream(id));
                if (!stream.some((e) => e.position <= upTo)) continue; // not registered yet: no figures either way
                const book = new FigureBook(false);
                computeInterventionValue(stream, { interventionId: id, financialYear, cutoff }, book);
                const own = {
                  costs: book.value(interventionValueKey(K.cost('total'))),
                  claimed: book.value(interventionValueKey(K.way('claimed'))),
                  validated: book.value(interventionValueKey(K.way('validated'))),
                  realised: book.value(interventionValueKey(K.way('realised'))),
                  rejected: book.value(interventionValueKey(K.rejected)),
                };
                if (own.realised !== own.validated) realisedDiffered = true;
                const zero = { costs: 0, claimed: 0, validated: 0, realised: 0, rejected: 0 };
                expect({ id, upTo, financialYear, figures: looked.get(id) }).toEqual({
                  id,
                  upTo,
                  financialYear,
                  figures: own,
                });
                expect({ id, upTo, financialYear, figures: whole.get(id) ?? zero }).toEqual({
                  id,
                  upTo,
                  financialYear,
                  figures: own,
                });
                const benefits = lists.benefits({
                  cutoff,
                  organisationId: null,
                  interventionId: id,
                  status: null,
                  financialYear,
                  order: 'asc',
                  offset: 0,
                  limit: 500,
                }).items;
                const sum = (xs: { valuePence: number | null }[]) => xs.reduce((a, b) => a + (b.valuePence ?? 0), 0);
                expect({
                  id,
                  upTo,
                  claimed: sum(benefits),
                  rejected: sum(benefits.filter((b) => b.status === 'rejected')),
                }).toEqual({ id, upTo, claimed: own.claimed, rejected: own.rejected });
              }
            }
          }
        } finally {
          await ledger.close();
        }
      }),
      { numRuns: 30, seed: 20261216 },
    );
    // some capacity was harvested other than in full: realised was compared where it is not merely validated
    expect(realisedDiffered).toBe(true);
  }, 60_000);
});
