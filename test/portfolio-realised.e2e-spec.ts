import { benefitBody, costBody, source } from './support/fixtures';
import { DemoApp } from './support/demo-app';

/**
 * The portfolio (GET /interventions) counts value three ways, as each intervention's own value does
 * (docs/value-and-realisation.md, docs/api-lists.md): claimed, validated and realised, each with its ROI and the costs
 * it counts. After `npm run demo` (capacity harvested as cash, reinvested and left unharvested), every intervention's
 * list figures equal its GET /interventions/:id/value figures to the penny, with the same references, for every year,
 * one year and as at a past instant; and the list sorts by each of them.
 */
const ICB = 'west-riding-icb';
const ACUTE = 'riverside-teaching-hospitals';
const FRAILTY = 'frailty-discharge-to-assess';
/** Added to the demo: the most validated value of all, every bed-day of it left unharvested, so nothing realised. */
const IDLE = 'virtual-ward-unharvested';
const WAYS = ['claimed', 'validated', 'realised'] as const;
type Way = (typeof WAYS)[number];
interface Figure {
  pence: number;
  ref: string;
}
interface Roi {
  ratio: number;
  perPound: string;
  pencePerPound: number;
  ref: string;
}
interface ListWay {
  totalPence: Figure;
  roi: Roi | null;
  costsCounted: string;
}
interface Item {
  interventionId: string;
  title: string;
  costsPence: Figure;
  realisedPence: Figure;
  validatedPence: Figure;
  value: Record<Way, ListWay>;
}

