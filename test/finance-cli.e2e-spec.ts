import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { sqliteFile } from '@benefit-ledger/event-store';
import { DemoApp } from './support/demo-app';

/**
 * Issue 5 with the compiled CLI, as a new user would try it after `npm run demo`: a finance report imported
 * from CSV and linked over HTTP, the reconciliation exported as CSV with totals to the penny; a costs file with
 * one bad row refused as a whole with the row named; the same file fixed imported once, then appending nothing
 * again; benefits valued from the catalogue carrying the edition used.
 */
const ACUTE = 'riverside-teaching-hospitals';
const SAMPLES = join(__dirname, '..', 'samples');
const contributor = ['--sub', 'ann.improvement@riverside.nhs.uk', '--role', 'contributor', '--organisation', ACUTE];
const finance = ['--sub', 'raj.finance@riverside.nhs.uk', '--role', 'finance', '--organisation', ACUTE];
const reportHeader = [
  '--total',
  '135500000',
  '--source-system',
  'ledger',
  '--source-reference',
  'CIP tracker 2019/20 month 12',
];

describe('finance and CSV from the command line, after the demo', () => {
  let demo: DemoApp;
  let work: string;

  beforeAll(async () => {
    demo = await DemoApp.start();
    work = mkdtempSync(join(tmpdir(), 'ledger-csv-'));
  });
  afterAll(async () => {
    await demo.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('imports the report lines, then finance links them over HTTP and exports the reconciliation with totals to the penny', async () => {
    const before = demo.logLength();
    const imported = demo.cli([
      'import',
      'report-lines',
      join(SAMPLES, 'report-lines.csv'),
      ...finance,
      ...reportHeader,
    ]);
    expect({ status: imported.status, stderr: imported.stderr }).toEqual({ status: 0, stderr: '' });
    expect(imported.stdout).toContain('report-lines.csv: 5 rows, 1 event appended to 1 stream');
    expect(demo.logLength()).toBe(before + 1);

    const http = await demo.as('finance', ACUTE);
    const links = `/finance/reports/${ACUTE}/2019-20/links`;
    await http.post(links, { lineId: 'CIP-01', benefitIds: ['frailty-bed-days'] }).expect(201);
    await http
      .post(links, { lineId: 'CIP-02', benefitIds: ['frailty-readmissions', 'meds-admissions-avoided'] })
      .expect(201);
    await http.post(links, { lineId: 'CIP-03', benefitIds: ['theatres-sessions'] }).expect(201);

    const out = join(work, 'reconciliation.csv');
    const exported = demo.cli([
      'export',
      'reconciliation',
      '--format',
      'csv',
      '--organisation-id',
      ACUTE,
      '--financial-year',
      '2019/20',
      '--out',
      out,
      ...finance,
    ]);
    expect({ status: exported.status, stderr: exported.stderr }).toEqual({ status: 0, stderr: '' });
    const rows = parse<Record<string, string>>(readFileSync(out, 'utf8'), { columns: true });
    const pence = (section: string, measure: string, more: Record<string, string> = {}) =>
      rows
        .filter(
          (r) => r.section === section && r.measure === measure && Object.entries(more).every(([k, v]) => r[k] === v),
        )
        .reduce((a, r) => a + Number(r.pence), 0);
    const statuses = Object.fromEntries(
      rows.filter((r) => r.section === 'line' && r.measure === 'reported').map((r) => [r.lineId, r.status]),
    );
    expect(statuses).toEqual({
      'CIP-01': 'evidenced',
      'CIP-02': 'evidenced',
      'CIP-03': 'partly-evidenced',
      'CIP-04': 'unevidenced',
      'CIP-05': 'unevidenced',
    });
    expect(rows.filter((r) => r.section === 'unclaimed').map((r) => [r.benefitId, Number(r.pence)])).toEqual([
      ['frailty-bed-days', 1_400_000],
      ['meds-admissions-avoided', 7_830_000],
    ]);
    expect([
      pence('total', 'reported'),
      pence('total', 'evidenced'),
      pence('total', 'variance'),
      pence('total', 'validated-landed'),
      pence('total', 'unclaimed'),
    ]).toEqual([135_500_000, 105_000_000, 30_500_000, 114_230_000, 9_230_000]);
    expect(pence('line', 'reported')).toBe(pence('total', 'reported'));
    expect(pence('line', 'evidenced')).toBe(pence('total', 'evidenced'));
    expect(pence('line-benefit', 'linked')).toBe(pence('total', 'evidenced'));
    expect(pence('unclaimed', 'unclaimed')).toBe(pence('total', 'unclaimed'));
    expect(pence('total', 'evidenced') + pence('total', 'unclaimed')).toBe(pence('total', 'validated-landed'));
    expect(pence('split', 'reported cash-releasing') + pence('split', 'reported non-cash-releasing')).toBe(135_500_000);
    expect(rows.every((r) => r.ref.startsWith('fig1.'))).toBe(true);

    // re-importing the same report appends nothing
    const again = demo.cli(['import', 'report-lines', join(SAMPLES, 'report-lines.csv'), ...finance, ...reportHeader]);
    expect(again.stdout).toContain('nothing to append: all 5 rows');
    expect(demo.logLength()).toBe(before + 4);
  });

  it('refuses a costs file with one bad row as a whole, naming the row; the fixed file imports once, then appends nothing', () => {
    expect(demo.cli(['import', 'interventions', join(SAMPLES, 'interventions.csv'), ...contributor]).status).toBe(0);
    const bad = join(work, 'costs-with-a-bad-row.csv');
    const lines = readFileSync(join(SAMPLES, 'costs.csv'), 'utf8').split('\n');
    lines[2] = lines[2].replace(',850000,', ',"8,500.00",'); // file line 3: pounds with a comma instead of pence
    writeFileSync(bad, lines.join('\n'));
    const before = demo.logLength();
    const refused = demo.cli(['import', 'costs', bad, ...contributor]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toBe(
      [
        `refused: ${bad} has 1 bad row; nothing was appended`,
        '  line 3, column amountPence: amountPence must be a whole number of pence',
        '',
      ].join('\n'),
    );
    expect(demo.logLength()).toBe(before);

    const fixed = join(work, 'costs.csv');
    copyFileSync(join(SAMPLES, 'costs.csv'), fixed);
    const dryRun = demo.cli(['import', 'costs', fixed, '--dry-run', ...contributor]);
    expect(dryRun.stdout).toContain('ok: 4 rows valid; importing would append 4 events (dry run: nothing appended)');
    expect(demo.logLength()).toBe(before);
    const once = demo.cli(['import', 'costs', fixed, ...contributor]);
    expect({ status: once.status, stdout: once.stdout }).toEqual({
      status: 0,
      stdout: `imported ${fixed}: 4 rows, 4 events appended to 2 streams\n`,
    });
    expect(demo.logLength()).toBe(before + 4);
    const twice = demo.cli(['import', 'costs', fixed, ...contributor]);
    expect({ status: twice.status, stdout: twice.stdout }).toEqual({
      status: 0,
      stdout: `nothing to append: all 4 rows of ${fixed} are already recorded\n`,
    });
    expect(demo.logLength()).toBe(before + 4);

    // a row whose entity is recorded with other content is a bad row, not a silent skip
    writeFileSync(bad, readFileSync(fixed, 'utf8').replace(',4500000,', ',4500001,'));
    const changed = demo.cli(['import', 'costs', bad, ...contributor]);
    expect(changed.status).toBe(1);
    expect(changed.stderr).toContain(
      "line 2, column amountPence: cost 'ed-streaming-team' of intervention 'ed-streaming' is already recorded with amountPence 4500000, but this row says 4500001",
    );
    expect(demo.logLength()).toBe(before + 4);
  });

  it('names the acting user on every imported event, through the same access checks, with a token or with claims', () => {
    const token = demo
      .cli(['token', '--sub', 'ann.improvement@riverside.nhs.uk', '--role', 'contributor', '--organisation', ACUTE])
      .stdout.trim();
    const before = demo.logLength();
    const imported = demo.cli(['import', 'benefits', join(SAMPLES, 'benefits.csv'), '--token', token]);
    expect({ status: imported.status, stderr: imported.stderr }).toEqual({ status: 0, stderr: '' });
    expect(demo.logLength()).toBe(before + 3);
    const db = new Database(sqliteFile(demo.dataDir), { readonly: true });
    try {
      const rows = db.prepare('SELECT type, data, metadata FROM events ORDER BY position DESC LIMIT 3').all() as {
        type: string;
        data: string;
        metadata: string;
      }[];
      const events = rows
        .reverse()
        .map((e) => ({ type: e.type, data: JSON.parse(e.data), metadata: JSON.parse(e.metadata) }));
      expect(events.map((e) => e.metadata.actor)).toEqual(
        Array(3).fill({ userId: 'ann.improvement@riverside.nhs.uk', organisationId: ACUTE, role: 'contributor' }),
      );
      expect(events.map((e) => e.type)).toEqual(['BenefitClaimed', 'BenefitClaimed', 'BenefitClaimed']);
      expect(events.map((e) => e.metadata.correlationId)).toEqual(Array(3).fill(expect.stringMatching(/^import-/)));
      expect(events.map((e) => e.metadata.causationId.split(':').at(-1)).sort()).toEqual([
        'line-2',
        'line-3',
        'line-4',
      ]);
      // a benefit valued from the catalogue carries the edition used; its value was computed by the system
      const bedDays = events.find((e) => e.data.benefitId === 'ed-streaming-bed-days')!;
      expect(bedDays.data.valuation).toEqual({
        method: 'unit-cost',
        unitCostId: 'excess-bed-day',
        unitValuePence: 34_500,
        edition: 'NCC-2019-20',
        priceYear: '2019/20',
      });
      expect(bedDays.data.valuePence).toBe(300 * 34_500);
    } finally {
      db.close();
    }

    const outsider = demo.cli([
      'import',
      'costs',
      join(SAMPLES, 'costs.csv'),
      '--sub',
      'gp@millbrook',
      '--role',
      'contributor',
      '--organisation',
      'millbrook-medical-practice',
    ]);
    expect(outsider.status).toBe(1);
    expect(outsider.stderr).toContain(
      'line 2, column interventionId: refused: costs are recorded by the lead organisation of the intervention',
    );
    const nobody = demo.cli(['import', 'costs', join(SAMPLES, 'costs.csv')]);
    expect(nobody.status).toBe(2);
    expect(nobody.stderr).toContain(
      'say who is acting: --token <jwt>, or --sub <subject> --role <role> --organisation <organisationId>',
    );
    expect(demo.logLength()).toBe(before + 3);
  });

  it('refuses a report file naming each bad row and option, appending nothing', () => {
    const file = join(work, 'bad-report.csv');
    const rows = readFileSync(join(SAMPLES, 'report-lines.csv'), 'utf8').trim().split('\n');
    rows[2] = rows[2].replace(',15000000,', ',15000000.50,');
    rows[3] = rows[3].replace(`${ACUTE},`, 'northgate-community-health,');
    rows[4] = rows[4].replace('CIP-04', 'CIP-01');
    writeFileSync(file, `${rows.join('\n')}\n`);
    const before = demo.logLength();
    const refused = demo.cli([
      'import',
      'report-lines',
      file,
      ...finance,
      '--total',
      '135500000',
      '--source-system',
      'ledger',
    ]);
    expect(refused.status).toBe(1);
    expect(refused.stderr.split('\n')).toEqual([
      `refused: ${file} has 3 bad rows and other problems; nothing was appended`,
      '  --source-reference: --source-reference is required',
      '  line 3, column amountPence: amountPence must be a whole number of pence',
      "  line 4, column organisationId: organisationId 'northgate-community-health' differs from the first row's 'riverside-teaching-hospitals': a file holds one report",
      "  line 5, column lineId: line id 'CIP-01' is already on line 2: line ids are unique within a report",
      '',
    ]);
    const mismatch = demo.cli([
      'import',
      'report-lines',
      join(SAMPLES, 'report-lines.csv'),
      ...finance,
      ...reportHeader.map((x) => (x === '135500000' ? '135500001' : x)),
    ]);
    expect(mismatch.stderr).toContain(
      '--total: totalPence (135500001, £1,355,000.01) must equal the sum of the lines (135500000, £1,355,000.00) (total-not-sum-of-lines)',
    );
    const wrongKind = demo.cli(['import', 'costs', join(SAMPLES, 'costs.csv'), ...contributor, '--total', '1']);
    expect(wrongKind.stderr).toContain('they apply to report-lines only');
    expect(demo.logLength()).toBe(before);
  });

  it('exports organisation value and system flows as CSV, figures with their references', () => {
    const flows = demo.cli([
      'export',
      'system-flows',
      '--financial-year',
      '2019/20',
      '--sub',
      'a',
      '--role',
      'auditor',
      '--organisation',
      'west-riding-icb',
    ]);
    expect(flows.status).toBe(0);
    const rows = parse<Record<string, string>>(flows.stdout, { columns: true });
    const links = rows.filter((r) => r.kind === 'link').reduce((a, r) => a + Number(r.pence), 0);
    expect(links).toBe(Number(rows.find((r) => r.kind === 'total validated')!.pence));
    const value = demo.cli([
      'export',
      'organisation-value',
      '--organisation-id',
      ACUTE,
      '--format',
      'csv',
      '--sub',
      'a',
      '--role',
      'auditor',
      '--organisation',
      'west-riding-icb',
    ]);
    const measures = parse<Record<string, string>>(value.stdout, { columns: true });
    expect(Object.keys(measures[0])).toEqual(['organisationId', 'financialYear', 'measure', 'pence', 'ref']);
    expect(Number(measures.find((m) => m.measure === 'landed here')!.pence)).toBe(114_230_000);
    const refused = demo.cli([
      'export',
      'reconciliation',
      '--organisation-id',
      ACUTE,
      '--financial-year',
      '2019/20',
      '--sub',
      'c',
      '--role',
      'contributor',
      '--organisation',
      ACUTE,
    ]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('read by its finance staff, auditors and admins only');
  });
});
