import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import {
  ClosePeriodCommand,
  ImportPlan,
  InterventionCommandMessage,
  PlannedImportCommand,
} from '@benefit-ledger/application';
import { Actor, interventionStreamId } from '@benefit-ledger/domain';
import { Core, openCore } from '../apps/cli/src/application-context';
import { importCsv } from '../apps/cli/src/import/csv-import';
import { ACUTE, INTERVENTION, seedSystem } from './support/fixtures';
import { TestApp } from './support/test-app';

jest.setTimeout(120_000);

const CONTRIBUTOR: Actor = { userId: 'contributor@acute', organisationId: ACUTE, role: 'contributor' };
const FINANCE: Actor = { userId: 'finance@acute', organisationId: ACUTE, role: 'finance' };
const HEADER =
  'interventionId,costId,costType,category,amountPence,financialYear,bearerOrganisationId,sourceSystem,sourceReference,sourceExtractedOn';
const costRow = (costId: string, financialYear: string) =>
  `${INTERVENTION},${costId},direct,improvement team,100000,${financialYear},${ACUTE},ledger,GL ${costId},2020-04-30`;

/** The CSV import is a write like any other: the period lock refuses it, and the period gate holds a close back. */
describe('importing a file against the period lock', () => {
  let t: TestApp;
  let files: string;
  let core: Core | undefined;

  beforeEach(async () => {
    t = await TestApp.start();
    await seedSystem(t, { withRelease: false });
    files = mkdtempSync(join(tmpdir(), 'import-period-'));
  });

  afterEach(async () => {
    await core?.context.close();
    core = undefined;
    await t.app.close();
    rmSync(t.config.dataDir, { recursive: true, force: true });
    rmSync(files, { recursive: true, force: true });
  });

  const file = (name: string, ...rows: string[]) => {
    const path = join(files, name);
    writeFileSync(path, [HEADER, ...rows].join('\n') + '\n');
    return path;
  };
  const open = async () => {
    await t.app.close();
    core = await openCore({ port: 0, dataDir: t.config.dataDir, bodyLimitBytes: 65536 });
    return core;
  };

  it('refuses a file that changes a closed year, naming the rule, and appends nothing of it', async () => {
    const acuteFinance = await t.as('finance', ACUTE);
    expect((await acuteFinance.post('/periods/2019%2F20/close', {})).status).toBe(201);
    const opened = await open();
    const before = t.logLength();

    const outcome = await importCsv(opened, {
      kind: 'costs',
      file: file('mixed.csv', costRow('c-open', '2020/21'), costRow('c-closed', '2019/20')),
      actor: CONTRIBUTOR,
    });

    expect(outcome.status).toBe('refused');
    expect(outcome).toMatchObject({ problems: [{ line: 3, reason: expect.stringMatching(/\(period-closed\)$/) }] });
    expect(t.logLength()).toBe(before);
    // the open year's row alone is accepted: the refusal was the closed year's
    const open2020 = await importCsv(opened, {
      kind: 'costs',
      file: file('open.csv', costRow('c-open', '2020/21')),
      actor: CONTRIBUTOR,
    });
    expect(open2020).toMatchObject({ status: 'imported', events: 1 });
    expect(t.logLength()).toBe(before + 1);
  });

  it('holds a close back until the import it began during has been appended', async () => {
    const opened = await open();
    const context = (actor: Actor) => ({
      actor,
      now: new Date(),
      newId: randomUUID,
      correlationId: 'gate-test',
      causationId: `gate-test:${randomUUID()}`,
    });
    let closed = false;
    let closedDuringCheck: boolean | undefined;
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    const importing = opened.commands.execute(
      new PlannedImportCommand(
        async (plan: ImportPlan) => {
          await plan.addMessage(
            new InterventionCommandMessage(
              INTERVENTION,
              {
                type: 'RecordCost',
                costId: 'c-during',
                costType: 'direct',
                category: 'improvement team',
                amountPence: 100_000,
                financialYear: '2019/20',
                bearerOrganisationId: ACUTE,
                source: { system: 'ledger', reference: 'GL c-during', extractedOn: '2020-04-30' },
              },
              context(CONTRIBUTOR),
            ),
          );
          await released;
          closedDuringCheck = closed;
          return plan.pendingEvents;
        },
        (planned) => planned === 1,
      ),
    );
    const closing = opened.commands
      .execute(new ClosePeriodCommand('2019/20', null, context(FINANCE)))
      .then((result: { seal: { position: number } }) => {
        closed = true;
        return result;
      });
    // time enough for the close to verify the log and reach the gate
    await new Promise((resolve) => setTimeout(resolve, 500));
    release();
    const [imported, close] = await Promise.all([importing, closing]);

    expect(closedDuringCheck).toBe(false);
    expect(imported.committed).toEqual({ streams: 1, events: 1 });
    const cost = (await opened.store.readStream(interventionStreamId(INTERVENTION))).at(-1);
    expect(cost).toMatchObject({ type: 'CostRecorded', data: { costId: 'c-during' } });
    // the cost checked against an open year landed before the seal, so the close sealed it
    expect(cost?.position).toBeLessThanOrEqual(close.seal.position);
  });
});
