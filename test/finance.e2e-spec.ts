import { DemoApp } from './support/demo-app';
import { plainFigures, sumPence } from './support/plain-figures';

/**
 * Issue 5 as a new user meets it over HTTP: after the demo, finance records a waste-reduction report for the
 * acute trust, links its lines to validated benefits, reads the reconciliation (evidenced, partly evidenced and
 * unevidenced lines, unclaimed benefits, totals to the penny, every figure traceable), signs it off and corrects it;
 * benefits are valued from the demo's unit-cost catalogue and carry the edition used.
 */
const ACUTE = 'riverside-teaching-hospitals';
const COMMUNITY = 'northgate-community-health';
const ICB = 'west-riding-icb';
const FY = '2019/20';
const RECONCILIATION = `/finance/reconciliation?organisationId=${ACUTE}&financialYear=${FY}`;
const LINKS = `/finance/reports/${ACUTE}/2019-20/links`;
const source = { system: 'ledger', reference: 'CIP tracker 2019/20 month 12', extractedOn: '2020-04-30' };
const line = (
  lineId: string,
  description: string,
  amountPence: number,
  cashReleasing: boolean,
  recurrent: boolean,
) => ({ lineId, description, amountPence, cashReleasing, recurrent });
const LINES = [
  line('CIP-01', 'Frailty: shorter stays', 40_000_000, false, true),
  line('CIP-02', 'Avoided emergency admissions', 15_000_000, false, true),
  line('CIP-03', 'Theatre productivity', 60_000_000, false, true),
  line('CIP-04', 'Agency nursing', 8_000_000, true, false),
  line('CIP-05', 'Procurement', 12_500_000, true, true),
];
const REPORT = { organisationId: ACUTE, financialYear: FY, totalPence: 135_500_000, lines: LINES, source };

type Client = Awaited<ReturnType<DemoApp['as']>>;
type Reply = Promise<{ status: number; body: unknown }>;
interface Figure {
  pence: number;
  ref: string;
}

/** A refusal: its status, the words its body must contain, and a log no longer than before it. */
async function expectRefused(demo: DemoApp, before: number, call: Reply, status: number, mentions: string[]) {
  const r = await call;
  expect({ status: r.status, body: r.body }).toMatchObject({ status });
  for (const m of mentions) expect(JSON.stringify(r.body)).toContain(m);
  expect(demo.logLength()).toBe(before);
}

