import { ACUTE, COMMUNITY, GP, ICB, benefitBody, costBody, source } from './support/fixtures';
import { TestApp } from './support/test-app';

/**
 * The lists a client starts from (GET /interventions, /organisations, /partnerships, /benefits), on the real app and
 * a real SQLite store: paged (total, offset, limit, at most 500), filtered, sorted, as at an instant, refusing any
 * parameter they do not know, and read with the access of the figures they show. Every figure of the portfolio is
 * checked against GET /interventions/:id/value (the domain's own fold of the stream) and against its trace.
 */
type Agent = Awaited<ReturnType<TestApp['as']>>;

const DISCHARGE = 'discharge-to-assess';
const MEDICINES = 'medicines-review';
const FALLS = 'falls-prevention';

describe('the lists', () => {
  let t: TestApp;
  let admin: Agent;
  let auditor: Agent;
  let acute: Agent;
  let acuteFinance: Agent;
  let community: Agent;
  let communityFinance: Agent;
  let gp: Agent;
  let gpFinance: Agent;
  /** An instant after the first two interventions were registered, before anything else. */
  let beforeFalls: string;

  const ok = async (who: Agent, path: string, body: object) => {
    const r = await who.post(path, body);
    if (r.status !== 201) throw new Error(`${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const get = async (who: Agent, path: string) => {
    const r = await who.get(path);
    if (r.status !== 200) throw new Error(`${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const validation = (validatedValuePence: number, note: string) => ({ validatedValuePence, note, source });
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.as('admin', ICB);
    auditor = await t.as('auditor', ICB);
    acute = await t.as('contributor', ACUTE);
    acuteFinance = await t.as('finance', ACUTE);
    community = await t.as('contributor', COMMUNITY);
    communityFinance = await t.as('finance', COMMUNITY);
    gp = await t.as('contributor', GP);
    gpFinance = await t.as('finance', GP);
    for (const [organisationId, type, name] of [
      [ICB, 'icb', 'West ICB'],
      [ACUTE, 'acute-trust', 'Acute Hospitals'],
      [COMMUNITY, 'community-trust', 'Community Health'],
      [GP, 'gp-practice', 'Beech Surgery'],
    ]) {
      await ok(admin, '/organisations', { organisationId, name, type, ...(type === 'icb' ? {} : { system: ICB }) });
    }
    // Discharge to assess: led by the acute trust, a cost and a validated claim landing at the community trust
    await ok(acute, '/interventions', {
      interventionId: DISCHARGE,
      title: 'Discharge to assess',
      leadOrganisationId: ACUTE,
      pathway: 'urgent care',
      lenses: { economic: true, social: true, strategic: false },
      strategicPriorities: ['flow'],
    });
    await ok(acute, `/interventions/${DISCHARGE}/costs`, costBody({ costId: 'd-cost', amountPence: 1_000_000 }));
    await ok(acute, `/interventions/${DISCHARGE}/benefits`, benefitBody({ benefitId: 'd-beds' }));
    // Medicines review: led by the GP practice, active, costs in 2020/21; one claim awaiting finance at the acute trust,
    // one rejected, one revised and awaiting
    await ok(gp, '/interventions', {
      interventionId: MEDICINES,
      title: 'Structured medicines review',
      leadOrganisationId: GP,
      lenses: { economic: false, social: true, strategic: false },
      strategicPriorities: [],
    });
    await sleep(20);
    beforeFalls = new Date().toISOString();
    await sleep(20);
    await ok(
      communityFinance,
      `/interventions/${DISCHARGE}/benefits/d-beds/validation`,
      validation(3_000_000, 'matched to bed census'),
    );
    await ok(gp, `/interventions/${MEDICINES}/decisions`, {
      decision: 'approve',
      rationale: 'network board',
      decidedOn: '2020-04-01',
    });
    await ok(gp, `/interventions/${MEDICINES}/decisions`, {
      decision: 'start',
      rationale: 'pharmacist in post',
      decidedOn: '2020-05-01',
    });
    await ok(
      gp,
      `/interventions/${MEDICINES}/costs`,
      costBody({ costId: 'm-cost', amountPence: 500_000, financialYear: '2020/21', bearerOrganisationId: GP }),
    );
    const medicinesBenefit = (benefitId: string, valuePence: number, landingOrganisationId: string) =>
      benefitBody({
        benefitId,
        benefitType: 'cost-avoidance',
        description: `medicines ${benefitId}`,
        quantity: { value: 1, unit: 'admissions' },
        valuation: { method: 'estimate' },
        valuePence,
        financialYear: '2020/21',
        landingOrganisationId,
      });
    await ok(gp, `/interventions/${MEDICINES}/benefits`, medicinesBenefit('m-admissions', 200_000, ACUTE));
    await ok(gp, `/interventions/${MEDICINES}/benefits`, medicinesBenefit('m-harm', 100_000, GP));
    await ok(gpFinance, `/interventions/${MEDICINES}/benefits/m-harm/rejection`, { reason: 'sample too small' });
    await ok(gp, `/interventions/${MEDICINES}/benefits`, medicinesBenefit('m-prescribing', 300_000, GP));
    await ok(gp, `/interventions/${MEDICINES}/benefits/m-prescribing/revisions`, {
      quantity: { value: 1, unit: 'admissions' },
      valuation: { method: 'estimate' },
      valuePence: 250_000,
      reason: 'corrected extract',
      source,
    });
    // Falls prevention: led by the community trust, approved, no costs, one validated claim
    await ok(community, '/interventions', {
      interventionId: FALLS,
      title: 'Falls prevention',
      leadOrganisationId: COMMUNITY,
      lenses: { economic: false, social: false, strategic: true },
      strategicPriorities: ['safety'],
    });
    await ok(community, `/interventions/${FALLS}/decisions`, {
      decision: 'approve',
      rationale: 'board',
      decidedOn: '2019-06-01',
    });
    await ok(
      community,
      `/interventions/${FALLS}/benefits`,
      benefitBody({
        benefitId: 'f-falls',
        benefitType: 'quality',
        lens: 'social',
        valuePence: 50_000,
        quantity: { value: 5, unit: 'falls' },
        valuation: { method: 'estimate' },
      }),
    );
    await ok(
      communityFinance,
      `/interventions/${FALLS}/benefits/f-falls/validation`,
      validation(50_000, 'falls register'),
    );
  });
  afterAll(() => t.stop());

  const ids = (body: {
    items: { interventionId?: string; benefitId?: string; organisationId?: string; partnershipId?: string }[];
  }) => body.items.map((i) => i.benefitId ?? i.interventionId ?? i.partnershipId ?? i.organisationId);

  describe('GET /interventions', () => {
    it("lists every intervention with its figures, each equal to the intervention's own value and to its trace", async () => {
      const list = await get(gp, '/interventions');
      expect({ total: list.total, offset: list.offset, limit: list.limit, sort: list.sort, order: list.order }).toEqual(
        { total: 3, offset: 0, limit: 50, sort: 'title', order: 'asc' },
      );
      expect(list.upToPosition).toBe(t.logLength());
      expect(ids(list)).toEqual([DISCHARGE, FALLS, MEDICINES]);
      const discharge = list.items[0];
      expect(discharge).toMatchObject({
        title: 'Discharge to assess',
        leadOrganisationId: ACUTE,
        leadOrganisationName: 'Acute Hospitals',
        status: 'registered',
        pathway: 'urgent care',
        lenses: { economic: true, social: true, strategic: false },
      });
      expect(list.items.map((i: { status: string }) => i.status)).toEqual(['registered', 'approved', 'active']);
      for (const item of list.items) {
        const value = await get(gp, `/interventions/${item.interventionId}/value`);
        const own = {
          costs: value.costs.totalPence,
          claimed: value.benefits.claimedPence,
          validated: value.benefits.validatedPence,
          rejected: value.benefits.rejectedPence,
        };
        // each figure is the intervention's own value figure: the same pence, and the same reference (so the same trace)
        expect({
          costs: item.costsPence,
          claimed: item.claimedPence,
          validated: item.validatedPence,
          rejected: item.rejectedPence,
        }).toEqual(own);
        expect(item.roi).toEqual(value.roi);
        for (const figure of [
          item.costsPence,
          item.claimedPence,
          item.validatedPence,
          item.rejectedPence,
          ...(item.roi ? [{ pence: item.roi.pencePerPound, ref: item.roi.ref }] : []),
        ]) {
          const trace = await get(gp, `/trace?figure=${encodeURIComponent(figure.ref)}`);
          expect(trace.arithmetic.total).toBe(figure.pence);
          expect(trace.figure.parameters.interventionId).toBe(item.interventionId);
        }
      }
      // the figures are not all zero: the comparison above compared something
      expect(list.items.map((i: { claimedPence: { pence: number } }) => i.claimedPence.pence)).toEqual([
        3_000_000, 50_000, 550_000,
      ]);
      expect(
        list.items.find((i: { interventionId: string }) => i.interventionId === MEDICINES).rejectedPence.pence,
      ).toBe(100_000);
    });

    it('traces a revised claim to its claim and its revision', async () => {
      const medicines = (await get(auditor, `/interventions?q=medicines`)).items[0];
      const claimed = await get(auditor, `/trace?figure=${encodeURIComponent(medicines.claimedPence.ref)}`);
      expect(claimed.arithmetic.terms.map((term: { amount: number }) => term.amount).sort()).toEqual([
        100_000, 200_000, 250_000,
      ]);
      expect(claimed.events.map((e: { type: string }) => e.type)).toEqual(
        expect.arrayContaining(['BenefitClaimed', 'BenefitRevised']),
      );
      const rejected = await get(auditor, `/trace?figure=${encodeURIComponent(medicines.rejectedPence.ref)}`);
      expect(rejected.arithmetic.total).toBe(100_000);
      expect(rejected.events.map((e: { type: string }) => e.type)).toEqual(
        expect.arrayContaining(['BenefitClaimed', 'BenefitRejected']),
      );
    });

    it('pages: offset and limit cut the same order, total stays the whole selection, a page past the end is empty', async () => {
      const first = await get(auditor, '/interventions?limit=2');
      const second = await get(auditor, '/interventions?limit=2&offset=2');
      expect([first.total, second.total]).toEqual([3, 3]);
      expect([first.items.length, second.items.length]).toEqual([2, 1]);
      expect([...ids(first), ...ids(second)]).toEqual(ids(await get(auditor, '/interventions')));
      const past = await get(auditor, '/interventions?offset=10');
      expect({ total: past.total, items: past.items }).toEqual({ total: 3, items: [] });
    });

    it('filters by lead organisation, status, financial year, lens and text', async () => {
      const selected = async (query: string) => ids(await get(auditor, `/interventions?${query}`));
      expect(await selected(`leadOrganisationId=${GP}`)).toEqual([MEDICINES]);
      expect(await selected('status=active')).toEqual([MEDICINES]);
      expect(await selected('status=approved')).toEqual([FALLS]);
      expect(await selected('status=closed')).toEqual([]);
      expect(await selected('lens=strategic')).toEqual([FALLS]);
      expect(await selected('lens=social')).toEqual([DISCHARGE, MEDICINES]);
      expect(await selected('q=MEDICINES')).toEqual([MEDICINES]);
      expect(await selected('q=fall')).toEqual([FALLS]);
      expect(await selected(`q=${DISCHARGE}`)).toEqual([DISCHARGE]);
      expect(await selected('financialYear=2020%2F21')).toEqual([MEDICINES]);
      expect(await selected(`financialYear=2019%2F20&leadOrganisationId=${ACUTE}`)).toEqual([DISCHARGE]);
      // a year's figures are that year's only
      const y2019 = await get(auditor, `/interventions?financialYear=2019%2F20&leadOrganisationId=${GP}`);
      expect(y2019.total).toBe(0);
    });

    it('sorts by a figure, descending by default, ROI with no costs last either way', async () => {
      expect(ids(await get(auditor, '/interventions?sort=validated'))).toEqual([DISCHARGE, FALLS, MEDICINES]);
      expect(ids(await get(auditor, '/interventions?sort=claimed&order=asc'))).toEqual([FALLS, MEDICINES, DISCHARGE]);
      expect(ids(await get(auditor, '/interventions?sort=roi'))).toEqual([DISCHARGE, MEDICINES, FALLS]);
      expect(ids(await get(auditor, '/interventions?sort=roi&order=asc'))).toEqual([MEDICINES, DISCHARGE, FALLS]);
      expect(ids(await get(auditor, '/interventions?sort=title&order=desc'))).toEqual([MEDICINES, FALLS, DISCHARGE]);
      const paged = await get(auditor, '/interventions?sort=validated&offset=1&limit=1');
      expect({ total: paged.total, ids: ids(paged) }).toEqual({ total: 3, ids: [FALLS] });
    });

    it('answers as at an instant: what was registered by then, with the figures and status of then', async () => {
      const then = await get(auditor, `/interventions?asAt=${encodeURIComponent(beforeFalls)}`);
      expect(then.asAt).toBe(beforeFalls);
      expect(ids(then)).toEqual([DISCHARGE, MEDICINES]);
      expect(
        then.items.map((i: { status: string; validatedPence: { pence: number } }) => [
          i.status,
          i.validatedPence.pence,
        ]),
      ).toEqual([
        ['registered', 0],
        ['registered', 0],
      ]);
      const trace = await get(auditor, `/trace?figure=${encodeURIComponent(then.items[0].claimedPence.ref)}`);
      expect(trace.arithmetic.total).toBe(3_000_000);
    });
  });

  describe('refusals', () => {
    it.each([
      ['/interventions?limit=501', 'limit', 'limit must be at most 500'],
      ['/interventions?limit=0', 'limit', 'limit must be at least 1'],
      ['/interventions?offset=-1', 'offset', 'offset must be a whole number'],
      ['/interventions?sort=net', 'sort', 'sort must be one of'],
      ['/interventions?status=dormant', 'status', 'status must be one of'],
      ['/interventions?financialYear=2019-20', 'financialYear', 'financialYear must be'],
      ['/interventions?asAt=yesterday', 'asAt', 'asAt must be'],
      ['/interventions?colour=red', 'colour', 'property colour should not exist'],
      ['/interventions?limit=10&limit=20', 'limit', 'limit must be a whole number'],
      ['/organisations?region=north', 'region', 'property region should not exist'],
      ['/organisations?limit=501', 'limit', 'limit must be at most 500'],
      ['/partnerships?member=x', 'member', 'property member should not exist'],
      ['/benefits?status=pending', 'status', 'status must be one of'],
      ['/benefits?benefit=x', 'benefit', 'property benefit should not exist'],
    ])('GET %s: 400 naming %s, nothing appended', async (path, field, message) => {
      const before = t.logLength();
      const r = await auditor.get(path);
      expect(r.status).toBe(400);
      expect(r.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
      expect(r.body.message).toContain(message);
      expect(t.logLength()).toBe(before);
    });

    it('401 without a token', async () => {
      for (const path of ['/interventions', '/organisations', '/partnerships', '/benefits'])
        expect((await t.http.get(path)).status).toBe(401);
    });
  });

  describe('GET /organisations', () => {
    it('lists every registered organisation by name, filtered by type, system and text, paged', async () => {
      const all = await get(gp, '/organisations');
      expect({ total: all.total, names: all.items.map((o: { name: string }) => o.name) }).toEqual({
        total: 4,
        names: ['Acute Hospitals', 'Beech Surgery', 'Community Health', 'West ICB'],
      });
      expect(all.items[0]).toEqual({
        organisationId: ACUTE,
        name: 'Acute Hospitals',
        type: 'acute-trust',
        system: ICB,
        registeredAt: expect.any(String),
      });
      expect(ids(await get(gp, '/organisations?type=gp-practice'))).toEqual([GP]);
      // an ICB is its own system
      expect(ids(await get(gp, `/organisations?system=${ICB}`))).toEqual([ACUTE, GP, COMMUNITY, ICB]);
      expect(ids(await get(gp, `/organisations?system=${ACUTE}`))).toEqual([]);
      expect(ids(await get(gp, '/organisations?q=health'))).toEqual([COMMUNITY]);
      const page = await get(gp, '/organisations?offset=1&limit=2');
      expect({ total: page.total, ids: ids(page) }).toEqual({ total: 4, ids: [GP, COMMUNITY] });
    });
  });

  describe('GET /partnerships', () => {
    const FLOW = 'flow-partnership';
    const PRIMARY = 'primary-care-partnership';
    beforeAll(async () => {
      const acuteLead = await t.as('partnership-lead', ACUTE);
      const gpLead = await t.as('partnership-lead', GP);
      await ok(acuteLead, '/partnerships', {
        partnershipId: FLOW,
        name: 'Flow partnership',
        members: [
          { organisationId: ACUTE, role: 'lead' },
          { organisationId: COMMUNITY, role: 'partner' },
          { organisationId: ICB, role: 'member' },
        ],
      });
      await ok(acuteLead, `/partnerships/${FLOW}/members/${ICB}/departure`, { reason: 'commissioning changed' });
      await ok(gpLead, '/partnerships', {
        partnershipId: PRIMARY,
        name: 'Primary care partnership',
        members: [{ organisationId: GP, role: 'lead' }],
      });
    });

    it('shows each organisation only its own partnerships, present or past, and every one to auditors and admins', async () => {
      expect(ids(await get(community, '/partnerships'))).toEqual([FLOW]);
      expect(ids(await get(gpFinance, '/partnerships'))).toEqual([PRIMARY]);
      // the ICB left the flow partnership: still its reader (a former member), so it still lists it
      expect(ids(await get(await t.as('contributor', ICB), '/partnerships'))).toEqual([FLOW]);
      expect(ids(await get(auditor, '/partnerships'))).toEqual([FLOW, PRIMARY]);
      expect(ids(await get(admin, '/partnerships'))).toEqual([FLOW, PRIMARY]);
      // the organisation filter narrows what the reader may see, never widens it
      expect(ids(await get(auditor, `/partnerships?organisationId=${GP}`))).toEqual([PRIMARY]);
      expect(ids(await get(community, `/partnerships?organisationId=${GP}`))).toEqual([]);
      // and each partnership comes with what its own GET /partnerships/:id says of its members
      const flow = (await get(community, '/partnerships')).items[0];
      const own = await get(community, `/partnerships/${FLOW}`);
      expect(
        flow.members.map((m: { organisationId: string; role: string }) => [m.organisationId, m.role]).sort(),
      ).toEqual(own.members.map((m: { organisationId: string; role: string }) => [m.organisationId, m.role]).sort());
      expect(flow.formerMembers).toEqual([ICB]);
      expect(flow).toMatchObject({ name: 'Flow partnership', formedAt: expect.any(String) });
    });

    it('pages and searches by name', async () => {
      const page = await get(auditor, '/partnerships?limit=1&offset=1');
      expect({ total: page.total, ids: ids(page) }).toEqual({ total: 2, ids: [PRIMARY] });
      expect(ids(await get(auditor, '/partnerships?q=FLOW'))).toEqual([FLOW]);
    });
  });

  describe('GET /benefits (the validation queue)', () => {
    it('gives finance the claims awaiting validation that land at or are led by its organisation, and auditors all', async () => {
      expect(ids(await get(acuteFinance, '/benefits?status=claimed'))).toEqual(['m-admissions']);
      expect(ids(await get(gpFinance, '/benefits?status=claimed'))).toEqual(['m-admissions', 'm-prescribing']);
      expect(ids(await get(communityFinance, '/benefits?status=claimed'))).toEqual([]);
      expect(ids(await get(auditor, '/benefits?status=claimed'))).toEqual(['m-admissions', 'm-prescribing']);
      expect(ids(await get(auditor, `/benefits?status=claimed&organisationId=${ACUTE}`))).toEqual(['m-admissions']);
      const prescribing = (await get(gpFinance, '/benefits?status=claimed&order=desc')).items[0];
      expect(prescribing).toMatchObject({
        benefitId: 'm-prescribing',
        interventionId: MEDICINES,
        interventionTitle: 'Structured medicines review',
        leadOrganisationId: GP,
        status: 'claimed',
        valuePence: 250_000,
        revised: true,
        validatedPence: null,
        decision: null,
        financialYear: '2020/21',
        landingOrganisationId: GP,
        claim: { by: { userId: `contributor@${GP}`, organisationId: GP, role: 'contributor' } },
      });
    });

    it('filters by status, year and intervention, and pages', async () => {
      expect(ids(await get(auditor, '/benefits'))).toEqual([
        'd-beds',
        'm-admissions',
        'm-harm',
        'm-prescribing',
        'f-falls',
      ]);
      expect(ids(await get(auditor, '/benefits?status=rejected'))).toEqual(['m-harm']);
      expect(ids(await get(auditor, '/benefits?status=validated'))).toEqual(['d-beds', 'f-falls']);
      expect(ids(await get(auditor, '/benefits?financialYear=2019%2F20'))).toEqual(['d-beds', 'f-falls']);
      expect(ids(await get(auditor, `/benefits?interventionId=${FALLS}`))).toEqual(['f-falls']);
      const page = await get(auditor, '/benefits?offset=1&limit=2');
      expect({ total: page.total, ids: ids(page) }).toEqual({ total: 5, ids: ['m-admissions', 'm-harm'] });
      const rejected = (await get(gp, '/benefits?status=rejected')).items[0];
      expect(rejected.decision).toMatchObject({
        decision: 'rejected',
        note: 'sample too small',
        by: { userId: `finance@${GP}`, role: 'finance' },
      });
    });

    it("refuses another organisation's queue to anyone but auditors and admins (403, nothing appended)", async () => {
      const before = t.logLength();
      const r = await gpFinance.get(`/benefits?organisationId=${ACUTE}`);
      expect(r.status).toBe(403);
      expect(r.body.message).toContain('auditors and admins');
      expect(t.logLength()).toBe(before);
      expect(ids(await get(gpFinance, `/benefits?organisationId=${GP}&status=claimed`))).toEqual([
        'm-admissions',
        'm-prescribing',
      ]);
    });

    it('changes when finance validates a claim from the queue, and the portfolio shows it', async () => {
      const medicinesBefore = (await get(acute, `/interventions?leadOrganisationId=${GP}`)).items[0];
      await ok(
        acuteFinance,
        `/interventions/${MEDICINES}/benefits/m-admissions/validation`,
        validation(180_000, 'cohort matched'),
      );
      expect(ids(await get(acuteFinance, '/benefits?status=claimed'))).toEqual([]);
      expect(ids(await get(gpFinance, '/benefits?status=claimed'))).toEqual(['m-prescribing']);
      const validated = (await get(acuteFinance, '/benefits?status=validated')).items;
      expect(validated.map((b: { benefitId: string }) => b.benefitId)).toEqual(['d-beds', 'm-admissions']);
      expect(validated[1]).toMatchObject({
        status: 'validated',
        valuePence: 200_000,
        validatedPence: 180_000,
        decision: {
          decision: 'validated',
          note: 'cohort matched',
          by: { userId: `finance@${ACUTE}`, organisationId: ACUTE, role: 'finance' },
        },
      });
      const medicinesAfter = (await get(acute, `/interventions?leadOrganisationId=${GP}`)).items[0];
      expect(medicinesAfter.validatedPence.pence - medicinesBefore.validatedPence.pence).toBe(180_000);
      expect(medicinesAfter.roi).toEqual((await get(acute, `/interventions/${MEDICINES}/value`)).roi);
    });
  });
});
