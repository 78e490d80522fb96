import fc from 'fast-check';
import {
  BENEFIT_TYPES,
  BenefitType,
  COST_TYPES,
  CostType,
  LENSES,
  Lens,
  RECURRENCES,
  Recurrence,
} from '@benefit-ledger/domain';
import { NO_RECORDED_INVESTMENT, ReadModelQueries, rebuildReadModels } from '../src';
import { expectEveryFigureTraces } from './support/figures';
import { LedgerWriter, readLog, tempLedger } from '@benefit-ledger/testing';

// hundreds of random ledgers on real SQLite files: on a shared machine the 5 s default measures its load, not the code
jest.setTimeout(120_000);

/**
 * Where value lands (docs/design.md#the-arithmetic), against an independent model of random systems: every total is computed
 * here from the generated data, and the projections' answers come from real events in a real SQLite log,
 * folded by `rebuildReadModels` into a real read-model store.
 */

const YEARS = ['2023/24', '2024/25'] as const;
const FILTERS: (string | null)[] = [...YEARS, null];

interface CostSpec {
  bearer: number;
  amountPence: number;
  financialYear: string;
  costType: CostType;
}
interface BenefitSpec {
  landing: number;
  benefitType: BenefitType;
  lens: Lens;
  recurrence: Recurrence;
  financialYear: string;
  valuePence: number;
  revisedPence: number | null;
  outcome: 'claimed' | 'validated' | 'rejected';
  /** Finance validates this share of the current claim (rounded down), so validated ≤ claimed. */
  validatedBasisPoints: number;
}
interface InterventionSpec {
  lead: number;
  costs: CostSpec[];
  benefits: BenefitSpec[];
  noise: boolean;
}
interface SystemSpec {
  orgCount: number;
  interventions: InterventionSpec[];
  picks: number[];
}

const amountArb = fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 2 ** 36 }), fc.constant(0));

const systemArb: fc.Arbitrary<SystemSpec> = fc.integer({ min: 2, max: 6 }).chain((orgCount) => {
  const org = fc.integer({ min: 0, max: orgCount - 1 });
  const cost = fc.record<CostSpec>({
    bearer: org,
    amountPence: amountArb,
    financialYear: fc.constantFrom(...YEARS),
    costType: fc.constantFrom(...COST_TYPES),
  });
  const benefit = fc.record<BenefitSpec>({
    landing: org,
    benefitType: fc.constantFrom(...BENEFIT_TYPES),
    lens: fc.constantFrom(...LENSES),
    recurrence: fc.constantFrom(...RECURRENCES),
    financialYear: fc.constantFrom(...YEARS),
    valuePence: amountArb,
    revisedPence: fc.option(amountArb, { nil: null, freq: 4 }),
    outcome: fc.constantFrom('claimed', 'validated', 'validated', 'rejected'),
    validatedBasisPoints: fc.oneof(fc.constant(10_000), fc.integer({ min: 0, max: 10_000 })),
  });
  const intervention = fc.record<InterventionSpec>({
    lead: org,
    costs: fc.array(cost, { maxLength: 4 }),
    benefits: fc.array(benefit, { minLength: 1, maxLength: 4 }),
    noise: fc.boolean(),
  });
  return fc.record<SystemSpec>({
    orgCount: fc.constant(orgCount),
    interventions: fc.array(intervention, { minLength: 1, maxLength: 5 }),
    picks: fc.array(fc.nat(), { minLength: 80, maxLength: 80 }),
  });
});

const orgId = (i: number) => `org-${String.fromCharCode(97 + i)}`;
const interventionId = (i: number) => `int-${i + 1}`;
const currentValue = (b: BenefitSpec) => b.revisedPence ?? b.valuePence;
const validatedValue = (b: BenefitSpec) => Number((BigInt(currentValue(b)) * BigInt(b.validatedBasisPoints)) / 10_000n);

/**
 * Appends the system as the application would: organisations first, then each intervention's commands in
 * order (register, costs, claims, revisions, decisions), interleaved across interventions by `picks`.
 */