describe('finance: reconciling reported waste reduction after the demo', () => {
  let demo: DemoApp;
  let finance: Client;
  let auditor: Client;
  let contributor: Client;
  let before = 0;

  beforeAll(async () => {
    demo = await DemoApp.start();
    finance = await demo.as('finance', ACUTE);
    auditor = await demo.as('auditor', ICB);
    contributor = await demo.as('contributor', ACUTE);
  });
  afterAll(() => demo.stop());

  const refused = (call: Reply, status: number, mentions: string[]) =>
    expectRefused(demo, before, call, status, mentions);
  beforeEach(() => {
    before = demo.logLength();
  });

  it('values demo benefits from the catalogue and records the edition used', async () => {
    const frailty = (await auditor.get('/interventions/frailty-discharge-to-assess').expect(200)).body;
    const bedDays = frailty.benefits.find((b: { benefitId: string }) => b.benefitId === 'frailty-bed-days');
    expect(bedDays.valuation).toEqual({
      method: 'unit-cost',
      unitCostId: 'excess-bed-day',
      unitValuePence: 34_500,
      edition: 'NCC-2019-20',
      priceYear: '2019/20',
    });
    const catalogue = (await contributor.get('/unit-costs/excess-bed-day?financialYear=2018/19').expect(200)).body;
    expect(catalogue.editions.map((e: { edition: string }) => e.edition)).toEqual(['NCC-2018-19', 'NCC-2019-20']);
    expect(catalogue.inForce).toMatchObject({ edition: 'NCC-2018-19', pricePence: 33_000 });
  });

  it('records the report, links lines by benefit id or with the intervention, and shows the report as it stands', async () => {
    const r = await finance.post('/finance/reports', REPORT).expect(201);
    expect(r.body).toMatchObject({
      organisationId: ACUTE,
      financialYear: FY,
      streamId: `finance-report-${ACUTE}-2019-20`,
      revision: 0,
    });
    await finance.post(LINKS, { lineId: 'CIP-01', benefitIds: ['frailty-bed-days'] }).expect(201);
    await finance
      .post(LINKS, { lineId: 'CIP-02', benefitIds: ['frailty-readmissions', 'meds-admissions-avoided'] })
      .expect(201);
    await finance
      .post(`/finance/reports/${ACUTE}/2019%2F20/links`, {
        lineId: 'CIP-03',
        benefits: [{ interventionId: 'theatre-scheduling', benefitId: 'theatres-sessions' }],
      })
      .expect(201);
    expect(demo.logLength()).toBe(before + 4);

    const report = (await finance.get(`/finance/reports/${ACUTE}/2019-20`).expect(200)).body;
    expect(report).toMatchObject({
      version: 1,
      revision: 3,
      totalPence: 135_500_000,
      evidencedPence: 105_000_000,
      signedOff: false,
    });
    // by default a link takes as much of a benefit as the line still needs: CIP-02 takes 12m of readmissions, then 3m of the 10.83m admissions avoided
    expect(report.lines[1].benefits).toEqual([
      { interventionId: 'frailty-discharge-to-assess', benefitId: 'frailty-readmissions', amountPence: 12_000_000 },
      { interventionId: 'structured-medication-review', benefitId: 'meds-admissions-avoided', amountPence: 3_000_000 },
    ]);
  });

  it('reconciles line by line: evidenced, partly evidenced and unevidenced lines, unclaimed benefits, totals to the penny', async () => {
    const rec = (await finance.get(RECONCILIATION).expect(200)).body;
    expect(
      rec.lines.map(
        (l: {
          lineId: string;
          status: string;
          reportedPence: Figure;
          evidencedPence: Figure;
          variancePence: Figure;
        }) => [l.lineId, l.status, l.reportedPence.pence, l.evidencedPence.pence, l.variancePence.pence],
      ),
    ).toEqual([
      ['CIP-01', 'evidenced', 40_000_000, 40_000_000, 0],
      ['CIP-02', 'evidenced', 15_000_000, 15_000_000, 0],
      ['CIP-03', 'partly-evidenced', 60_000_000, 50_000_000, 10_000_000],
      ['CIP-04', 'unevidenced', 8_000_000, 0, 8_000_000],
      ['CIP-05', 'unevidenced', 12_500_000, 0, 12_500_000],
    ]);
    expect(rec.byStatus).toEqual({ evidenced: 2, 'partly-evidenced': 1, unevidenced: 2 });
    expect(
      rec.unclaimedBenefits.map(
        (b: { benefitId: string; validatedPence: number; linkedPence: number; unclaimedPence: Figure }) => [
          b.benefitId,
          b.validatedPence,
          b.linkedPence,
          b.unclaimedPence.pence,
        ],
      ),
    ).toEqual([
      ['frailty-bed-days', 41_400_000, 40_000_000, 1_400_000],
      ['meds-admissions-avoided', 10_830_000, 3_000_000, 7_830_000],
    ]);
    const t = rec.totals;
    expect([
      t.reportedPence.pence,
      t.evidencedPence.pence,
      t.variancePence.pence,
      t.validatedLandedPence.pence,
      t.unclaimedPence.pence,
    ]).toEqual([135_500_000, 105_000_000, 30_500_000, 114_230_000, 9_230_000]);
    const sum = (xs: Figure[]) => xs.reduce((a, x) => a + x.pence, 0);
    expect(sum(rec.lines.map((l: { reportedPence: Figure }) => l.reportedPence))).toBe(t.reportedPence.pence);
    expect(sumPence(t.evidencedPence, t.variancePence)).toBe(t.reportedPence.pence);
    expect(sumPence(t.evidencedPence, t.unclaimedPence)).toBe(t.validatedLandedPence.pence);
    expect(rec.splits.reported).toMatchObject({
      cashReleasingPence: { pence: 20_500_000 },
      nonCashReleasingPence: { pence: 115_000_000 },
      recurrentPence: { pence: 127_500_000 },
      nonRecurrentPence: { pence: 8_000_000 },
    });
    // the demo's benefits landing at the trust are capacity and cost avoidance, all recurrent
    expect(rec.splits.evidenced).toMatchObject({
      cashReleasingPence: { pence: 0 },
      nonCashReleasingPence: { pence: 105_000_000 },
      recurrentPence: { pence: 105_000_000 },
    });
    expect(rec.splits.validatedLanded.nonCashReleasingPence.pence).toBe(114_230_000);
  });

  it('traces any reconciliation figure to the report, links, claims and validations behind it', async () => {
    const rec = (await auditor.get(RECONCILIATION).expect(200)).body;
    const evidenced = (
      await auditor.get(`/trace?figure=${encodeURIComponent(rec.totals.evidencedPence.ref)}`).expect(200)
    ).body;
    expect(evidenced.arithmetic.total).toBe(105_000_000);
    expect(new Set(evidenced.events.map((e: { type: string }) => e.type))).toEqual(
      new Set(['BenefitClaimed', 'BenefitValidated', 'ReportLineLinked']),
    );
    const link = evidenced.events.find((e: { type: string }) => e.type === 'ReportLineLinked');
    expect(link.actor).toEqual({ userId: `finance@${ACUTE}`, organisationId: ACUTE, role: 'finance' });
    const unclaimed = (
      await auditor.get(`/trace?figure=${encodeURIComponent(rec.unclaimedBenefits[1].unclaimedPence.ref)}`).expect(200)
    ).body;
    expect(unclaimed.arithmetic.terms.map((x: { amount: number }) => x.amount)).toEqual([10_830_000, -3_000_000]);
    const reported = (
      await auditor.get(`/trace?figure=${encodeURIComponent(rec.lines[3].reportedPence.ref)}`).expect(200)
    ).body;
    expect(reported.events.map((e: { type: string; source: unknown }) => [e.type, e.source])).toEqual([
      ['WasteReductionReported', source],
    ]);
    await refused(contributor.get(`/trace?figure=${encodeURIComponent(rec.totals.evidencedPence.ref)}`), 403, [
      'finance staff, auditors and admins',
    ]);
  });

  it('refuses links that break the rules, in words, appending nothing', async () => {
    // 1,400,000 of frailty-bed-days is still free
    await refused(
      finance.post(LINKS, {
        lineId: 'CIP-05',
        benefits: [
          { interventionId: 'frailty-discharge-to-assess', benefitId: 'frailty-bed-days', amountPence: 1_400_001 },
        ],
      }),
      422,
      ['benefit-over-linked', 'at most £14,000.00 more can be linked', 'benefits[0].amountPence'],
    );
    await refused(finance.post(LINKS, { lineId: 'CIP-04', benefitIds: ['frailty-agency-hours'] }), 422, [
      'benefit-lands-elsewhere',
      `lands at '${COMMUNITY}'`,
    ]);
    await refused(finance.post(LINKS, { lineId: 'CIP-04', benefitIds: ['frailty-falls'] }), 422, [
      'benefit-not-validated',
      'is rejected',
    ]);
    await refused(finance.post(LINKS, { lineId: 'CIP-04', benefitIds: ['no-such-benefit'] }), 400, [
      '"field":"benefitIds[0]"',
      'no intervention has claimed',
    ]);
    await refused(finance.post(LINKS, { lineId: 'CIP-99', benefitIds: ['frailty-bed-days'] }), 400, [
      '"field":"lineId"',
      'not in version 1',
    ]);
    const exactlyOne = [
      '"field":"benefitIds"',
      'give exactly one of benefitIds or benefits (an empty list unlinks the line)',
    ];
    await refused(finance.post(LINKS, { lineId: 'CIP-04' }), 400, exactlyOne);
    await refused(finance.post(LINKS, { lineId: 'CIP-04', benefitIds: [], benefits: [] }), 400, exactlyOne);
    await refused(
      finance.post(LINKS, {
        lineId: 'CIP-04',
        benefitIds: ['frailty-bed-days'],
        benefits: [{ interventionId: 'frailty-discharge-to-assess', benefitId: 'frailty-bed-days' }],
      }),
      400,
      exactlyOne,
    );
    await refused(finance.post(`/finance/reports/${ACUTE}/twenty/links`, { lineId: 'CIP-04', benefitIds: [] }), 400, [
      'financialYear must be a financial year like 2019-20',
    ]);
  });

  it('refuses reports that break the rules or the shape, appending nothing', async () => {
    await refused(finance.post('/finance/reports', { ...REPORT, totalPence: 135_500_001 }), 422, [
      'total-not-sum-of-lines',
      'totalPence (135500001, £1,355,000.01) must equal the sum of the lines (135500000, £1,355,000.00)',
    ]);
    await refused(
      finance.post('/finance/reports', { ...REPORT, lines: [...LINES, LINES[0]], totalPence: 175_500_000 }),
      422,
      ['duplicate-line-id', 'lines[5].lineId'],
    );
    await refused(finance.post('/finance/reports', REPORT), 409, ['report-unchanged']);
    await refused(finance.post('/finance/reports', { ...REPORT, auditor: 'x' }), 400, [
      'property auditor should not exist',
    ]);
    await refused(
      finance.post('/finance/reports', { ...REPORT, lines: [{ ...LINES[0], amountPence: '40000000' }] }),
      400,
      ['lines[0].amountPence must be a whole number of pence'],
    );
    await refused(finance.post('/finance/reports', { ...REPORT, financialYear: '2019-20' }), 400, [
      'financialYear must be a financial year like 2019/20',
    ]);
    await refused(finance.post('/finance/reports', { ...REPORT, lines: [] }), 400, ['lines must have at least 1 item']);
    const ghost = await demo.as('finance', 'ghost-trust');
    await refused(ghost.post('/finance/reports', { ...REPORT, organisationId: 'ghost-trust' }), 400, [
      "organisationId names organisation 'ghost-trust', which is not registered",
    ]);
  });

  it('lets only finance of the organisation write, and its finance, auditors and admins read', async () => {
    await refused(
      contributor.post('/finance/reports', { ...REPORT, totalPence: 1, lines: [line('X', 'anything', 1, true, true)] }),
      403,
      ['finance only'],
    );
    const otherFinance = await demo.as('finance', COMMUNITY);
    await refused(otherFinance.post(LINKS, { lineId: 'CIP-04', benefitIds: [] }), 403, ["only its own organisation's"]);
    await refused(auditor.post(`/finance/reports/${ACUTE}/2019-20/sign-off`, { note: 'x' }), 403, [
      'auditors read and trace',
    ]);
    await refused((await demo.as('admin', ICB)).post(LINKS, { lineId: 'CIP-04', benefitIds: [] }), 403, [
      'finance only',
    ]);
    await refused(contributor.get(RECONCILIATION), 403, ['finance staff, auditors and admins']);
    await refused(otherFinance.get(`/finance/reports/${ACUTE}/2019-20`), 403, ['finance staff, auditors and admins']);
    await (await demo.as('admin', ICB)).get(RECONCILIATION).expect(200);
    await refused(
      otherFinance.post(`/finance/reports/${COMMUNITY}/2019-20/links`, { lineId: 'L1', benefitIds: [] }),
      404,
      ['finance-report-not-found'],
    );
    await refused(otherFinance.get(`/finance/reconciliation?organisationId=${COMMUNITY}&financialYear=${FY}`), 404, [
      'no waste-reduction report',
    ]);
  });

  it('signs off, then refuses link changes until a corrected version; as at before the correction the signed figures reappear', async () => {
    await finance
      .post(`/finance/reports/${ACUTE}/2019-20/sign-off`, { note: 'Agreed with the director of finance' })
      .expect(201);
    before = demo.logLength();
    await refused(finance.post(LINKS, { lineId: 'CIP-05', benefitIds: ['frailty-bed-days'] }), 422, [
      'reconciliation-signed-off',
      'needs a new version of the report',
    ]);
    await refused(finance.post(`/finance/reports/${ACUTE}/2019-20/sign-off`, { note: 'again' }), 422, [
      'reconciliation-already-signed-off',
    ]);
    const signed = (await auditor.get(RECONCILIATION).expect(200)).body;
    expect(signed.report.signedOff).toMatchObject({
      version: 1,
      reportedPence: 135_500_000,
      evidencedPence: 105_000_000,
      by: { userId: `finance@${ACUTE}`, role: 'finance' },
    });

    await new Promise((r) => setTimeout(r, 5));
    const asAt = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));
    const corrected = LINES.map((l) => (l.lineId === 'CIP-05' ? { ...l, amountPence: 12_000_000 } : l));
    const v2 = await finance
      .post('/finance/reports', { ...REPORT, totalPence: 135_000_000, lines: corrected })
      .expect(201);
    expect(v2.body.revision).toBe(5);
    const now = (await auditor.get(RECONCILIATION).expect(200)).body;
    expect(now.report).toMatchObject({ version: 2, signedOff: null });
    expect(now.totals.evidencedPence.pence).toBe(0);
    expect(now.totals.unclaimedPence.pence).toBe(114_230_000);
    const then = (await auditor.get(`${RECONCILIATION}&asAt=${asAt}`).expect(200)).body;
    expect(then.report.version).toBe(1);
    expect(then.totals.evidencedPence.pence).toBe(105_000_000);
    expect(then.report.signedOff.version).toBe(1);
    // the new version links afresh
    await finance.post(LINKS, { lineId: 'CIP-05', benefitIds: ['frailty-bed-days'] }).expect(201);
    const relinked = (await finance.get(`/finance/reports/${ACUTE}/2019%2F20`).expect(200)).body;
    expect(relinked.lines[4]).toMatchObject({ lineId: 'CIP-05', evidencedPence: 12_000_000 });
  });

  it('refuses a bare benefit id that two interventions claimed, asking for the intervention', async () => {
    const community = await demo.as('contributor', COMMUNITY);
    await community
      .post('/interventions', {
        interventionId: 'community-frailty',
        title: 'Community frailty',
        leadOrganisationId: COMMUNITY,
        lenses: { economic: true, social: false, strategic: false },
        strategicPriorities: [],
      })
      .expect(201);
    await community
      .post('/interventions/community-frailty/benefits', {
        benefitId: 'frailty-bed-days',
        benefitType: 'capacity',
        lens: 'economic',
        description: 'bed-days',
        quantity: { value: 1, unit: 'bed-day' },
        valuation: { method: 'actual' },
        valuePence: 1,
        recurrence: 'recurrent',
        financialYear: FY,
        landingOrganisationId: COMMUNITY,
        evidence: [],
        source,
      })
      .expect(201);
    before = demo.logLength();
    await refused(finance.post(LINKS, { lineId: 'CIP-04', benefitIds: ['frailty-bed-days'] }), 400, [
      'is ambiguous: 2 interventions',
      'community-frailty, frailty-discharge-to-assess',
      'benefits[{interventionId, benefitId}]',
    ]);
  });
});

