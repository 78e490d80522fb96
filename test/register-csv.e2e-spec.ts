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
import { ACUTE, COMMUNITY, GP, ICB, INTERVENTION, benefitBody, seedSystem, source } from './support/fixtures';
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

/** A ledger with the same organisations and nothing else: what a trust migrating its tracker starts from. */
async function emptyLedger(): Promise<TestApp> {
  const t = await TestApp.start();
  const admin = await t.as('admin', ICB);
  for (const [organisationId, type] of [
    [ICB, 'icb'],
    [ACUTE, 'acute-trust'],
    [COMMUNITY, 'community-trust'],
    [GP, 'gp-practice'],
  ]) {
    await admin
      .post('/organisations', { organisationId, name: `Org ${organisationId}`, type, system: ICB })
      .expect(201);
  }
  await t.app.close();
  return t;
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