async function appendSystem(writer: LedgerWriter, s: SystemSpec): Promise<void> {
  for (let o = 0; o < s.orgCount; o++) await writer.organisation(orgId(o), { type: o === 0 ? 'icb' : 'acute-trust' });
  const queues = s.interventions.map((iv, i) => {
    const id = interventionId(i);
    const steps: (() => Promise<unknown>)[] = [() => writer.intervention(id, orgId(iv.lead))];
    if (iv.noise)
      steps.push(
        () => writer.decision(id, 'approve'),
        () => writer.measurement(id, `m-${id}`),
      );
    iv.costs.forEach((c, k) =>
      steps.push(() =>
        writer.cost(id, {
          costId: `cost-${k}`,
          amountPence: c.amountPence,
          financialYear: c.financialYear,
          bearerOrganisationId: orgId(c.bearer),
          costType: c.costType,
        }),
      ),
    );
    iv.benefits.forEach((b, k) => {
      const benefitId = `benefit-${k}`;
      steps.push(() =>
        writer.claim(id, {
          benefitId,
          benefitType: b.benefitType,
          lens: b.lens,
          recurrence: b.recurrence,
          financialYear: b.financialYear,
          valuePence: b.valuePence,
          landingOrganisationId: orgId(b.landing),
        }),
      );
      if (b.revisedPence !== null) steps.push(() => writer.revise(id, benefitId, b.revisedPence!));
      if (b.outcome === 'validated')
        steps.push(() => writer.validate(id, benefitId, validatedValue(b), orgId(b.landing)));
      if (b.outcome === 'rejected') steps.push(() => writer.reject(id, benefitId, orgId(b.landing)));
    });
    return steps;
  });
  let p = 0;
  while (queues.some((q) => q.length > 0)) {
    const live = queues.filter((q) => q.length > 0);
    const q = live[s.picks[p++ % s.picks.length] % live.length];
    await q.shift()!();
  }
}

/** The independent model: validated benefits and costs straight from the generated data. */
function modelOf(s: SystemSpec) {
  const validated = s.interventions.flatMap((iv, i) =>
    iv.benefits
      .filter((b) => b.outcome === 'validated')
      .map((b) => ({
        intervention: i,
        landing: orgId(b.landing),
        value: validatedValue(b),
        benefitType: b.benefitType,
        lens: b.lens,
        recurrence: b.recurrence,
        financialYear: b.financialYear,
      })),
  );
  const costs = s.interventions.flatMap((iv, i) =>
    iv.costs.map((c) => ({
      intervention: i,
      bearer: orgId(c.bearer),
      amount: c.amountPence,
      financialYear: c.financialYear,
    })),
  );
  /** Costs per intervention and bearer, every year (flows are in proportion to them). */
  const costOf = (i: number, bearer: string) =>
    costs.filter((c) => c.intervention === i && c.bearer === bearer).reduce((a, c) => a + BigInt(c.amount), 0n);
  const totalCostOf = (i: number) =>
    costs.filter((c) => c.intervention === i).reduce((a, c) => a + BigInt(c.amount), 0n);
  const inYear = (fy: string | null) => (x: { financialYear: string }) => fy === null || x.financialYear === fy;
  const sum = (xs: { value: number }[]) => xs.reduce((a, x) => a + x.value, 0);
  /** Bounds on what flows from `from` (an organisation, or no recorded investment) to benefits matching `where`: Σ floor ≤ flow ≤ Σ ceil. */
  const flowBounds = (from: string, where: (v: (typeof validated)[number]) => boolean) => {
    let lo = 0n;
    let hi = 0n;
    for (const v of validated.filter(where)) {
      const total = totalCostOf(v.intervention);
      if (total === 0n) {
        if (from === NO_RECORDED_INVESTMENT) {
          lo += BigInt(v.value);
          hi += BigInt(v.value);
        }
        continue;
      }
      if (from === NO_RECORDED_INVESTMENT) continue;
      const num = BigInt(v.value) * costOf(v.intervention, from);
      lo += num / total;
      hi += num % total === 0n ? num / total : num / total + 1n;
    }
    return { lo: Number(lo), hi: Number(hi) };
  };
  return { validated, costs, totalCostOf, inYear, sum, flowBounds };
}

const expectWithin = (value: number, bounds: { lo: number; hi: number }, what: string) => {
  expect({ what, value, ok: value >= bounds.lo && value <= bounds.hi }).toEqual({ what, value, ok: true });
};

