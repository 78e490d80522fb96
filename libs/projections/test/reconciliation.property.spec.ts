import fc from 'fast-check';
import {
  DomainError,
  FinanceReportCommand,
  FinanceReportEvent,
  LinkableBenefit,
  evidencedPence,
  financeReportDecider,
  financeReportStreamId,
  fold,
} from '@benefit-ledger/domain';
import { ActorMetadata } from '@benefit-ledger/event-store';
import { ReadModelQueries, rebuildReadModels } from '../src';
import { expectEveryFigureTraces } from './support/figures';
import { LedgerWriter, readLog, tempLedger } from '@benefit-ledger/testing';

// hundreds of random ledgers on real SQLite files: on a shared machine the 5 s default measures its load, not the code
jest.setTimeout(120_000);

/**
 * Reconciliation (docs/design.md#the-arithmetic) on random ledgers: benefits of random type, recurrence, year, landing and outcome;
 * a report of random lines for the trust, corrected now and then; link requests picked at random and decided
 * by the real finance-report decider (refused ones append nothing); sign-offs. The answers come from the real
 * SQLite log folded into real read models, and must conserve value to the penny and trace.
 */

const TRUST = 'org-trust';
const OTHER = 'org-other';
const FY = '2023/24';
const finance: ActorMetadata = { userId: `finance@${TRUST}`, organisationId: TRUST, role: 'finance' };

interface BenefitSpec {
  landing: typeof TRUST | typeof OTHER;
  financialYear: string;
  outcome: 'claimed' | 'validated' | 'rejected';
  benefitType: 'cash-releasing' | 'capacity' | 'quality';
  recurrence: 'recurrent' | 'non-recurrent';
  valuePence: number;
}
type Step =
  | { kind: 'link'; line: number; picks: { benefit: number; amount: number | null; eligible: boolean }[] }
  | { kind: 'correct'; lines: number[] }
  | { kind: 'sign-off' };

const amount = fc.integer({ min: 1, max: 3_000_000 });
const benefitArb = fc.record<BenefitSpec>({
  landing: fc.constantFrom(TRUST, TRUST, TRUST, TRUST, OTHER),
  financialYear: fc.constantFrom(FY, FY, FY, FY, '2024/25'),
  outcome: fc.constantFrom('validated', 'validated', 'validated', 'claimed', 'rejected'),
  benefitType: fc.constantFrom('cash-releasing', 'capacity', 'quality'),
  recurrence: fc.constantFrom('recurrent', 'non-recurrent'),
  valuePence: amount,
});
const linesArb = fc.array(fc.integer({ min: 1, max: 1_500_000 }), { minLength: 1, maxLength: 5 });
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 20,
    arbitrary: fc.record({
      kind: fc.constant('link' as const),
      line: fc.nat(),
      picks: fc.array(
        fc.record({
          benefit: fc.nat(),
          amount: fc.option(fc.integer({ min: 0, max: 1_500_000 }), { nil: null, freq: 3 }),
          // mostly benefits that can evidence the trust's report, sometimes any benefit at all (to be refused)
          eligible: fc.constantFrom(true, true, true, true, false),
        }),
        { minLength: 1, maxLength: 3 },
      ),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('correct' as const), lines: linesArb }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('sign-off' as const) }) },
);
const ledgerArb = fc.record({
  benefits: fc.array(benefitArb, { minLength: 3, maxLength: 8 }),
  lines: linesArb,
  steps: fc.array(stepArb, { minLength: 4, maxLength: 16 }),
});

const interventionOf = (i: number) => `int-${i % 3}`;
const benefitIdOf = (i: number) => `b-${i}`;
const lineOf = (amounts: number[]) =>
  amounts.map((a, i) => ({
    lineId: `L${i}`,
    description: `scheme ${i}`,
    amountPence: a,
    cashReleasing: i % 2 === 0,
    recurrent: i % 3 !== 0,
  }));

