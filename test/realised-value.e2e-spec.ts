import { reportFigures } from '@benefit-ledger/projections';
import { DemoApp } from './support/demo-app';
import { sumPence } from './support/plain-figures';

/**
 * Realised value after `npm run demo`, through the real API (docs/value-and-realisation.md): claimed, validated and
 * realised, each with its ROI and the costs it counts; capacity counted only for what was harvested; every figure
 * traceable; the intervention's value for a year, as at an instant, and closed beside restated.
 */
const ICB = 'west-riding-icb';
const ACUTE = 'riverside-teaching-hospitals';
const FRAILTY = 'frailty-discharge-to-assess';
const source = { system: 'bed management', reference: 'test' };

describe('realised value, after the demo', () => {
  let demo: DemoApp;
  let auditor: Awaited<ReturnType<DemoApp['as']>>;
  const get = async (path: string) => {
    const r = await auditor.get(path);
    expect({ path, status: r.status }).toEqual({ path, status: 200 });
    return r.body;
  };
  beforeAll(async () => {
    demo = await DemoApp.start();
    auditor = await demo.as('auditor', ICB);
  });
  afterAll(() => demo.stop());

  describe('organisations, flows and partnership: three ways, cash is cash', () => {
    const INTERVENTIONS = ['frailty-discharge-to-assess', 'structured-medication-review', 'theatre-scheduling'];

    it("gives an organisation's cash as the cash released there: capacity released as cash and cash-releasing benefits", async () => {
      const acute = await get(`/organisations/${ACUTE}/value?financialYear=2019/20`);
      const capacity = await get(`/capacity?organisationId=${ACUTE}&financialYear=2019/20`);
      const cashReleased = capacity.rows.reduce(
        (t: number, r: { cashReleasedPence: { pence: number } }) => t + r.cashReleasedPence.pence,
        0,
      );
      expect(cashReleased).toBe(13_800_000);
      expect(acute.landedHere.cashPence.pence).toBe(cashReleased);
      expect(acute.value.realised.cashPence.pence).toBe(cashReleased);
      expect(sumPence(acute.landedHere.cashPence, acute.landedHere.nonCashPence)).toBe(
        acute.landedHere.totalPence.pence,
      );
      // the ICB's is the prescribing saving finance validated as cash-releasing
      const icb = await get(`/organisations/${ICB}/value?financialYear=2019/20`);
      expect(icb.landedHere.cashPence.pence).toBe(2_150_000);
      expect(acute.value.validated.costsCounted).toContain('the costs this organisation bore');
      expect(acute.value.realised.totalPence.pence).toBeLessThan(acute.value.validated.totalPence.pence);
    });

    it("adds up: the organisations' and the interventions' realised value is the system's, to the penny", async () => {
      const flows = await get('/system/flows?financialYear=2019/20');
      const landing = [...new Set(flows.links.map((l: { to: string }) => l.to))] as string[];
      let byOrganisation = 0;
      for (const organisationId of landing)
        byOrganisation += sumPence(
          (await get(`/organisations/${organisationId}/value?financialYear=2019/20`)).value.realised.totalPence,
        );
      let byIntervention = 0;
      for (const id of INTERVENTIONS)
        byIntervention += sumPence(
          (await get(`/interventions/${id}/value?financialYear=2019/20`)).benefits.realisedPence,
        );
      expect({ byOrganisation, byIntervention }).toEqual({
        byOrganisation: flows.value.realised.totalPence.pence,
        byIntervention: flows.value.realised.totalPence.pence,
      });
      expect(flows.value.validated.totalPence.pence).toBe(flows.totals.validatedPence.pence);
      expect(sumPence(flows.value.realised.totalPence, flows.notRealised.totalPence)).toBe(
        flows.value.validated.totalPence.pence,
      );
      expect(flows.value.realised.costsCounted).toBe(
        'every cost recorded in 2019/20, of every intervention, direct and indirect, whoever bore it',
      );
    });

    it('attributes value to the partnership three ways, its ROI labelled with the costs it counts', async () => {
      const p = await get('/partnerships/riverside-lean-care/attribution?financialYear=2019/20');
      expect(p.value.validated.totalPence.pence).toBe(p.attributedPence.pence);
      expect(p.value.validated.roi.perPound).toBe(p.roi.perPound);
      expect(p.value.realised.totalPence.pence).toBeLessThan(p.value.validated.totalPence.pence);
      expect(p.value.realised.costsCounted).toContain("the partnership programme's own costs");
    });

    it('types partnership costs direct or indirect, and gives its ROI both ways, each labelled with the costs it counts', async () => {
      const p = await get('/partnerships/riverside-lean-care/attribution?financialYear=2019/20');
      expect({
        direct: p.costs.directPence.pence,
        indirect: p.costs.indirectPence.pence,
        programme: p.costs.totalPence.pence,
      }).toEqual({ direct: 2_400_000, indirect: 600_000, programme: 3_000_000 });
      // frailty's £247,500.00 in full and half of theatre scheduling's £75,000.00
      expect(p.costs.interventionsSharePence.pence).toBe(24_750_000 + 3_750_000);
      expect(p.costs.programmeAndInterventionsPence.pence).toBe(31_500_000);
      expect({ onProgramme: p.roi.perPound, onAll: p.roiWithInterventionCosts.perPound }).toEqual({
        onProgramme: '£29.13 per £1',
        onAll: '£2.77 per £1',
      });
      expect(p.roi.costsCounted).toContain("programme's own costs");
      expect(p.roiWithInterventionCosts.costsCounted).toContain('its costs of the year × its enrolment share');
      expect(p.valueWithInterventionCosts.realised.roi.perPound).not.toBe(p.value.realised.roi.perPound);
      const trace = await get(`/trace?figure=${encodeURIComponent(p.roiWithInterventionCosts.ref)}`);
      expect(trace.arithmetic.total).toBe(p.roiWithInterventionCosts.pencePerPound);
      const lead = await demo.as('partnership-lead', ACUTE);
      const before = demo.logLength();
      const untyped = await lead.post('/partnerships/riverside-lean-care/costs', {
        category: 'faculty',
        amountPence: 1_000,
        financialYear: '2019/20',
        bearerOrganisationId: ACUTE,
        source: { system: 'ledger', reference: 'x' },
      });
      expect({ status: untyped.status, fields: untyped.body.errors?.map((e: { field: string }) => e.field) }).toEqual({
        status: 400,
        fields: ['costType'],
      });
      expect(demo.logLength()).toBe(before);
    });

    it('traces every figure of the three ways, in every report', async () => {
      for (const path of [
        `/organisations/${ACUTE}/value?financialYear=2019/20`,
        '/system/flows?financialYear=2019/20',
        '/partnerships/riverside-lean-care/attribution?financialYear=2019/20',
      ]) {
        const answer = await get(path);
        const figures = reportFigures({
          value: answer.value,
          notRealised: answer.notRealised,
          cash: answer.landedHere?.cashPence ?? null,
        });
        expect(figures.length).toBeGreaterThan(20);
        for (const figure of figures) {
          const trace = await get(`/trace?figure=${encodeURIComponent(figure.ref)}`);
          expect({ path, figure: figure.path, total: trace.arithmetic.total }).toEqual({
            path,
            figure: figure.path,
            total: figure.value,
          });
        }
      }
    });
  });

  describe('the reconciliation: is the cash reported evidenced by cash?', () => {
    it('flags a cash-releasing line evidenced by capacity with the amount that is not cash, and sets reported cash against evidenced cash', async () => {
      const finance = await demo.as('finance', ACUTE);
      await finance
        .post('/finance/reports', {
          organisationId: ACUTE,
          financialYear: '2019/20',
          totalPence: 30_000_000,
          source: { system: 'ledger', reference: 'CIP tracker 2019/20 month 12' },
          lines: [
            {
              lineId: 'CIP-W12',
              description: 'Ward 12 closure',
              amountPence: 20_000_000,
              cashReleasing: true,
              recurrent: true,
            },
            {
              lineId: 'CIP-ADM',
              description: 'Avoided admissions',
              amountPence: 10_000_000,
              cashReleasing: true,
              recurrent: true,
            },
          ],
        })
        .expect(201);
      const links = `/finance/reports/${ACUTE}/2019-20/links`;
      await finance
        .post(links, {
          lineId: 'CIP-W12',
          benefits: [{ interventionId: FRAILTY, benefitId: 'frailty-bed-days', amountPence: 20_000_000 }],
        })
        .expect(201);
      await finance
        .post(links, {
          lineId: 'CIP-ADM',
          benefits: [
            {
              interventionId: 'structured-medication-review',
              benefitId: 'meds-admissions-avoided',
              amountPence: 10_000_000,
            },
          ],
        })
        .expect(201);
      // a claim landing at the trust that finance has not yet decided
      const acute = await demo.as('contributor', ACUTE);
      await acute
        .post('/interventions/theatre-scheduling/benefits', {
          benefitId: 'theatres-cancellations',
          benefitType: 'patient-experience',
          lens: 'social',
          description: 'Fewer on-the-day cancellations',
          quantity: { value: 40, unit: 'cancellations' },
          valuation: { method: 'estimate' },
          valuePence: 400_000,
          recurrence: 'recurrent',
          financialYear: '2019/20',
          landingOrganisationId: ACUTE,
          evidence: [],
          source,
        })
        .expect(201);

      const r = await get(`/finance/reconciliation?organisationId=${ACUTE}&financialYear=2019/20`);
      const line = (id: string) => r.lines.find((l: { lineId: string }) => l.lineId === id);
      // £200,000.00 of the bed-days evidences the ward closure, but only the £138,000.00 released as cash is cash
      expect(line('CIP-W12').status).toBe('evidenced');
      expect({
        reported: line('CIP-W12').cash.reportedPence.pence,
        evidenced: line('CIP-W12').cash.evidencedPence.pence,
        notCash: line('CIP-W12').cash.evidenceNotCashPence.pence,
      }).toEqual({ reported: 20_000_000, evidenced: 13_800_000, notCash: 6_200_000 });
      expect(line('CIP-W12').cash.flag).toContain('£62,000.00 of benefits that are not cash');
      // cost avoidance is not cash at all
      expect(line('CIP-ADM').cash.evidenceNotCashPence.pence).toBe(10_000_000);
      expect(r.flaggedLines).toBe(2);
      expect({
        reported: r.totals.reportedCashPence.pence,
        evidenced: r.totals.evidencedCashPence.pence,
        notCash: r.totals.cashEvidenceNotCashPence.pence,
      }).toEqual({ reported: 30_000_000, evidenced: 13_800_000, notCash: 16_200_000 });
      // claims not yet validated, beside the validated benefits the lines leave unclaimed
      // this test's claim, beside any the demo leaves awaiting finance
      expect(r.claimsAwaitingValidation).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            interventionId: 'theatre-scheduling',
            benefitId: 'theatres-cancellations',
            claimedPence: expect.objectContaining({ pence: 400_000 }),
          }),
        ]),
      );
      expect(r.totals.claimsAwaitingValidationPence.pence).toBe(
        r.claimsAwaitingValidation.reduce(
          (sum: number, c: { claimedPence: { pence: number } }) => sum + c.claimedPence.pence,
          0,
        ),
      );
      expect(r.unclaimedBenefits.length).toBeGreaterThan(0);
      for (const figure of [
        line('CIP-W12').cash.evidencedPence,
        line('CIP-W12').cash.evidenceNotCashPence,
        r.totals.evidencedCashPence,
        r.totals.claimsAwaitingValidationPence,
      ]) {
        const trace = await get(`/trace?figure=${encodeURIComponent(figure.ref)}`);
        expect(trace.arithmetic.total).toBe(figure.pence);
      }
      const cashTrace = await get(`/trace?figure=${encodeURIComponent(line('CIP-W12').cash.evidencedPence.ref)}`);
      expect(cashTrace.events.map((e: { type: string }) => e.type)).toContain('CashReleased');
    });
  });

  describe('GET /interventions/:id/value', () => {
    it('shows the frailty intervention claimed, validated and realised, each with its ROI and the costs it counts', async () => {
      const v = await get(`/interventions/${FRAILTY}/value`);
      expect(v.costs.totalPence.pence).toBe(24_750_000);
      const ways = Object.fromEntries(
        ['claimed', 'validated', 'realised'].map((w) => [
          w,
          {
            total: v.value[w].totalPence.pence,
            cash: v.value[w].cashPence.pence,
            roi: v.value[w].roi.perPound,
            costs: v.value[w].costsCounted,
          },
        ]),
      );
      const costs =
        "all the intervention's costs of every year, direct and indirect, whoever bore them (costs.totalPence)";
      expect(ways).toEqual({
        claimed: { total: 68_510_000, cash: 0, roi: '£2.77 per £1', costs },
        validated: { total: 62_400_000, cash: 0, roi: '£2.52 per £1', costs },
        // cash £138,000.00 released + £207,000.00 reinvested + £210,000.00 of other validated benefits
        realised: { total: 55_500_000, cash: 13_800_000, roi: '£2.24 per £1', costs },
      });
      expect(v.roi.perPound).toBe('£2.52 per £1');
      expect(v.notRealised.unharvestedPence.pence).toBe(5_175_000); // 150 bed-days at £345.00
      expect(v.capacity).toEqual([
        expect.objectContaining({
          benefitId: 'frailty-bed-days',
          unit: 'bed-days',
          quantities: {
            validated: 1200,
            harvestedAsCash: 400,
            harvestedForReinvestment: 600,
            reinvested: 600,
            unharvested: 150,
            undecided: 50,
          },
        }),
      ]);
    });

    it('gives every figure a reference /trace accepts, each tracing to its total', async () => {
      const v = await get(`/interventions/${FRAILTY}/value`);
      const figures = reportFigures(v);
      expect(figures.length).toBeGreaterThan(50);
      for (const figure of figures) {
        const trace = await get(`/trace?figure=${encodeURIComponent(figure.ref)}`);
        expect({ path: figure.path, total: trace.arithmetic.total, query: trace.figure.query }).toEqual({
          path: figure.path,
          total: figure.value,
          query: 'intervention-value',
        });
      }
    });

    it('traces the realised ROI to the events behind it: the cash release, the reinvestment, the costs, each with its source', async () => {
      const v = await get(`/interventions/${FRAILTY}/value`);
      const trace = await get(`/trace?figure=${encodeURIComponent(v.value.realised.roi.ref)}`);
      expect(trace.arithmetic.terms[0].note).toContain('£555,000.00 realised ÷ £247,500.00 costs');
      const types = trace.events.map((e: { type: string }) => e.type);
      for (const type of [
        'CostRecorded',
        'BenefitClaimed',
        'BenefitValidated',
        'CapacityReleased',
        'CapacityHarvested',
        'CashReleased',
        'CapacityReinvested',
      ])
        expect(types).toContain(type);
      for (const e of trace.events) expect({ type: e.type, note: e.sourceNote }).toEqual({ type: e.type, note: null });
      const validation = trace.events.find((e: { type: string }) => e.type === 'BenefitValidated');
      expect(validation.source).toEqual({
        system: 'ledger',
        reference: 'bed-day reconciliation BR-2019 to PAS',
        extractedOn: '2020-05-14',
      });
    });

    it('refuses a bad financialYear, a bad asAt and unknown parameters with 400 naming the field, never ignoring them', async () => {
      for (const [query, field] of [
        ['financialYear=2019-20', 'financialYear'],
        ['asAt=yesterday', 'asAt'],
        ['region=north', 'region'],
      ]) {
        const r = await auditor.get(`/interventions/${FRAILTY}/value?${query}`);
        expect({ query, status: r.status, fields: r.body.errors?.map((e: { field: string }) => e.field) }).toEqual({
          query,
          status: 400,
          fields: [field],
        });
      }
    });

    it("answers for one financial year only: that year's costs and benefits", async () => {
      const later = await get(`/interventions/${FRAILTY}/value?financialYear=2020/21`);
      expect({
        costs: later.costs.totalPence.pence,
        validated: later.benefits.validatedPence.pence,
        roi: later.roi,
      }).toEqual({ costs: 0, validated: 0, roi: null });
      const year = await get(`/interventions/${FRAILTY}/value?financialYear=2019/20`);
      expect(year.financialYear).toBe('2019/20');
      expect(year.benefits.realisedPence.pence).toBe(55_500_000);
      expect(year.period).toEqual({ financialYear: '2019/20', closed: false, closes: [] });
    });

    it('lowers realised value, not validated value, when bed-days are left unharvested; answers as at a past instant, the same bytes later', async () => {
      const path = `/interventions/${FRAILTY}/value`;
      const before = await get(path);
      await new Promise((r) => setTimeout(r, 5));
      const instant = new Date().toISOString();
      await new Promise((r) => setTimeout(r, 5));
      const acute = await demo.as('contributor', ACUTE);
      // the last 50 bed-days: left unharvested
      await acute
        .post(`${path.replace('/value', '')}/capacity-releases/frailty-beds-2019/harvests`, {
          harvest: 'unharvested',
          quantity: 50,
          rationale: 'winter',
          source,
        })
        .expect(201);
      const after = await get(path);
      expect(after.benefits.validatedPence.pence).toBe(before.benefits.validatedPence.pence);
      expect(after.benefits.realisedPence.pence).toBe(before.benefits.realisedPence.pence);
      expect(after.notRealised.unharvestedPence.pence - before.notRealised.unharvestedPence.pence).toBe(50 * 34_500);
      expect(after.notRealised.undecidedPence.pence).toBe(0);

      const asAt = await auditor.get(`${path}?asAt=${instant}`).expect(200);
      expect(asAt.body.asAt).toBe(instant);
      expect(asAt.body.notRealised.unharvestedPence.pence).toBe(before.notRealised.unharvestedPence.pence);
      expect(asAt.body.upToPosition).toBe(before.upToPosition);
      const trace = await get(`/trace?figure=${encodeURIComponent(asAt.body.notRealised.unharvestedPence.ref)}`);
      expect(trace.arithmetic.total).toBe(before.notRealised.unharvestedPence.pence);
      // more recorded later changes nothing as at that instant
      await acute.post(`/interventions/${FRAILTY}/decisions`, { decision: 'pause', rationale: 'winter' }).expect(201);
      expect((await auditor.get(`${path}?asAt=${instant}`).expect(200)).text).toBe(asAt.text);
    });

    it('answers 404 for an intervention not registered then, or ever', async () => {
      await auditor.get(`/interventions/${FRAILTY}/value?asAt=2000-01-01T00:00:00Z`).expect(404);
      await auditor.get('/interventions/no-such/value').expect(404);
    });

    it('shows a closed year as closed beside as restated, each figure traceable', async () => {
      const admin = await demo.as('admin', ICB);
      await admin.post('/periods/2019-20/close', { note: 'year end' }).expect(201);
      const finance = await demo.as('finance', ACUTE);
      await finance
        .post(`/interventions/${FRAILTY}/costs`, {
          costId: 'late-invoice',
          costType: 'direct',
          category: 'agency',
          amountPence: 1_250_000,
          financialYear: '2019/20',
          bearerOrganisationId: ACUTE,
          source: { system: 'ledger', reference: 'late invoice' },
          restatement: { reason: 'invoice received after the close' },
        })
        .expect(201);
      const v = await get(`/interventions/${FRAILTY}/value?financialYear=2019/20`);
      expect(v.period).toMatchObject({ financialYear: '2019/20', closed: true, close: { scope: 'system' } });
      expect(v.period.asClosed.costs.totalPence.pence).toBe(24_750_000);
      expect(v.costs.totalPence.pence).toBe(26_000_000);
      const changed = Object.fromEntries(
        v.period.changedFigures.map((c: { path: string; difference: number }) => [c.path, c.difference]),
      );
      expect(changed).toMatchObject({ 'costs.totalPence': 1_250_000, 'value.realised.netPence': -1_250_000 });
      expect(v.period.restatements).toEqual([expect.objectContaining({ reason: 'invoice received after the close' })]);
      for (const c of v.period.changedFigures) {
        const closed = await get(`/trace?figure=${encodeURIComponent(c.asClosed.ref)}`);
        expect(closed.arithmetic.total).toBe(c.asClosed.value);
      }
    });
  });
});
