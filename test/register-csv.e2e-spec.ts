import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { Actor } from '@benefit-ledger/domain';
import { openCore } from '../apps/cli/src/application-context';
import { REGISTER_COLUMN_NAMES } from '../apps/cli/src/register/register-columns';
import { exportRegister } from '../apps/cli/src/register/register-export';
import { importRegister } from '../apps/cli/src/register/register-import';
import { runDemo } from '../apps/cli/src/demo/run-demo';
import { ACUTE, COMMUNITY, ICB, INTERVENTION, benefitBody, seedSystem, source } from './support/fixtures';
import { TestApp } from './support/test-app';

// several ledgers opened and closed in turn: slow when the machine is busy
jest.setTimeout(120_000);

const path = `/interventions/${INTERVENTION}`;
const ADMIN: Actor = { userId: 'migration@icb', organisationId: ICB, role: 'admin' };
const profile = {
  followingYears: [
    { financialYear: '2020/21', valuePence: 3_000_000 },
    { financialYear: '2021/22', valuePence: 2_000_000 },
  ],
  discounting: { schedule: 'health', optimismBiasBasisPoints: 1500 },
};
const register = {
  owner: { role: 'Director of Operations, "frailty"', organisationId: COMMUNITY },
  measure: { series: 'bed-days, per month', unit: 'bed-days' },
  baseline: { value: 420.5, date: '2019-04-01' },
  target: { value: 320, date: '2020-03-31' },
  timing: { firstYear: '2019/20', durationYears: 3 },
  dependencies: [{ interventionId: INTERVENTION, benefitId: 'b-cap' }],
  risks: [{ description: 'winter; staffing, and "escalation"', rating: 'high' }],
};

/** The register of 2019/20 exported from a ledger (the app closed first: the export opens the ledger as the CLI does). */
async function exportOf(dataDir: string): Promise<string> {
  const core = await openCore({ port: 0, dataDir, bodyLimitBytes: 65536 });
  try {
    return (await exportRegister(core.store, '2019/20')).csv;
  } finally {
    await core.context.close();
  }
}

async function importInto(dataDir: string, file: string, actor: Actor = ADMIN) {
  const core = await openCore({ port: 0, dataDir, bodyLimitBytes: 65536 });
  try {
    return await importRegister(core, file, actor);
  } finally {
    await core.context.close();
  }
}

/** A ledger with nothing in it: what a trust migrating its tracker starts from (the file brings its organisations). */
async function emptyLedger(): Promise<TestApp> {
  const t = await TestApp.start();
  await t.app.close();
  expect(t.logLength()).toBe(0);
  return t;
}

/** The file line each row starts on (the header is line 1; a cell with a line break spans more than one). */
function linesOf(rows: Record<string, string>[]): number[] {
  let line = 2;
  return rows.map((row) => {
    const starts = line;
    line += stringify([row], { columns: REGISTER_COLUMN_NAMES }).split('\n').length - 1;
    return starts;
  });
}

