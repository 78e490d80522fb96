import { DemoApp } from './support/demo-app';

/**
 * GET /interventions/:id/timeline after the demo: the frailty intervention's decisions in the order recorded, in plain
 * words, each amount a figure /trace accepts and traces to; every single line (cost, claim, validation, release)
 * traced the same way; paged; as at an instant; unknown parameters and bad pages refused with 400, nothing appended.
 */
const FRAILTY = 'frailty-discharge-to-assess';
const ACUTE = 'riverside-teaching-hospitals';

interface Figure {
  pence: number;
  ref: string;
}
interface Entry {
  position: number;
  revision: number;
  recordedAt: string;
  type: string;
  actor: { userId: string };
  headline: string;
  summary: string;
  source: unknown;
  figure: Figure | null;
  hash: string;
}

describe('GET /interventions/:id/timeline, after the demo', () => {
  let demo: DemoApp;
  let stop = () => Promise.resolve(); // the demo's stop once it has started: afterAll runs even when beforeAll failed
  beforeAll(async () => {
    demo = await DemoApp.start();
    stop = () => demo.stop();
  }, 120_000);
  afterAll(() => stop());

  const auditor = () => demo.as('auditor', 'west-riding-icb');
  const trace = async (ref: string) =>
    (await (await auditor()).get(`/trace?figure=${encodeURIComponent(ref)}`).expect(200)).body;

  it("lists every event of the intervention's stream in order, as decisions in plain words, with who, when and the source", async () => {
    const body = (await (await auditor()).get(`/interventions/${FRAILTY}/timeline?limit=500`).expect(200)).body;
    const stream = (await (await auditor()).get(`/interventions/${FRAILTY}`).expect(200)).body;
    expect(body.total).toBe((stream.revision as number) + 1);
    expect(body.items.map((e: Entry) => e.revision)).toEqual([...Array(body.total).keys()]);
    const positions = body.items.map((e: Entry) => e.position);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(body.status).toBe(stream.status);
    const first: Entry = body.items[0];
    expect(first).toMatchObject({
      type: 'InterventionRegistered',
      headline: 'Registered',
      actor: { userId: `improvement.lead@${ACUTE}` },
      figure: null,
    });
    expect(first.summary).toContain('Frailty discharge to assess');
    const approved = body.items.find((e: Entry) => e.type === 'InterventionDecisionRecorded');
    expect(approved.headline).toBe('Approved');
    expect(approved.summary).toContain('Business case approved by the trust improvement board');
    const rejected = body.items.find((e: Entry) => e.type === 'BenefitRejected');
    expect(rejected.summary).toContain('No baseline measurement');
    expect(rejected.actor.userId).toBe(`finance.validator@${ACUTE}`);
    const validated = body.items.find((e: Entry) => e.type === 'BenefitValidated');
    expect(validated.summary).toContain('Reconciled to PAS bed-day counts');
    expect(validated.source).toMatchObject({ system: 'ledger' });
    for (const e of body.items as Entry[]) expect(e.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives each amount an event records as a figure whose trace is that event and that amount', async () => {
    const body = (await (await auditor()).get(`/interventions/${FRAILTY}/timeline?limit=500`).expect(200)).body;
    const withFigures = (body.items as Entry[]).filter((e) => e.figure);
    expect(withFigures.map((e) => e.type)).toEqual(
      expect.arrayContaining([
        'CostRecorded',
        'BenefitClaimed',
        'BenefitValidated',
        'CashReleased',
        'CapacityReinvested',
      ]),
    );
    for (const e of withFigures) {
      const t = await trace(e.figure!.ref);
      expect({
        type: e.type,
        total: t.arithmetic.total,
        events: t.events.map((x: { position: number }) => x.position),
      }).toEqual({ type: e.type, total: e.figure!.pence, events: [e.position] });
    }
  });

  it("traces every single line (each cost, each claim and validation, each release's cash and reinvested value, the value landing at each organisation) to its total", async () => {
    const { lines } = (await (await auditor()).get(`/interventions/${FRAILTY}/timeline`).expect(200)).body;
    const stream = (await (await auditor()).get(`/interventions/${FRAILTY}`).expect(200)).body;
    expect(lines.costs.map((c: { amountPence: Figure }) => c.amountPence.pence)).toEqual(
      stream.costs.map((c: { amountPence: number }) => c.amountPence),
    );
    expect(lines.benefits.map((b: { claimedPence: Figure }) => b.claimedPence.pence)).toEqual(
      stream.benefits.map((b: { valuePence: number }) => b.valuePence),
    );
    expect(lines.benefits.map((b: { validatedPence: Figure | null }) => b.validatedPence?.pence ?? null)).toEqual(
      stream.benefits.map((b: { validatedValuePence: number | null }) => b.validatedValuePence),
    );
    expect(lines.releases.map((r: { cashReleasedPence: Figure }) => r.cashReleasedPence.pence)).toEqual(
      stream.capacityReleases.map((r: { cashReleasedPence: number }) => r.cashReleasedPence),
    );
    const figures: Figure[] = [
      ...lines.costs.map((c: { amountPence: Figure }) => c.amountPence),
      ...lines.benefits.flatMap((b: { claimedPence: Figure; validatedPence: Figure | null }) => [
        b.claimedPence,
        ...(b.validatedPence ? [b.validatedPence] : []),
      ]),
      ...lines.releases.flatMap((r: { cashReleasedPence: Figure; reinvestedValuePence: Figure }) => [
        r.cashReleasedPence,
        r.reinvestedValuePence,
      ]),
      ...lines.landings.map((l: { validatedPence: Figure }) => l.validatedPence),
    ];
    const validatedTotal = (await (await auditor()).get(`/interventions/${FRAILTY}/value`).expect(200)).body.benefits
      .validatedPence.pence;
    expect(lines.landings.reduce((sum: number, l: { validatedPence: Figure }) => sum + l.validatedPence.pence, 0)).toBe(
      validatedTotal,
    );
    expect(figures.length).toBeGreaterThan(8);
    for (const figure of figures) expect((await trace(figure.ref)).arithmetic.total).toBe(figure.pence);
  });

  it('pages in order: offset and limit cut the same list', async () => {
    const api = await auditor();
    const whole = (await api.get(`/interventions/${FRAILTY}/timeline?limit=500`).expect(200)).body.items;
    const page = (await api.get(`/interventions/${FRAILTY}/timeline?offset=3&limit=4`).expect(200)).body;
    expect(page).toMatchObject({ offset: 3, limit: 4, total: whole.length });
    expect(page.items.map((e: Entry) => e.position)).toEqual(whole.slice(3, 7).map((e: Entry) => e.position));
  });

  it('as at an instant, lists only what was recorded by then', async () => {
    const api = await auditor();
    const whole = (await api.get(`/interventions/${FRAILTY}/timeline?limit=500`).expect(200)).body.items as Entry[];
    const asAt = whole[4].recordedAt;
    const then = (
      await api.get(`/interventions/${FRAILTY}/timeline?limit=500&asAt=${encodeURIComponent(asAt)}`).expect(200)
    ).body;
    expect(then.asAt).toBe(asAt);
    expect(then.items.length).toBeGreaterThanOrEqual(5);
    expect(then.items.length).toBeLessThan(whole.length);
    expect(then.items.every((e: Entry) => e.recordedAt <= asAt)).toBe(true);
    await api.get(`/interventions/${FRAILTY}/timeline?asAt=2001-01-01T00:00:00Z`).expect(404);
  });

  it('refuses unknown parameters and bad pages (400, naming them), an unknown intervention (404), no token (401); appends nothing', async () => {
    const api = await auditor();
    const before = demo.logLength();
    expect((await api.get(`/interventions/${FRAILTY}/timeline?colour=red`).expect(400)).body.message).toContain(
      'colour',
    );
    expect((await api.get(`/interventions/${FRAILTY}/timeline?limit=501`).expect(400)).body.message).toContain('limit');
    expect((await api.get(`/interventions/${FRAILTY}/timeline?offset=-1`).expect(400)).body.message).toContain(
      'offset',
    );
    await api.get('/interventions/no-such-intervention/timeline').expect(404);
    const { default: request } = await import('supertest');
    await request(demo.app!.getHttpServer()).get(`/interventions/${FRAILTY}/timeline`).expect(401);
    expect(demo.logLength()).toBe(before);
  });
});