describe('the portfolio, three ways', () => {
  let demo: DemoApp;
  let auditor: Awaited<ReturnType<DemoApp['as']>>;
  const get = async (path: string) => {
    const r = await auditor.get(path);
    expect({ path, status: r.status }).toEqual({ path, status: 200 });
    return r.body;
  };
  const items = async (query: string): Promise<Item[]> => (await get(`/interventions?limit=500${query}`)).items;

  beforeAll(async () => {
    demo = await DemoApp.start();
    auditor = await demo.as('auditor', ICB);
    const acute = await demo.as('contributor', ACUTE);
    const finance = await demo.as('finance', ACUTE);
    const path = `/interventions/${IDLE}`;
    await acute
      .post('/interventions', {
        interventionId: IDLE,
        title: 'Virtual ward',
        leadOrganisationId: ACUTE,
        lenses: { economic: true, social: false, strategic: false },
        strategicPriorities: [],
      })
      .expect(201);
    await acute
      .post(`${path}/costs`, costBody({ costId: 'vw-cost', amountPence: 10_000_000, bearerOrganisationId: ACUTE }))
      .expect(201);
    await acute
      .post(
        `${path}/benefits`,
        benefitBody({
          benefitId: 'vw-beds',
          quantity: { value: 1_000, unit: 'bed-days' },
          valuePence: 90_000_000,
          valuation: { method: 'unit-cost', unitValuePence: 90_000 },
          landingOrganisationId: ACUTE,
        }),
      )
      .expect(201);
    await finance
      .post(`${path}/benefits/vw-beds/validation`, { validatedValuePence: 90_000_000, note: 'bed census', source })
      .expect(201);
    await acute
      .post(`${path}/capacity-releases`, {
        releaseId: 'vw-r',
        benefitId: 'vw-beds',
        resource: 'bed-days',
        quantity: 1_000,
        landingOrganisationId: ACUTE,
        financialYear: '2019/20',
        source,
      })
      .expect(201);
    await acute
      .post(`${path}/capacity-releases/vw-r/harvests`, {
        harvest: 'unharvested',
        quantity: 1_000,
        rationale: 'winter pressures',
        source,
      })
      .expect(201);
  });
  afterAll(() => demo.stop());

  /** Every intervention of the list against its own value answer, for the same year and instant. */
  async function expectListEqualsValues(query: { financialYear?: string; asAt?: string }) {
    const params = new URLSearchParams(query as Record<string, string>).toString();
    const list = await get(`/interventions?limit=500${params ? `&${params}` : ''}`);
    expect(list.items.length).toBeGreaterThan(1);
    for (const item of list.items as Item[]) {
      const value = await get(`/interventions/${item.interventionId}/value${params ? `?${params}` : ''}`);
      expect(value.upToPosition).toBe(list.upToPosition);
      for (const way of WAYS) {
        const own = value.value[way];
        // the same pence, the same references (so the same traces), the same ROI and the same words for its costs
        expect({ id: item.interventionId, way, ...item.value[way] }).toEqual({
          id: item.interventionId,
          way,
          totalPence: own.totalPence,
          roi: own.roi,
          costsCounted: own.costsCounted,
        });
      }
      expect(item.realisedPence).toEqual(value.benefits.realisedPence);
      expect(item.validatedPence).toEqual(value.value.validated.totalPence);
    }
    return list.items as Item[];
  }

  it("gives each intervention's claimed, validated and realised value and ROI equal to its own value answer, to the penny", async () => {
    const all = await expectListEqualsValues({});
    const frailty = all.find((i) => i.interventionId === FRAILTY)!;
    // the demo's frailty intervention left bed-days unharvested: realised is below validated, and so is its ROI
    expect(frailty.value.realised.totalPence.pence).toBeLessThan(frailty.value.validated.totalPence.pence);
    expect(frailty.value.realised.roi!.pencePerPound).toBeLessThan(frailty.value.validated.roi!.pencePerPound);
    expect(frailty.value.realised.roi!.perPound).toMatch(/^£\d+\.\d\d per £1$/);
    expect(frailty.value.realised.costsCounted).toBe(
      "all the intervention's costs of every year, direct and indirect, whoever bore them (costs.totalPence)",
    );
  });

  it('gives them for one year, and as at a past instant, equal to the value answer of that year and instant', async () => {
    const year = await expectListEqualsValues({ financialYear: '2019/20' });
    expect(year.find((i) => i.interventionId === FRAILTY)!.value.realised.costsCounted).toContain('2019/20 costs');
    // an instant in the middle of the demo: the last intervention registered, before much was harvested
    const registered = (await items('')).map((i) => (i as unknown as { registeredAt: string }).registeredAt).sort();
    const asAt = registered[registered.length - 1];
    await expectListEqualsValues({ asAt });
    await expectListEqualsValues({ asAt, financialYear: '2019/20' });
  });

  it('traces each realised figure and ROI to the total the list shows', async () => {
    for (const item of await items('')) {
      for (const figure of [
        item.value.realised.totalPence,
        ...(item.value.realised.roi
          ? [{ pence: item.value.realised.roi.pencePerPound, ref: item.value.realised.roi.ref }]
          : []),
      ]) {
        const trace = await get(`/trace?figure=${encodeURIComponent(figure.ref)}`);
        expect({ id: item.interventionId, total: trace.arithmetic.total }).toEqual({
          id: item.interventionId,
          total: figure.pence,
        });
      }
    }
  });

  it('sorts by realised value and by the ROI of each way, ties by title, no costs last either way', async () => {
    const every = await items('');
    const byTitle = (a: Item, b: Item) => a.title.toLowerCase().localeCompare(b.title.toLowerCase());
    const ratio = (i: Item, way: Way) => i.value[way].totalPence.pence / i.costsPence.pence;
    const expected = (key: (i: Item) => number, order: 1 | -1, roi: boolean) =>
      [...every]
        .sort((a, b) => {
          const noCosts = roi ? Number(a.costsPence.pence === 0) - Number(b.costsPence.pence === 0) : 0;
          return noCosts || order * (key(a) - key(b)) || byTitle(a, b);
        })
        .map((i) => i.interventionId);
    const ids = async (query: string) => (await items(query)).map((i) => i.interventionId);
    expect(await ids('&sort=realised')).toEqual(expected((i) => i.value.realised.totalPence.pence, -1, false));
    expect(await ids('&sort=realised&order=asc')).toEqual(expected((i) => i.value.realised.totalPence.pence, 1, false));
    for (const [sort, way] of [
      ['claimedRoi', 'claimed'],
      ['roi', 'validated'],
      ['realisedRoi', 'realised'],
    ] as const) {
      const withCosts = (i: Item) => (i.costsPence.pence === 0 ? 0 : ratio(i, way));
      expect({ sort, ids: await ids(`&sort=${sort}`) }).toEqual({ sort, ids: expected(withCosts, -1, true) });
      expect({ sort, ids: await ids(`&sort=${sort}&order=asc`) }).toEqual({ sort, ids: expected(withCosts, 1, true) });
    }
    // the unharvested virtual ward leads by validated value and by validated ROI, and comes last by realised value and ROI
    expect([(await ids('&sort=validated'))[0], (await ids('&sort=roi'))[0]]).toEqual([IDLE, IDLE]);
    expect([(await ids('&sort=realised')).at(-1), (await ids('&sort=realisedRoi')).at(-1)]).toEqual([IDLE, IDLE]);
  });

  it('refuses a sort it does not know (400, naming it), appending nothing', async () => {
    const before = demo.logLength();
    const r = await auditor.get('/interventions?sort=realisedNet');
    expect({ status: r.status, fields: r.body.errors?.map((e: { field: string }) => e.field) }).toEqual({
      status: 400,
      fields: ['sort'],
    });
    expect(demo.logLength()).toBe(before);
  });
});
