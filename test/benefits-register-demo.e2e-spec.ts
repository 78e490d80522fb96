import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_ORGANISATIONS, DEMO_SYSTEM } from '../apps/cli/src/demo/demo-organisations';
import { DemoApp } from './support/demo-app';
import { runCli } from './support/run-cli';
import { TestApp } from './support/test-app';

// the demo, the CLI round trip and many requests: slow when the machine is busy
jest.setTimeout(120_000);

/** The benefits register as a new user meets it after `npm run demo`. */
const ACUTE = 'riverside-teaching-hospitals';
const FRAILTY = 'frailty-discharge-to-assess';

describe('the benefits register after npm run demo', () => {
  let demo: DemoApp;
  let auditor: Awaited<ReturnType<DemoApp['as']>>;
  beforeAll(async () => {
    demo = await DemoApp.start();
    auditor = await demo.as('auditor', 'west-riding-icb');
  });
  afterAll(() => demo.stop());

  it("returns a demo claim's complete register entry", async () => {
    const frailty = (await auditor.get(`/interventions/${FRAILTY}`).expect(200)).body;
    const readmissions = frailty.benefits.find((b: { benefitId: string }) => b.benefitId === 'frailty-readmissions');
    expect(readmissions.register).toMatchObject({
      owner: { role: 'Director of Operations', organisationId: ACUTE },
      timing: { firstYear: '2019/20', durationYears: 3 },
      notRecorded: [],
    });
  });

  it('counts every demo claim under each quality criterion and lists a failing one with its reason', async () => {
    const quality = (await auditor.get('/portfolio/quality?financialYear=2019/20').expect(200)).body;
    const interventions = (await auditor.get('/interventions?limit=500').expect(200)).body.items as {
      interventionId: string;
    }[];
    let claims = 0;
    for (const { interventionId } of interventions)
      claims += Number((await auditor.get(`/interventions/${interventionId}`).expect(200)).body.benefits.length);
    expect(quality.claims.count).toBe(claims);
    const validated = quality.criteria.find((c: { criterion: string }) => c.criterion === 'finance-validated');
    // the demo leaves a claim pending and rejects others: each listed with its reason
    expect(validated.failing.claims.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ reason: 'finance has not validated the claim yet' }),
        expect.objectContaining({ benefitId: 'frailty-falls', reason: 'finance rejected the claim' }),
      ]),
    );
    for (const c of quality.criteria) expect(Number(c.meeting.count) + Number(c.failing.count)).toBe(claims);
  });

  it('shows the three-year benefit with two years of actuals, its variance, and a slip flag for the year that fell short', async () => {
    const plan = (await auditor.get(`/interventions/${FRAILTY}/plan-against-actual?throughYear=2020/21`).expect(200))
      .body;
    const readmissions = plan.benefits.find((b: { benefitId: string }) => b.benefitId === 'frailty-readmissions');
    expect(
      readmissions.years.map((y: Record<string, unknown>) => [
        y.financialYear,
        y.forecastPence,
        y.actualPence,
        y.variancePence,
        y.flag,
      ]),
    ).toEqual([
      ['2019/20', 13_110_000, 12_540_000, -570_000, null],
      ['2020/21', 13_110_000, 8_550_000, -4_560_000, 'below-threshold'],
      ['2021/22', 13_110_000, null, -13_110_000, null],
    ]);
    expect(plan.flaggedBenefitIds).toContain('frailty-readmissions');
  });

  it("rolls priorities up to the organisation figures' validated total", async () => {
    for (const organisationId of [ACUTE, 'millbrook-medical-practice', 'northgate-community-health']) {
      const priorities = (
        await auditor.get(`/portfolio/priorities?organisationId=${organisationId}&financialYear=2019/20`).expect(200)
      ).body;
      const figures = (await auditor.get(`/organisations/${organisationId}/value?financialYear=2019/20`).expect(200))
        .body;
      expect({ organisationId, validated: priorities.validatedPence }).toEqual({
        organisationId,
        validated: figures.value.validated.totalPence.pence,
      });
    }
  });

  it('exports the register with the CLI, imports it into an empty ledger and exports the same file byte for byte', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'register-demo-'));
    const empty = await TestApp.start();
    try {
      const first = join(dir, 'register.csv');
      const exported = demo.cli(['export', 'register', '--financial-year', '2019/20', '--out', first]);
      expect({ status: exported.status, stderr: exported.stderr }).toEqual({ status: 0, stderr: '' });
      expect(exported.stdout).toMatch(/wrote the 2019\/20 benefits register, \d+ benefits/);
      // an empty ledger: the same organisations, nothing else
      const admin = await empty.as('admin', DEMO_SYSTEM);
      for (const o of DEMO_ORGANISATIONS)
        await admin
          .post('/organisations', { organisationId: o.organisationId, name: o.name, type: o.type, system: DEMO_SYSTEM })
          .expect(201);
      await empty.app.close();
      const env = { DATA_DIR: empty.config.dataDir };
      const imported = runCli(
        ['import', 'register', first, '--sub', 'migration', '--role', 'admin', '--organisation', DEMO_SYSTEM],
        env,
      );
      expect({ status: imported.status, stderr: imported.stderr }).toEqual({ status: 0, stderr: '' });
      const again = join(dir, 'again.csv');
      expect(runCli(['export', 'register', '--financial-year', '2019/20', '--out', again], env).status).toBe(0);
      expect(readFileSync(again, 'utf8')).toBe(readFileSync(first, 'utf8'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
      rmSync(empty.config.dataDir, { recursive: true, force: true });
    }
  });
});
