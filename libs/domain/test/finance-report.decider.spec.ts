import fc from 'fast-check';
import {
  DomainError,
  FinanceReportEvent,
  FinanceReportState,
  canReadFinanceReport,
  financeReportDecider,
  financeReportStreamId,
  fold,
  linkedByBenefit,
  linkedOf,
  refuseFinanceReportCommand,
} from '../src';
import { given as givenAny } from './given-when-then';
import { SOURCE, actor } from './intervention.fixtures';
import {
  LINES,
  TRUST,
  ask,
  benefit,
  line,
  linkLine,
  linked,
  reportWasteReduction,
  reported,
  signedOff,
} from './finance-report.fixtures';

const given = (...events: FinanceReportEvent[]) => givenAny(financeReportDecider, events);

describe('ReportWasteReduction', () => {
  it('records version 1 of the report', () => {
    given()
      .when(reportWasteReduction())
      .then([reported(1)]);
  });

  it('records a corrected report as the next version', () => {
    const corrected = [line('L1', 31_000_000), ...LINES.slice(1)];
    given(reported(1), linked('L1', [{ benefitId: 'b', amountPence: 1 }]), signedOff())
      .when(reportWasteReduction({ totalPence: 56_000_000, lines: corrected }))
      .then([reported(2, { totalPence: 56_000_000, lines: corrected })]);
  });

  it('refuses a total that is not the sum of the lines, in words', () => {
    given()
      .when(reportWasteReduction({ totalPence: 55_000_001 }))
      .thenFails({ kind: 'rule-violated', rule: 'total-not-sum-of-lines', field: 'totalPence' });
    expect(() =>
      financeReportDecider.decide(reportWasteReduction({ totalPence: 1 }), financeReportDecider.initialState),
    ).toThrow('totalPence (1, £0.01) must equal the sum of the lines (55000000, £550,000.00)');
  });

  it('refuses a line id used twice, naming the second', () => {
    given()
      .when(reportWasteReduction({ lines: [...LINES, line('L2', 1)], totalPence: 55_000_001 }))
      .thenFails({ kind: 'rule-violated', rule: 'duplicate-line-id', field: 'lines[3].lineId' });
  });

  it('refuses a line of nothing, and a report with no lines', () => {
    given()
      .when(reportWasteReduction({ lines: [line('L1', 0)], totalPence: 0 }))
      .thenFails({ kind: 'rule-violated', rule: 'line-amount-not-positive', field: 'lines[0].amountPence' });
    given()
      .when(reportWasteReduction({ lines: [], totalPence: 0 }))
      .thenFails({ kind: 'rule-violated', rule: 'report-needs-lines', field: 'lines' });
  });

  it('refuses to record the same report again as a new version (conflict): a correction must differ', () => {
    given(reported(1)).when(reportWasteReduction()).thenFails({ kind: 'conflict', rule: 'report-unchanged' });
    given(reported(1))
      .when(reportWasteReduction({ source: { ...SOURCE, reference: 'reissued' } }))
      .then([reported(2, { source: { ...SOURCE, reference: 'reissued' } })]);
  });

  it('lives in one stream per organisation and year', () => {
    expect(financeReportStreamId('riverside-teaching-hospitals', '2019/20')).toBe(
      'finance-report-riverside-teaching-hospitals-2019-20',
    );
  });
});