describe('the benefits register as a CSV file', () => {
  let source1: TestApp;
  let target: TestApp;
  let exported: string;
  const dir = mkdtempSync(join(tmpdir(), 'register-csv-'));
  const file = join(dir, 'register-2019-20.csv');

  beforeAll(async () => {
    source1 = await TestApp.start();
    const as = await seedSystem(source1, { withRelease: false });
    await as.acute
      .post(
        `${path}/benefits`,
        benefitBody({ benefitId: 'b-3y', profile, register, description: 'bed-days, released\nover three years' }),
      )
      .expect(201);
    await as.acute
      .post(
        `${path}/benefits`,
        benefitBody({
          benefitId: 'b-rej',
          benefitType: 'quality',
          lens: 'social',
          valuation: { method: 'estimate' },
          quantity: { value: 3, unit: 'falls' },
          valuePence: 50_000,
        }),
      )
      .expect(201);
    await as.acute.post(`${path}/benefits`, benefitBody({ benefitId: 'b-2020', financialYear: '2020/21' })).expect(201);
    await as.communityFinance
      .post(`${path}/benefits/b-3y/validation`, {
        validatedValuePence: 2_500_000,
        validatedQuantity: 90,
        note: 'agreed, with a margin',
        source,
      })
      .expect(201);
    await as.communityFinance.post(`${path}/benefits/b-rej/rejection`, { reason: 'no baseline' }).expect(201);
    for (const [financialYear, valuePence] of [
      ['2019/20', 2_900_000],
      ['2020/21', 2_000_000],
    ] as const) {
      await as.communityFinance
        .post(`${path}/benefits/b-3y/actuals`, {
          financialYear,
          valuePence,
          quantity: { value: 80, unit: 'bed-days' },
          source,
        })
        .expect(201);
    }
    await source1.app.close();
    exported = await exportOf(source1.config.dataDir);
    writeFileSync(file, exported);
    target = await emptyLedger();
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    for (const t of [source1, target]) rmSync(t.config.dataDir, { recursive: true, force: true });
  });

  it("writes one row a benefit of the year, in the layout's columns, with register, decision, forecast and actuals", () => {
    const rows = parse<Record<string, string>>(exported, { columns: true });
    expect(Object.keys(rows[0])).toEqual(REGISTER_COLUMN_NAMES);
    expect(rows.map((r) => [r.benefitId, r.status])).toEqual([
      ['b-3y', 'validated'],
      ['b-cap', 'claimed'],
      ['b-rej', 'rejected'],
    ]);
    const threeYears = rows[0];
    expect(threeYears).toMatchObject({
      ownerRole: register.owner.role,
      timingDurationYears: '3',
      validatedValuePence: '2500000',
      validatedQuantity: '90',
      discountSchedule: 'health',
    });
    expect(JSON.parse(threeYears.risks)).toEqual(register.risks);
    expect(JSON.parse(threeYears.forecast).map((y: { valuePence: number }) => y.valuePence)).toEqual([
      3_000_000, 3_000_000, 2_000_000,
    ]);
    expect(JSON.parse(threeYears.actuals).map((a: { financialYear: string }) => a.financialYear)).toEqual([
      '2019/20',
      '2020/21',
    ]);
    expect(rows[1].ownerRole).toBe('');
  });

  it('imports into an empty ledger and exports the same file byte for byte', async () => {
    const before = target.logLength();
    const outcome = await importInto(target.config.dataDir, file);
    expect(outcome).toMatchObject({ status: 'imported', rows: 3 });
    expect(target.logLength()).toBeGreaterThan(before);
    expect(await exportOf(target.config.dataDir)).toBe(readFileSync(file, 'utf8'));
  });

  it('refuses a file with bad rows, naming every failing field of each row, and appends nothing', async () => {
    const fresh = await emptyLedger();
    try {
      const rows = parse<Record<string, string>>(exported, { columns: true });
      rows[0] = {
        ...rows[0],
        valuePence: 'lots',
        timingDurationYears: '0',
        risks: '[{"description":"x","rating":"severe"}]',
        ownerOrganisationId: '',
      };
      rows[2] = { ...rows[2], status: 'approved', actuals: 'not json' };
      const bad = join(dir, 'bad.csv');
      writeFileSync(bad, stringify(rows, { header: true, columns: REGISTER_COLUMN_NAMES }));
      const before = fresh.logLength();
      const outcome = await importInto(fresh.config.dataDir, bad);
      expect(outcome.status).toBe('refused');
      const named = (outcome as { problems: { line: number; column: string }[] }).problems.map(
        (p) => `${p.line}:${p.column}`,
      );
      // the first row's description spans two lines of the file, so the third row starts on line 5
      expect(named).toEqual(
        expect.arrayContaining([
          '2:valuePence',
          '2:timingDurationYears',
          '2:risks',
          '2:ownerOrganisationId',
          '5:status',
          '5:actuals',
        ]),
      );
      expect(fresh.logLength()).toBe(before);
    } finally {
      rmSync(fresh.config.dataDir, { recursive: true, force: true });
    }
  });

  it('refuses a row the domain refuses (an actual for a year not forecast), naming its column, and appends nothing', async () => {
    const fresh = await emptyLedger();
    try {
      const rows = parse<Record<string, string>>(exported, { columns: true });
      rows[0] = {
        ...rows[0],
        actuals: JSON.stringify([{ financialYear: '2030/31', valuePence: 1, quantity: 1, source }]),
      };
      const bad = join(dir, 'bad-domain.csv');
      writeFileSync(bad, stringify(rows, { header: true, columns: REGISTER_COLUMN_NAMES }));
      const before = fresh.logLength();
      const outcome = await importInto(fresh.config.dataDir, bad);
      expect(outcome).toMatchObject({
        status: 'refused',
        problems: [
          expect.objectContaining({
            line: 2,
            column: 'actuals',
            reason: expect.stringContaining('actual-outside-forecast'),
          }),
        ],
      });
      expect(fresh.logLength()).toBe(before);
    } finally {
      rmSync(fresh.config.dataDir, { recursive: true, force: true });
    }
  });

  it("is an administrator's import: anyone else is refused before anything is read", async () => {
    await expect(
      importInto(target.config.dataDir, file, { userId: 'c', organisationId: ACUTE, role: 'contributor' }),
    ).rejects.toThrow(/admin/);
  });
});