async function withProjectedSystem<T>(
  s: SystemSpec,
  body: (queries: ReadModelQueries, ctx: { log: Awaited<ReturnType<typeof readLog>> }) => T | Promise<T>,
): Promise<T> {
  const ledger = tempLedger();
  try {
    await appendSystem(ledger.writer, s);
    const rebuilt = await rebuildReadModels(ledger.store, ledger.readModels, { batchSize: 7 });
    const log = await readLog(ledger.store);
    expect(rebuilt.events).toBe(log.length);
    expect(ledger.readModels.checkpoint()).toBe(log[log.length - 1].position);
    return await body(new ReadModelQueries(ledger.readModels), { log });
  } finally {
    await ledger.close();
  }
}

const RUNS = 25;

describe('system flows and organisation value add up on random systems (real SQLite log and read models)', () => {
  it('(a) system flows: links, totals and nodes all equal the independent Σ of validated value, for each year and all years', async () => {
    await fc.assert(
      fc.asyncProperty(systemArb, async (s) => {
        const m = modelOf(s);
        await withProjectedSystem(s, (queries) => {
          const cutoff = queries.cutoff(null);
          for (const fy of FILTERS) {
            const flows = queries.systemFlows({ financialYear: fy, cutoff });
            const expected = m.sum(m.validated.filter(m.inYear(fy)));
            expect(flows.financialYear).toBe(fy);
            expect(flows.links.reduce((a, l) => a + l.valuePence, 0)).toBe(expected);
            expect(flows.totals.validatedPence.pence).toBe(expected);
            expect(flows.totals.flowsPence.pence).toBe(expected);
            const investors = flows.nodes.filter((n) => n.side === 'investor');
            const landings = flows.nodes.filter((n) => n.side === 'landing');
            expect(investors.reduce((a, n) => a + n.valuePence.pence, 0)).toBe(expected);
            expect(landings.reduce((a, n) => a + n.valuePence.pence, 0)).toBe(expected);
            // each landing node is exactly what was validated landing there
            for (const n of landings)
              expect(n.valuePence.pence).toBe(
                m.sum(m.validated.filter(m.inYear(fy)).filter((v) => v.landing === n.organisationId)),
              );
            expect(new Set(landings.map((n) => n.organisationId))).toEqual(
              new Set(m.validated.filter(m.inYear(fy)).map((v) => v.landing)),
            );
            // each investor node and link is within the pennies of largest-remainder rounding of its exact proportional share
            for (const n of investors)
              expectWithin(
                n.valuePence.pence,
                m.flowBounds(n.organisationId, m.inYear(fy)),
                `investor ${n.organisationId} ${fy}`,
              );
            for (const l of flows.links) {
              expectWithin(
                l.valuePence,
                m.flowBounds(l.from, (v) => m.inYear(fy)(v) && v.landing === l.to),
                `link ${l.from} -> ${l.to} ${fy}`,
              );
            }
            // cross-organisation value is the links between different organisations
            expect(flows.totals.crossOrganisationPence.pence).toBe(
              flows.links.filter((l) => l.from !== l.to).reduce((a, l) => a + l.valuePence, 0),
            );
          }
        });
      }),
      { numRuns: RUNS },
    );
  });

  it('(b) organisation value: invested, landed (by type, cash, recurrence), investment landed and net agree with the model and with the system', async () => {
    await fc.assert(
      fc.asyncProperty(systemArb, async (s) => {
        const m = modelOf(s);
        await withProjectedSystem(s, (queries) => {
          const cutoff = queries.cutoff(null);
          for (const fy of FILTERS) {
            const flows = queries.systemFlows({ financialYear: fy, cutoff });
            const systemTotal = m.sum(m.validated.filter(m.inYear(fy)));
            let investmentLandedEverywhere = 0;
            for (let o = 0; o < s.orgCount; o++) {
              const id = orgId(o);
              const ov = queries.organisationValue({ organisationId: id, financialYear: fy, cutoff });
              const landedHere = m.validated.filter(m.inYear(fy)).filter((v) => v.landing === id);
              const invested = m.costs
                .filter(m.inYear(fy))
                .filter((c) => c.bearer === id)
                .reduce((a, c) => a + c.amount, 0);
              const landed = m.sum(landedHere);

              expect(ov.organisationId).toBe(id);
              expect(ov.investedPence.pence).toBe(invested);
              expect(ov.landedHere.totalPence.pence).toBe(landed);
              const byType = Object.entries(ov.landedHere.byType);
              expect(byType.reduce((a, [, f]) => a + f.pence, 0)).toBe(landed);
              expect(new Set(byType.map(([t]) => t))).toEqual(new Set(landedHere.map((v) => v.benefitType)));
              for (const [t, f] of byType) expect(f.pence).toBe(m.sum(landedHere.filter((v) => v.benefitType === t)));
              const byLens = Object.entries(ov.landedHere.byLens);
              expect(byLens.reduce((a, [, f]) => a + f.pence, 0)).toBe(landed);
              for (const [l, f] of byLens) expect(f.pence).toBe(m.sum(landedHere.filter((v) => v.lens === l)));
              expect(ov.landedHere.cashPence.pence + ov.landedHere.nonCashPence.pence).toBe(landed);
              expect(ov.landedHere.cashPence.pence).toBe(
                m.sum(landedHere.filter((v) => v.benefitType === 'cash-releasing')),
              );
              expect(ov.landedHere.recurrentPence.pence + ov.landedHere.nonRecurrentPence.pence).toBe(landed);
              expect(ov.landedHere.recurrentPence.pence).toBe(
                m.sum(landedHere.filter((v) => v.recurrence === 'recurrent')),
              );

              const il = ov.investmentLanded;
              expect(il.herePence.pence + il.elsewherePence.pence).toBe(il.totalPence.pence);
              expect(il.byOrganisation.reduce((a, f) => a + f.pence, 0)).toBe(il.totalPence.pence);
              expect(ov.landedHere.fromOwnInvestmentPence.pence).toBe(il.herePence.pence);
              expect(il.herePence.pence).toBe(il.byOrganisation.find((f) => f.organisationId === id)?.pence ?? 0);
              expectWithin(il.totalPence.pence, m.flowBounds(id, m.inYear(fy)), `investment of ${id} landed ${fy}`);
              // the organisation's answer and the system's matrix are the same flows
              for (const f of il.byOrganisation) {
                expect(f.pence).toBe(
                  flows.links.find((l) => l.from === id && l.to === f.organisationId)?.valuePence ?? 0,
                );
              }
              expect(il.totalPence.pence).toBe(
                flows.nodes.find((n) => n.side === 'investor' && n.organisationId === id)?.valuePence.pence ?? 0,
              );

              expect(ov.netPence.pence).toBe(landed - invested);
              investmentLandedEverywhere += il.totalPence.pence;
            }
            const withoutCosts = m.sum(
              m.validated.filter(m.inYear(fy)).filter((v) => m.totalCostOf(v.intervention) === 0n),
            );
            expect(investmentLandedEverywhere + withoutCosts).toBe(systemTotal);
          }
        });
      }),
      { numRuns: RUNS },
    );
  });

  it('(c) every figure in the answers traces to its own value, by arithmetic that adds up, over events that exist in the log', async () => {
    await fc.assert(
      fc.asyncProperty(systemArb, async (s) => {
        await withProjectedSystem(s, (queries, { log }) => {
          const byPosition = new Map(log.map((e) => [e.position, e]));
          const cutoff = queries.cutoff(null);
          let traced = 0;
          for (const fy of FILTERS) {
            traced += expectEveryFigureTraces(queries, queries.systemFlows({ financialYear: fy, cutoff }), byPosition);
            for (let o = 0; o < s.orgCount; o++) {
              traced += expectEveryFigureTraces(
                queries,
                queries.organisationValue({ organisationId: orgId(o), financialYear: fy, cutoff }),
                byPosition,
              );
            }
          }
          // the asAt form of the same answers traces too
          const asAt = log[log.length - 1].metadata.recordedAt;
          traced += expectEveryFigureTraces(
            queries,
            queries.systemFlows({ financialYear: null, cutoff: queries.cutoff(asAt) }),
            byPosition,
          );
          expect(traced).toBeGreaterThan(0);
        });
      }),
      { numRuns: 12 },
    );
  });
});