describe('LinkReportLine', () => {
  const b1 = benefit('b1', 20_000_000);
  const b2 = benefit('b2', 40_000_000);

  it('links a benefit, by default taking as much as the line needs', () => {
    given(reported())
      .when(linkLine('L1', ask(b2)))
      .then([linked('L1', [{ benefitId: 'b2', amountPence: 30_000_000 }])]);
  });

  it('by default takes only what is free of the benefit, then moves on to the next benefit', () => {
    given(reported(), linked('L2', [{ benefitId: 'b2', amountPence: 20_000_000 }]))
      .when(linkLine('L1', ask(b1), ask(b2)))
      .then([
        linked('L1', [
          { benefitId: 'b1', amountPence: 20_000_000 },
          { benefitId: 'b2', amountPence: 10_000_000 },
        ]),
      ]);
  });

  it('takes an explicit amount', () => {
    given(reported())
      .when(linkLine('L1', ask(b2, 12_345_678)))
      .then([linked('L1', [{ benefitId: 'b2', amountPence: 12_345_678 }])]);
  });

  it("replaces the line's earlier links, which then free their benefits", () => {
    given(reported(), linked('L1', [{ benefitId: 'b1', amountPence: 20_000_000 }]))
      .when(linkLine('L1', ask(b1, 5_000_000)))
      .then([linked('L1', [{ benefitId: 'b1', amountPence: 5_000_000 }])]);
    given(reported(), linked('L1', [{ benefitId: 'b1', amountPence: 20_000_000 }]))
      .when(linkLine('L1'))
      .then([linked('L1', [])]);
  });

  it("refuses to link a benefit beyond its validated value across the version's lines", () => {
    given(reported(), linked('L2', [{ benefitId: 'b1', amountPence: 15_000_000 }]))
      .when(linkLine('L1', ask(b1, 5_000_001)))
      .thenFails({ kind: 'rule-violated', rule: 'benefit-over-linked', field: 'benefits[0].amountPence' });
    given(reported(), linked('L2', [{ benefitId: 'b1', amountPence: 20_000_000 }]))
      .when(linkLine('L1', ask(b1)))
      .thenFails({ kind: 'rule-violated', rule: 'benefit-over-linked', field: 'benefits[0]' });
  });

  it('refuses to evidence a line beyond its reported amount', () => {
    given(reported())
      .when(linkLine('L3', ask(b2, 5_000_001)))
      .thenFails({ kind: 'rule-violated', rule: 'line-over-evidenced', field: 'benefits[0].amountPence' });
    given(reported())
      .when(linkLine('L3', ask(b2), ask(b1)))
      .thenFails({ kind: 'rule-violated', rule: 'line-over-evidenced', field: 'benefits[1]' });
  });

  it('refuses benefits that are not validated, land elsewhere, belong to another year, were never claimed, or repeat', () => {
    given(reported())
      .when(linkLine('L1', ask(benefit('c', null))))
      .thenFails({ kind: 'rule-violated', rule: 'benefit-not-validated', field: 'benefits[0]' });
    given(reported())
      .when(linkLine('L1', ask(benefit('c', 1, { status: 'rejected', validatedValuePence: null }))))
      .thenFails({ kind: 'rule-violated', rule: 'benefit-not-validated', field: 'benefits[0]' });
    given(reported())
      .when(linkLine('L1', ask(benefit('c', 1, { landingOrganisationId: 'community-trust' }))))
      .thenFails({ kind: 'rule-violated', rule: 'benefit-lands-elsewhere', field: 'benefits[0]' });
    given(reported())
      .when(linkLine('L1', ask(benefit('c', 1, { financialYear: '2020/21' }))))
      .thenFails({ kind: 'rule-violated', rule: 'benefit-year-mismatch', field: 'benefits[0]' });
    given(reported())
      .when(linkLine('L1', ask(null, null, 'benefitIds[0]')))
      .thenFails({ kind: 'invalid-reference', rule: 'unknown-reference', field: 'benefitIds[0]' });
    given(reported())
      .when(linkLine('L1', ask(b1, 1), ask(b1, 1)))
      .thenFails({ kind: 'rule-violated', rule: 'duplicate-benefit-link', field: 'benefits[1]' });
    given(reported())
      .when(linkLine('L1', ask(b1, 0)))
      .thenFails({ kind: 'rule-violated', rule: 'link-amount-not-positive', field: 'benefits[0].amountPence' });
  });

  it('refuses a line not in the current version, naming lineId', () => {
    given(reported())
      .when(linkLine('L9', ask(b1)))
      .thenFails({ kind: 'invalid-reference', rule: 'unknown-reference', field: 'lineId' });
  });

  it('refuses links once the reconciliation is signed off, until a new version', () => {
    given(reported(), signedOff())
      .when(linkLine('L1', ask(b1)))
      .thenFails({ kind: 'rule-violated', rule: 'reconciliation-signed-off' });
    const v2 = { source: { ...SOURCE, reference: 'v2' } };
    given(reported(), signedOff(), reported(2, v2))
      .when(linkLine('L1', ask(b1)))
      .then([linked('L1', [{ benefitId: 'b1', amountPence: 20_000_000 }], 2)]);
  });

  it('starts each version unlinked: links made against version 1 leave version 2 free', () => {
    const state = given(
      reported(),
      linked('L1', [{ benefitId: 'b1', amountPence: 20_000_000 }]),
      reported(2, { source: { ...SOURCE, reference: 'v2' } }),
    ).state;
    expect(linkedOf(linkedByBenefit(state), 'int-1', 'b1')).toBe(0);
  });

  it('is not found before any report', () => {
    given()
      .when(linkLine('L1', ask(b1)))
      .thenFails({ kind: 'not-found', rule: 'finance-report-not-found' });
  });
});