describe("the register file carries a tracker whole: the demo's costs, releases, harvests, cash and reinvestments", () => {
  let demo: TestApp;
  let exported: string;
  let rows: Record<string, string>[];
  const dir = mkdtempSync(join(tmpdir(), 'register-demo-'));
  const file = join(dir, 'demo-register-2019-20.csv');

  beforeAll(async () => {
    demo = await emptyLedger();
    await runDemo(demo.config);
    exported = await exportOf(demo.config.dataDir);
    writeFileSync(file, exported);
    rows = parse<Record<string, string>>(exported, { columns: true });
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(demo.config.dataDir, { recursive: true, force: true });
  });

  /** Writes rows changed by `change` to a file, imports it into an empty ledger: the outcome and the log's growth. */
  async function importChanged(name: string, change: (copy: Record<string, string>[]) => void) {
    const fresh = await emptyLedger();
    try {
      const copy = rows.map((row) => ({ ...row }));
      change(copy);
      const bad = join(dir, name);
      writeFileSync(bad, stringify(copy, { header: true, columns: REGISTER_COLUMN_NAMES }));
      const outcome = await importInto(fresh.config.dataDir, bad);
      return { outcome, appended: fresh.logLength(), lines: linesOf(copy) };
    } finally {
      rmSync(fresh.config.dataDir, { recursive: true, force: true });
    }
  }

  it('writes the costs once an intervention, the releases with their harvests, and the organisations on the first row', () => {
    const withCosts = rows.filter((row) => row.interventionCosts !== '');
    expect(withCosts.length).toBeGreaterThan(0);
    expect(new Set(withCosts.map((row) => row.interventionId)).size).toBe(withCosts.length);
    const costs = withCosts.flatMap((row) => JSON.parse(row.interventionCosts) as { amountPence: number }[]);
    expect(costs.every((cost) => Number.isInteger(cost.amountPence) && cost.amountPence > 0)).toBe(true);
    const releases = rows
      .filter((row) => row.capacityReleases !== '')
      .flatMap(
        (row) =>
          JSON.parse(row.capacityReleases) as {
            harvests: { harvest: string; cashReleases: unknown[]; reinvestments: unknown[] }[];
          }[],
      );
    const harvests = releases.flatMap((release) => release.harvests);
    expect(harvests.some((h) => h.harvest === 'cash-release' && h.cashReleases.length > 0)).toBe(true);
    expect(harvests.some((h) => h.harvest === 'reinvest' && h.reinvestments.length > 0)).toBe(true);
    const organisations = JSON.parse(rows[0].organisations) as { organisationId: string }[];
    const ids = organisations.map((o) => o.organisationId);
    expect(ids).toEqual([...ids].sort((a, b) => a.localeCompare(b)));
    expect(ids).toEqual(expect.arrayContaining([...new Set(rows.map((row) => row.leadOrganisationId))]));
    expect(rows.slice(1).every((row) => row.organisations === '')).toBe(true);
  });

  it('imports into a completely empty data dir and exports the same file byte for byte', async () => {
    const fresh = await emptyLedger();
    try {
      const outcome = await importInto(fresh.config.dataDir, file);
      expect(outcome).toMatchObject({ status: 'imported', rows: rows.length });
      expect(fresh.logLength()).toBeGreaterThan(0);
      expect(await exportOf(fresh.config.dataDir)).toBe(exported);
    } finally {
      rmSync(fresh.config.dataDir, { recursive: true, force: true });
    }
  });

  it('refuses an over-release (more released than validated), naming the row, the column and the rule, and appends nothing', async () => {
    const index = rows.findIndex((row) => row.capacityReleases !== '');
    expect(index).toBeGreaterThanOrEqual(0);
    const { outcome, appended, lines } = await importChanged('over-release.csv', (copy) => {
      const releases = JSON.parse(copy[index].capacityReleases) as { quantity: number }[];
      releases[0].quantity = Number(copy[index].validatedQuantity) + 1;
      copy[index].capacityReleases = JSON.stringify(releases);
    });
    expect(outcome).toMatchObject({
      status: 'refused',
      problems: [
        expect.objectContaining({
          line: lines[index],
          column: 'capacityReleases',
          reason: expect.stringContaining('release-exceeds-validated-quantity'),
        }),
      ],
    });
    expect(appended).toBe(0);
  });

  it('refuses a bad costs cell naming every failing field, and costs given twice for one intervention', async () => {
    const first = rows.findIndex((row) => row.interventionCosts !== '');
    const second = rows.findIndex((row, i) => i > first && row.interventionId === rows[first].interventionId);
    expect(second).toBeGreaterThan(first); // the demo's first intervention with costs has more than one benefit
    const { outcome, appended, lines } = await importChanged('bad-costs.csv', (copy) => {
      const [cost] = JSON.parse(copy[first].interventionCosts) as Record<string, unknown>[];
      copy[first].interventionCosts = JSON.stringify([
        { ...cost, costType: 'magic', amountPence: 'lots', financialYear: '2019', source: { system: 'ledger' } },
      ]);
      copy[second].interventionCosts = copy[first].interventionCosts;
    });
    expect(outcome.status).toBe('refused');
    const problems = (outcome as { problems: { line: number; column: string; reason: string }[] }).problems;
    const onFirst = problems.filter((p) => p.line === lines[first] && p.column === 'interventionCosts');
    for (const field of ['costType', 'amountPence', 'financialYear', 'source.reference'])
      expect(onFirst.map((p) => p.reason)).toEqual(expect.arrayContaining([expect.stringContaining(field)]));
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          line: lines[second],
          column: 'interventionCosts',
          reason: expect.stringContaining('costs-once'),
        }),
      ]),
    );
    expect(appended).toBe(0);
  });

  it('refuses an organisation the ledger holds under another name, naming the first row, and appends nothing', async () => {
    const target = await TestApp.start();
    try {
      const [organisation] = JSON.parse(rows[0].organisations) as { organisationId: string; type: string }[];
      const admin = await target.as('admin', organisation.organisationId);
      await admin
        .post('/organisations', {
          organisationId: organisation.organisationId,
          name: 'Another name',
          type: organisation.type,
        })
        .expect(201);
      await target.app.close();
      const before = target.logLength();
      const outcome = await importInto(target.config.dataDir, file);
      expect(outcome).toMatchObject({
        status: 'refused',
        problems: expect.arrayContaining([
          expect.objectContaining({
            line: 2,
            column: 'organisations',
            reason: expect.stringContaining('organisation-differs'),
          }),
        ]),
      });
      expect(target.logLength()).toBe(before);
    } finally {
      rmSync(target.config.dataDir, { recursive: true, force: true });
    }
  });
});