/** Writes the benefits, then drives the report through the decider; returns, after each event, the evidenced total the decider saw. */
async function writeLedger(writer: LedgerWriter, spec: { benefits: BenefitSpec[]; lines: number[]; steps: Step[] }) {
  for (const org of [TRUST, OTHER]) await writer.organisation(org);
  for (let i = 0; i < 3; i++) await writer.intervention(interventionOf(i), TRUST);
  const facts: LinkableBenefit[] = [];
  for (const [i, b] of spec.benefits.entries()) {
    const interventionId = interventionOf(i);
    await writer.claim(interventionId, {
      benefitId: benefitIdOf(i),
      valuePence: b.valuePence,
      financialYear: b.financialYear,
      landingOrganisationId: b.landing,
      benefitType: b.benefitType,
      recurrence: b.recurrence,
    });
    if (b.outcome === 'validated') await writer.validate(interventionId, benefitIdOf(i), b.valuePence, b.landing);
    if (b.outcome === 'rejected') await writer.reject(interventionId, benefitIdOf(i), b.landing);
    facts.push({
      interventionId,
      benefitId: benefitIdOf(i),
      benefitType: b.benefitType,
      recurrence: b.recurrence,
      financialYear: b.financialYear,
      landingOrganisationId: b.landing,
      status: b.outcome,
      validatedValuePence: b.outcome === 'validated' ? b.valuePence : null,
    });
  }
  const streamId = financeReportStreamId(TRUST, FY);
  let events: FinanceReportEvent[] = [];
  const snapshots: { recordedAt: string; evidencedPence: number; version: number }[] = [];
  let corrections = 0;
  const attempt = async (command: FinanceReportCommand) => {
    let decided: FinanceReportEvent[];
    try {
      decided = financeReportDecider.decide(command, fold(financeReportDecider, events));
    } catch (error) {
      if (error instanceof DomainError) return;
      throw error;
    }
    for (const e of decided) {
      const recordedAt = writer.now;
      await writer.append(streamId, e.type, e.data, finance);
      events = [...events, e];
      const state = fold(financeReportDecider, events);
      snapshots.push({ recordedAt, evidencedPence: evidencedPence(state), version: state.version });
    }
  };
  const report = (amounts: number[]) =>
    attempt({
      type: 'ReportWasteReduction',
      organisationId: TRUST,
      financialYear: FY,
      totalPence: amounts.reduce((a, b) => a + b, 0),
      lines: lineOf(amounts),
      source: { system: 'ledger', reference: `CIP v${++corrections}` },
    });
  await report(spec.lines);
  for (const step of spec.steps) {
    if (step.kind === 'correct') await report(step.lines);
    else if (step.kind === 'sign-off') await attempt({ type: 'SignOffReconciliation', note: 'agreed' });
    else {
      const state = fold(financeReportDecider, events);
      await attempt({
        type: 'LinkReportLine',
        lineId: state.lines[step.line % state.lines.length].lineId,
        benefits: step.picks.map((p, i) => {
          const eligible = facts.filter(
            (f) => f.status === 'validated' && f.landingOrganisationId === TRUST && f.financialYear === FY,
          );
          const pool = p.eligible && eligible.length > 0 ? eligible : facts;
          const b = pool[p.benefit % pool.length];
          return {
            interventionId: b.interventionId,
            benefitId: b.benefitId,
            amountPence: p.amount,
            field: `benefits[${i}]`,
            benefit: b,
          };
        }),
      });
    }
  }
  return { facts, snapshots, final: fold(financeReportDecider, events) };
}