describe('SignOffReconciliation', () => {
  it('signs off the current version with the figures it signs', () => {
    given(
      reported(),
      linked('L1', [{ benefitId: 'b1', amountPence: 20_000_000 }]),
      linked('L2', [{ benefitId: 'b2', amountPence: 1 }]),
    )
      .when({ type: 'SignOffReconciliation', note: 'agreed with the director of finance' })
      .then([signedOff(1, 55_000_000, 20_000_001)]);
  });

  it('refuses a second sign-off of the same version, and a sign-off before any report', () => {
    given(reported(), signedOff())
      .when({ type: 'SignOffReconciliation', note: 'again' })
      .thenFails({ kind: 'rule-violated', rule: 'reconciliation-already-signed-off' });
    given()
      .when({ type: 'SignOffReconciliation', note: 'x' })
      .thenFails({ kind: 'not-found', rule: 'finance-report-not-found' });
  });
});

describe('access', () => {
  it('finance of the organisation writes; everyone else is refused with a reason', () => {
    expect(refuseFinanceReportCommand(actor('finance', TRUST), TRUST)).toBeNull();
    expect(refuseFinanceReportCommand(actor('finance', 'community-trust'), TRUST)).toMatch(/only its own organisation/);
    expect(refuseFinanceReportCommand(actor('contributor', TRUST), TRUST)).toMatch(/finance only/);
    expect(refuseFinanceReportCommand(actor('admin', TRUST), TRUST)).toMatch(/finance only/);
    expect(refuseFinanceReportCommand(actor('auditor', TRUST), TRUST)).toMatch(/auditors read/);
  });

  it('finance of the organisation, auditors and admins read', () => {
    expect(canReadFinanceReport(actor('finance', TRUST), TRUST)).toBe(true);
    expect(canReadFinanceReport(actor('auditor', 'icb'), TRUST)).toBe(true);
    expect(canReadFinanceReport(actor('admin', 'icb'), TRUST)).toBe(true);
    expect(canReadFinanceReport(actor('finance', 'community-trust'), TRUST)).toBe(false);
    expect(canReadFinanceReport(actor('contributor', TRUST), TRUST)).toBe(false);
  });
});

describe('links conserve value (property): whatever finance asks, accepted links never over-link a benefit or over-evidence a line', () => {
  it('holds over random sequences of link requests, corrections and sign-offs', () => {
    const value = fc.integer({ min: 1, max: 5_000_000 });
    fc.assert(
      fc.property(
        fc.array(value, { minLength: 1, maxLength: 4 }),
        fc.array(value, { minLength: 1, maxLength: 5 }),
        fc.array(
          fc.record({
            kind: fc.constantFrom('link', 'link', 'link', 'correct', 'sign-off'),
            line: fc.nat(),
            picks: fc.array(
              fc.record({
                benefit: fc.nat(),
                amount: fc.option(fc.integer({ min: 0, max: 6_000_000 }), { nil: null }),
              }),
              { maxLength: 4 },
            ),
          }),
          { maxLength: 25 },
        ),
        (lineAmounts, benefitValues, steps) => {
          const benefits = benefitValues.map((v, i) => benefit(`b${i}`, v));
          let events: FinanceReportEvent[] = [];
          let version = 0;
          const apply = (command: Parameters<typeof financeReportDecider.decide>[0]) => {
            try {
              events = [...events, ...financeReportDecider.decide(command, fold(financeReportDecider, events))];
            } catch (error) {
              if (!(error instanceof DomainError)) throw error;
            }
          };
          const report = () => {
            version += 1;
            apply(
              reportWasteReduction({
                lines: lineAmounts.map((a, i) => line(`L${i}`, a)),
                totalPence: lineAmounts.reduce((x, y) => x + y, 0),
                source: { ...SOURCE, reference: `v${version}` },
              }),
            );
          };
          report();
          for (const step of steps) {
            if (step.kind === 'correct') report();
            else if (step.kind === 'sign-off') apply({ type: 'SignOffReconciliation', note: 'ok' });
            else
              apply(
                linkLine(
                  `L${step.line % lineAmounts.length}`,
                  ...step.picks.map((p) => ask(benefits[p.benefit % benefits.length], p.amount)),
                ),
              );
          }
          const state: FinanceReportState = fold(financeReportDecider, events);
          const linkedNow = linkedByBenefit(state);
          benefits.forEach((b) =>
            expect(linkedOf(linkedNow, 'int-1', b.benefitId)).toBeLessThanOrEqual(b.validatedValuePence!),
          );
          for (const l of state.lines) {
            const evidenced = (state.links.get(l.lineId) ?? []).reduce((a, b) => a + b.amountPence, 0);
            expect(evidenced).toBeLessThanOrEqual(l.amountPence);
            (state.links.get(l.lineId) ?? []).forEach((b) => expect(b.amountPence).toBeGreaterThan(0));
          }
          expect(state.totalPence).toBe(state.lines.reduce((a, l) => a + l.amountPence, 0));
        },
      ),
    );
  });
});