describe('unit-cost valuation and Green Book discounting after the demo', () => {
  let demo: DemoApp;
  let contributor: Client;
  let before = 0;
  const claim = (over: Record<string, unknown>) => ({
    benefitType: 'capacity',
    lens: 'economic',
    description: 'overnight beds freed',
    quantity: { value: 10, unit: 'bed-days' },
    valuation: { method: 'unit-cost', unitCostId: 'excess-bed-day' },
    recurrence: 'recurrent',
    financialYear: '2018/19',
    landingOrganisationId: ACUTE,
    evidence: [],
    source,
    ...over,
  });
  const refused = (call: Reply, status: number, mentions: string[]) =>
    expectRefused(demo, before, call, status, mentions);

  beforeAll(async () => {
    demo = await DemoApp.start();
    contributor = await demo.as('contributor', ACUTE);
  });
  beforeEach(() => {
    before = demo.logLength();
  });
  afterAll(() => demo.stop());

  it("values a claim at the price of the edition in force for the benefit's year when valuePence is left out", async () => {
    await contributor
      .post('/interventions/theatre-scheduling/benefits', claim({ benefitId: 'overnight-beds' }))
      .expect(201);
    const theatres = (await contributor.get('/interventions/theatre-scheduling').expect(200)).body;
    expect(theatres.benefits.find((b: { benefitId: string }) => b.benefitId === 'overnight-beds')).toMatchObject({
      valuePence: 330_000,
      valuation: {
        method: 'unit-cost',
        unitCostId: 'excess-bed-day',
        unitValuePence: 33_000,
        edition: 'NCC-2018-19',
        priceYear: '2018/19',
      },
    });
  });

  it('refuses a disagreeing value, an unknown unit cost, a year with no edition in force and a missing value', async () => {
    await refused(contributor.post('/interventions/theatre-scheduling/benefits', claim({ valuePence: 330_001 })), 422, [
      'valuation-mismatch',
      "'excess-bed-day' edition NCC-2018-19 = 330000",
    ]);
    await refused(
      contributor.post(
        '/interventions/theatre-scheduling/benefits',
        claim({ valuation: { method: 'unit-cost', unitCostId: 'no-such-cost' } }),
      ),
      400,
      ['"field":"valuation.unitCostId"', "unit cost 'no-such-cost', which is not in the catalogue"],
    );
    await refused(
      contributor.post('/interventions/theatre-scheduling/benefits', claim({ financialYear: '2017/18' })),
      422,
      ['no-unit-cost-edition-in-force', 'no edition in force for 2017/18'],
    );
    await refused(
      contributor.post('/interventions/theatre-scheduling/benefits', claim({ valuation: { method: 'estimate' } })),
      400,
      ['valuePence is required unless the benefit is valued from the catalogue'],
    );
  });

  it('publishes editions (finance or admin only); refuses a repeated or earlier edition and a timestamp for a date', async () => {
    const icbFinance = await demo.as('finance', ICB);
    const edition = {
      unitCostId: 'excess-bed-day',
      resource: 'excess bed-day, non-elective',
      unit: 'bed-day',
      pricePence: 35_900,
      source: { system: 'National Cost Collection', reference: 'NCC 2020/21' },
      edition: 'NCC-2020-21',
      priceYear: '2020/21',
      validFrom: '2020-04-01',
    };
    await refused(contributor.post('/unit-costs', edition), 403, ['finance or admin only']);
    await refused(icbFinance.post('/unit-costs', { ...edition, validFrom: '2020-04-01T00:00:00Z' }), 400, [
      'validFrom must be a date like 2019-04-01',
    ]);
    const r = await icbFinance.post('/unit-costs', edition).expect(201);
    expect(r.body).toMatchObject({ unitCostId: 'excess-bed-day', edition: 'NCC-2020-21', revision: 2 });
    before = demo.logLength();
    await refused(icbFinance.post('/unit-costs', edition), 409, ['edition-exists']);
    await refused(
      icbFinance.post('/unit-costs', { ...edition, edition: 'NCC-2017-18', validFrom: '2017-04-01' }),
      422,
      ['edition-not-later'],
    );
    await refused(contributor.get('/unit-costs/no-such-cost').expect(404), 404, [
      "unit cost 'no-such-cost' is not in the catalogue",
    ]);
  });

  it('discounts a multi-year profile with the Green Book rates, shown beside the undiscounted figure', async () => {
    const profile = {
      followingYears: [
        { financialYear: '2020/21', valuePence: 1_000_000 },
        { financialYear: '2021/22', valuePence: 1_000_000 },
      ],
      discounting: { schedule: 'standard', optimismBiasBasisPoints: 1000 },
    };
    await contributor
      .post(
        '/interventions/theatre-scheduling/benefits',
        claim({
          benefitId: 'future-sessions',
          financialYear: FY,
          valuation: { method: 'actual' },
          valuePence: 1_000_000,
          profile,
        }),
      )
      .expect(201);
    const value = (await contributor.get('/interventions/theatre-scheduling/value').expect(200)).body;
    expect(plainFigures(value.multiYear)).toEqual({
      benefits: 1,
      undiscountedPence: 3_000_000,
      presentValuePence: 2_899_695,
      adjustedPresentValuePence: 2_609_725,
    });
    const benefit = (await contributor.get('/interventions/theatre-scheduling').expect(200)).body.benefits.find(
      (b: { benefitId: string }) => b.benefitId === 'future-sessions',
    );
    expect(benefit.profile).toMatchObject({
      schedule: 'standard',
      rateBasisPoints: 350,
      optimismBiasBasisPoints: 1000,
      optimismBiasPence: 289_970,
    });
    expect(benefit.profile.years.map((y: { discountFactor: string }) => y.discountFactor)).toEqual([
      '1.000000',
      '0.966184',
      '0.933511',
    ]);
    before = demo.logLength();
    const tooLong = {
      ...profile,
      followingYears: Array.from({ length: 31 }, (_, i) => ({
        financialYear: `${2020 + i}/${String((21 + i) % 100).padStart(2, '0')}`,
        valuePence: 1,
      })),
    };
    await refused(
      contributor.post(
        '/interventions/theatre-scheduling/benefits',
        claim({ financialYear: FY, valuation: { method: 'actual' }, valuePence: 1, profile: tooLong }),
      ),
      422,
      ['profile-beyond-green-book-horizon', 'years 0–30'],
    );
    await refused(
      contributor.post(
        '/interventions/theatre-scheduling/benefits',
        claim({
          financialYear: FY,
          valuation: { method: 'actual' },
          valuePence: 1,
          profile: { ...profile, discounting: { schedule: 'generous', optimismBiasBasisPoints: 0 } },
        }),
      ),
      400,
      ['profile.discounting.schedule must be one of: standard, health'],
    );
  });
});