describe('reconciliation conserves value to the penny on random ledgers (real SQLite log and read models)', () => {
  it('reported = Σ lines; evidenced + variance = reported; validated = evidenced + unclaimed; every split adds up; no benefit over-linked; every figure traces', async () => {
    const seen = { evidenced: 0, partly: 0, unclaimed: 0, signedOff: 0 };
    await fc.assert(
      fc.asyncProperty(ledgerArb, async (spec) => {
        const ledger = tempLedger();
        try {
          const { facts, snapshots, final } = await writeLedger(ledger.writer, spec);
          await rebuildReadModels(ledger.store, ledger.readModels, { batchSize: 5 });
          const queries = new ReadModelQueries(ledger.readModels);
          const log = await readLog(ledger.store);
          const r = queries.reconciliation({ organisationId: TRUST, financialYear: FY, cutoff: queries.cutoff(null) });
          const sum = (xs: { pence: number }[]) => xs.reduce((a, x) => a + x.pence, 0);

          seen.evidenced += r.byStatus.evidenced;
          seen.partly += r.byStatus['partly-evidenced'];
          seen.unclaimed += r.unclaimedBenefits.length;
          seen.signedOff += r.report.signedOff ? 1 : 0;
          expect(r.report.version).toBe(final.version);
          expect(r.totals.reportedPence.pence).toBe(final.totalPence);
          expect(sum(r.lines.map((l) => l.reportedPence))).toBe(r.totals.reportedPence.pence);
          expect(r.report.statedTotalPence).toBe(r.totals.reportedPence.pence);
          for (const l of r.lines) {
            expect(l.evidencedPence.pence + l.variancePence.pence).toBe(l.reportedPence.pence);
            expect(sum(l.benefits.map((b) => b.linkedPence))).toBe(l.evidencedPence.pence);
            expect(l.evidencedPence.pence).toBeLessThanOrEqual(l.reportedPence.pence);
            expect(l.status).toBe(
              l.evidencedPence.pence === l.reportedPence.pence
                ? 'evidenced'
                : l.evidencedPence.pence > 0
                  ? 'partly-evidenced'
                  : 'unevidenced',
            );
          }
          expect(sum(r.lines.map((l) => l.evidencedPence))).toBe(r.totals.evidencedPence.pence);
          // cash: what evidences a cash-releasing line is cash or flagged as not cash, to the penny; only cash-releasing benefits are cash here
          for (const l of r.lines) {
            const cashLinked = l.benefits
              .filter((b) => b.benefitType === 'cash-releasing')
              .reduce((a, b) => a + b.linkedPence.pence, 0);
            expect(l.cash.evidencedPence.pence).toBe(cashLinked);
            expect(l.cash.reportedPence.pence).toBe(l.cashReleasing ? l.reportedPence.pence : 0);
            expect(l.cash.evidenceNotCashPence.pence).toBe(l.cashReleasing ? l.evidencedPence.pence - cashLinked : 0);
            expect(l.cash.flag !== null).toBe(l.cash.evidenceNotCashPence.pence > 0);
          }
          const cashLines = r.lines.filter((l) => l.cashReleasing);
          expect(r.totals.reportedCashPence.pence).toBe(sum(cashLines.map((l) => l.cash.reportedPence)));
          expect(r.totals.evidencedCashPence.pence + r.totals.cashEvidenceNotCashPence.pence).toBe(
            sum(cashLines.map((l) => l.evidencedPence)),
          );
          expect(r.flaggedLines).toBe(r.lines.filter((l) => l.cash.flag !== null).length);
          // claims not yet decided, beside what was validated
          const awaiting = facts.filter(
            (b) => b.status === 'claimed' && b.landingOrganisationId === TRUST && b.financialYear === FY,
          );
          expect(r.claimsAwaitingValidation.map((c) => c.benefitId).sort()).toEqual(
            awaiting.map((b) => b.benefitId).sort(),
          );
          expect(r.totals.evidencedPence.pence).toBe(evidencedPence(final));
          expect(r.totals.evidencedPence.pence + r.totals.variancePence.pence).toBe(r.totals.reportedPence.pence);

          // the benefit side: validated benefits landing at the trust in the year, from the generated facts
          const eligible = facts.filter(
            (b) => b.status === 'validated' && b.landingOrganisationId === TRUST && b.financialYear === FY,
          );
          expect(r.totals.validatedLandedPence.pence).toBe(eligible.reduce((a, b) => a + b.validatedValuePence!, 0));
          expect(r.totals.evidencedPence.pence + r.totals.unclaimedPence.pence).toBe(
            r.totals.validatedLandedPence.pence,
          );
          expect(sum(r.unclaimedBenefits.map((b) => b.unclaimedPence))).toBe(r.totals.unclaimedPence.pence);
          for (const b of eligible) {
            const linked = r.lines
              .flatMap((l) => l.benefits)
              .filter((x) => x.interventionId === b.interventionId && x.benefitId === b.benefitId)
              .reduce((a, x) => a + x.linkedPence.pence, 0);
            expect(linked).toBeLessThanOrEqual(b.validatedValuePence!);
            const unclaimed = r.unclaimedBenefits.find(
              (u) => u.interventionId === b.interventionId && u.benefitId === b.benefitId,
            );
            expect(unclaimed?.unclaimedPence.pence ?? 0).toBe(b.validatedValuePence! - linked);
          }
          // only eligible benefits are ever linked
          for (const x of r.lines.flatMap((l) => l.benefits))
            expect(eligible.some((b) => b.interventionId === x.interventionId && b.benefitId === x.benefitId)).toBe(
              true,
            );

          const splits = [
            [r.splits.reported, r.totals.reportedPence],
            [r.splits.evidenced, r.totals.evidencedPence],
            [r.splits.validatedLanded, r.totals.validatedLandedPence],
            [r.splits.unclaimed, r.totals.unclaimedPence],
          ] as const;
          for (const [s, total] of splits) {
            expect(s.cashReleasingPence.pence + s.nonCashReleasingPence.pence).toBe(total.pence);
            expect(s.recurrentPence.pence + s.nonRecurrentPence.pence).toBe(total.pence);
          }
          expect(r.splits.evidenced.cashReleasingPence.pence + r.splits.unclaimed.cashReleasingPence.pence).toBe(
            r.splits.validatedLanded.cashReleasingPence.pence,
          );
          expect(r.splits.evidenced.recurrentPence.pence + r.splits.unclaimed.recurrentPence.pence).toBe(
            r.splits.validatedLanded.recurrentPence.pence,
          );
          expect(r.report.signedOff !== null).toBe(final.signedOff);

          // as at any earlier instant, the answer is what the decider had then
          const then = snapshots[Math.floor(snapshots.length / 2)];
          const past = queries.reconciliation({
            organisationId: TRUST,
            financialYear: FY,
            cutoff: queries.cutoff(then.recordedAt),
          });
          expect({ version: past.report.version, evidenced: past.totals.evidencedPence.pence }).toEqual({
            version: then.version,
            evidenced: then.evidencedPence,
          });

          const byPosition = new Map(log.map((e) => [e.position, e]));
          expect(
            expectEveryFigureTraces(queries, r, byPosition) + expectEveryFigureTraces(queries, past, byPosition),
          ).toBeGreaterThan(0);
        } finally {
          await ledger.close();
        }
      }),
      { numRuns: 40 },
    );
    // the generator reaches every kind of answer
    expect(Object.values(seen).every((n) => n > 0)).toBe(true);
  });
});
