import { plainToInstance } from 'class-transformer';
import { CommandBus } from '@nestjs/cqrs';
import { InterventionCommandMessage } from '@benefit-ledger/application';
import { RecordCostDto, recordCostCommand } from '@benefit-ledger/contracts';
import { plainCommandContext } from '../apps/api/src/http/command-context.factory';
import { costBody } from './support/fixtures';
import { EVENT_STORE, EventStore } from '@benefit-ledger/event-store';
import { Projector } from '@benefit-ledger/projections';
import { TestApp } from './support/test-app';

/** A sample's value in Prometheus' text format, by its exact name and labels; undefined when absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('metrics for Prometheus', () => {
  let t: TestApp;
  let admin: Awaited<ReturnType<TestApp['as']>>;
  let adminToken: string;

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.as('admin', 'icb-west');
    adminToken = await t.token('admin', 'icb-west');
  });
  afterAll(() => t.stop());

  const scrape = async () => {
    const r = await t.http.get('/metrics').set('Authorization', `Bearer ${adminToken}`).expect(200);
    expect(r.headers['content-type']).toMatch(/^text\/plain;.*version=0\.0\.4/);
    return r.text;
  };

  it('shows the commands just sent by type and outcome, refusals with their status', async () => {
    const before = t.logLength();
    await admin.post('/organisations', { organisationId: 'icb-west', name: 'ICB West', type: 'icb' }).expect(201);
    await admin
      .post('/organisations', { organisationId: 'acute-a', name: 'Acute A', type: 'acute-trust', system: 'icb-west' })
      .expect(201);
    await admin
      .post('/organisations', { organisationId: 'acute-a', name: 'Acute A again', type: 'acute-trust' })
      .expect(409);
    const contributor = await t.as('contributor', 'acute-a');
    await contributor.post('/organisations', { organisationId: 'gp-c', name: 'GP C', type: 'gp-practice' }).expect(403);
    await contributor
      .post('/interventions', {
        interventionId: 'int-1',
        title: 'Discharge to assess',
        leadOrganisationId: 'acute-a',
        lenses: { economic: true, social: false, strategic: false },
        strategicPriorities: [],
      })
      .expect(201);
    // refused by validation before any command is sent: a request, not a command
    await admin.post('/organisations', { name: 'no type' }).expect(400);
    expect(t.logLength()).toBe(before + 3);

    const text = await scrape();
    expect(sample(text, 'ledger_commands_total{type="RegisterOrganisation",outcome="accepted",status="201"}')).toBe(2);
    expect(sample(text, 'ledger_commands_total{type="RegisterOrganisation",outcome="refused",status="409"}')).toBe(1);
    expect(sample(text, 'ledger_commands_total{type="RegisterOrganisation",outcome="refused",status="403"}')).toBe(1);
    expect(sample(text, 'ledger_commands_total{type="RegisterIntervention",outcome="accepted",status="201"}')).toBe(1);
    expect(text).not.toMatch(/ledger_commands_total\{[^}]*status="400"/);

    // each accepted command is one append; sent one after the other, each is a group commit of its own
    expect(sample(text, 'ledger_append_duration_seconds_count')).toBe(3);
    expect(sample(text, 'ledger_group_commit_appends_count')).toBe(3);
    expect(sample(text, 'ledger_group_commit_appends_sum')).toBe(3);

    // requests by route pattern and status, with their latency
    expect(sample(text, 'http_request_duration_seconds_count{method="POST",route="/organisations",status="201"}')).toBe(
      2,
    );
    expect(sample(text, 'http_request_duration_seconds_count{method="POST",route="/organisations",status="400"}')).toBe(
      1,
    );
    expect(
      sample(text, 'http_request_duration_seconds_bucket{le="+Inf",method="POST",route="/interventions",status="201"}'),
    ).toBe(1);
    // and Node's own
    expect(text).toMatch(/^process_cpu_seconds_total /m);
  });

  it('counts every append in exactly one group commit, however many are sent at once', async () => {
    await t.app.listen(0, '127.0.0.1'); // concurrent requests need a server that stays up between them
    await admin
      .post('/organisations', { organisationId: 'acute-grouped', name: 'Acute G', type: 'acute-trust' })
      .expect(201);
    const contributor = await t.as('contributor', 'acute-grouped');
    await contributor
      .post('/interventions', {
        interventionId: 'int-grouped',
        title: 'Grouped costs',
        leadOrganisationId: 'acute-grouped',
        lenses: { economic: true, social: false, strategic: false },
        strategicPriorities: [],
      })
      .expect(201);
    const before = await scrape();
    const logBefore = t.logLength();
    // the store's own notice of each group it commits, beside the metric
    const committedGroups: number[] = [];
    const unsubscribe = t.app
      .get<EventStore>(EVENT_STORE)
      .onAppended?.((appends) => committedGroups.push(appends.length));
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, index) =>
        contributor.post(
          '/interventions/int-grouped/costs',
          costBody({ costId: `cost-grouped-${index}`, bearerOrganisationId: 'acute-grouped' }),
        ),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array<number>(12).fill(201));
    const after = await scrape();
    const grew = (series: string) => (sample(after, series) ?? 0) - (sample(before, series) ?? 0);
    expect(t.logLength() - logBefore).toBe(12);
    unsubscribe?.();
    expect(committedGroups.reduce((sum, size) => sum + size, 0)).toBe(12);
    // one observation per group as committed, of its size: each append in one group, none twice
    expect(grew('ledger_group_commit_appends_count')).toBe(committedGroups.length);
    expect(grew('ledger_group_commit_appends_sum')).toBe(12);

    // two commands sent in the same turn of the event loop are committed together: one group of two
    const actor = {
      userId: 'contributor@acute-grouped',
      role: 'contributor' as const,
      organisationId: 'acute-grouped',
    };
    const bus = t.app.get(CommandBus);
    await contributor
      .post('/interventions', {
        interventionId: 'int-grouped-2',
        title: 'Grouped costs, the second',
        leadOrganisationId: 'acute-grouped',
        lenses: { economic: true, social: false, strategic: false },
        strategicPriorities: [],
      })
      .expect(201);
    const beforePair = await scrape();
    // (on two streams: commands on one stream take turns, each waiting for the commit before it)
    const cost = (interventionId: string, costId: string) =>
      bus.execute(
        new InterventionCommandMessage(
          interventionId,
          recordCostCommand(
            plainToInstance(RecordCostDto, costBody({ costId, bearerOrganisationId: 'acute-grouped' })),
            costId,
          ),
          plainCommandContext(actor, `grouped-${costId}`),
        ),
      );
    await Promise.all([cost('int-grouped', 'cost-pair-1'), cost('int-grouped-2', 'cost-pair-2')]);
    const afterPair = await scrape();
    const pairGrew = (series: string) => (sample(afterPair, series) ?? 0) - (sample(beforePair, series) ?? 0);
    expect(pairGrew('ledger_group_commit_appends_count')).toBe(1);
    expect(pairGrew('ledger_group_commit_appends_sum')).toBe(2);
  });

  it('groups requests by route pattern, not by the ids in their paths', async () => {
    await admin.get('/organisations/icb-west').expect(200);
    await admin.get('/organisations/acute-a').expect(200);
    await admin.get('/no/such/route').expect(404);
    const text = await scrape();
    expect(
      sample(
        text,
        'http_request_duration_seconds_count{method="GET",route="/organisations/:organisationId",status="200"}',
      ),
    ).toBe(2);
    expect(sample(text, 'http_request_duration_seconds_count{method="GET",route="(none)",status="404"}')).toBe(1);
    expect(text).not.toContain('/organisations/icb-west');
  });

  it('shows how many events the read models are behind the log', async () => {
    const projector = t.app.get(Projector);
    await projector.caughtUp();
    expect(sample(await scrape(), 'ledger_read_model_lag_events')).toBe(0);
    await projector.stop();
    try {
      await admin
        .post('/organisations', { organisationId: 'gp-c', name: 'GP C', type: 'gp-practice', system: 'icb-west' })
        .expect(201);
      expect(sample(await scrape(), 'ledger_read_model_lag_events')).toBe(1);
    } finally {
      projector.start();
    }
    await projector.caughtUp();
    expect(sample(await scrape(), 'ledger_read_model_lag_events')).toBe(0);
  });

  it('is served to an admin token only: 401 without a valid token, 403 for other roles', async () => {
    const none = await t.http.get('/metrics').expect(401);
    expect(none.text).not.toContain('ledger_commands_total');
    await t.http.get('/metrics').set('Authorization', 'Bearer not-a-token').expect(401);
    const finance = await t.as('finance', 'acute-a');
    const refused = await finance.get('/metrics').expect(403);
    expect(refused.body).toMatchObject({
      statusCode: 403,
      message: expect.stringMatching(/cannot read the metrics \(admin only\)/),
    });
  });
});

describe('metrics with the store gone', () => {
  it('still answers the scrape, the read-model lag unknown (NaN), the rest as counted', async () => {
    const t = await TestApp.start();
    try {
      const admin = await t.as('admin', 'icb-west');
      await admin.post('/organisations', { organisationId: 'icb-west', name: 'ICB West', type: 'icb' }).expect(201);
      await t.app.get(Projector).stop();
      await t.app.get<EventStore>(EVENT_STORE).close();
      const text = (await admin.get('/metrics').expect(200)).text;
      expect(text).toMatch(/^ledger_read_model_lag_events NaN$/im); // prom-client writes `Nan`, which Prometheus reads as NaN
      expect(sample(text, 'ledger_commands_total{type="RegisterOrganisation",outcome="accepted",status="201"}')).toBe(
        1,
      );
    } finally {
      await t.stop();
    }
  });
});
