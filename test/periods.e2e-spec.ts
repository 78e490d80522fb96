import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import canonicalize from 'canonicalize';
import { financialYearOf } from '@benefit-ledger/domain';
import { sqliteFile } from '@benefit-ledger/event-store';
import {
  ACUTE,
  COMMUNITY,
  GP,
  INTERVENTION,
  benefitBody,
  costBody,
  seedSystem,
  source,
  withSeededSystem,
} from './support/fixtures';
import { TestApp } from './support/test-app';

/**
 * Design §5 through the HTTP API: closing a year seals the log; afterwards a change to that year's figures
 * is refused unless finance records it as a restatement, in the same append; reports show the year as closed
 * beside the year as restated.
 */
describe('closing a financial year, the period lock and restatements', () => {
  // the capacity benefit validated by the community trust (before its release, as releases need)
  const suite = withSeededSystem({ validatedValuePence: 2_500_000 });
  const path = `/interventions/${INTERVENTION}`;
  const GP_INTERVENTION = 'gp-meds';
  const ENROLLED = 'gp-social-prescribing';
  const P = 'flow-partnership';
  let t: TestApp;
  let as: Awaited<ReturnType<typeof seedSystem>>;
  type Agent = Awaited<ReturnType<TestApp['as']>>;
  let lead: Agent;

  beforeAll(async () => {
    ({ t, as } = suite);
    lead = await t.as('partnership-lead', ACUTE);
    // 2019/20 before any close: a cost borne by the acute trust
    await as.acute.post(`${path}/costs`, costBody({ costId: 'c-2019', amountPence: 1_000_000 })).expect(201);
    await as.acute
      .post(`${path}/benefits`, benefitBody({ benefitId: 'b-pending', landingOrganisationId: ACUTE }))
      .expect(201);
    // an intervention the acute trust takes no part in
    await as.gp
      .post('/interventions', {
        interventionId: GP_INTERVENTION,
        title: 'Medication reviews',
        leadOrganisationId: GP,
        lenses: { economic: true, social: false, strategic: false },
        strategicPriorities: [],
      })
      .expect(201);
    await as.gp
      .post(
        `/interventions/${GP_INTERVENTION}/benefits`,
        benefitBody({ benefitId: 'gp-b', benefitType: 'cost-avoidance', landingOrganisationId: GP }),
      )
      .expect(201);
    await lead
      .post('/partnerships', {
        partnershipId: P,
        name: 'Flow partnership',
        members: [
          { organisationId: ACUTE, role: 'lead' },
          { organisationId: COMMUNITY, role: 'member' },
        ],
      })
      .expect(201);
    await lead
      .post(`/partnerships/${P}/agreements`, {
        shares: [
          { organisationId: ACUTE, basisPoints: 7000 },
          { organisationId: COMMUNITY, basisPoints: 3000 },
        ],
        benefitTypes: ['capacity'],
        effectiveFrom: '2019/20',
      })
      .expect(201);
    await lead
      .post(`/partnerships/${P}/enrolments`, { interventionId: INTERVENTION, attributionBasisPoints: 10_000 })
      .expect(201);
  });

  const refused = async (
    send: () => PromiseLike<{ status: number; body: Record<string, unknown> }>,
    status: number,
    mentions: (string | RegExp)[],
  ) => {
    const before = t.logLength();
    const r = await send();
    expect({ status: r.status, body: r.body }).toMatchObject({ status, body: { statusCode: status } });
    const text = JSON.stringify(r.body);
    for (const m of mentions) expect(text).toMatch(m);
    expect(t.logLength()).toBe(before);
    return r.body;
  };
  const rawEvents = () => {
    const db = new Database(sqliteFile(t.config.dataDir), { readonly: true });
    try {
      return db
        .prepare('SELECT position, stream_id, revision, type, data, metadata FROM events ORDER BY position')
        .all() as {
        position: number;
        stream_id: string;
        revision: number;
        type: string;
        data: string;
        metadata: string;
      }[];
    } finally {
      db.close();
    }
  };

  describe('who may close what, and when', () => {
    it('refuses contributors, auditors and partnership-leads (403), and finance or admins only for their scope', async () => {
      for (const who of [as.acute, as.auditor, lead]) {
        await refused(() => who.post('/periods/2019-20/close', {}), 403, [/cannot close a year/]);
      }
    });

    it('refuses a year that has not ended, naming when it may be closed (422)', async () => {
      const current = financialYearOf(new Date().toISOString()).replace('/', '-');
      await refused(() => as.admin.post(`/periods/${current}/close`, {}), 422, [
        'period-not-ended',
        /has not ended: it can be closed from/,
      ]);
    });

    it('refuses a malformed year in the path and unknown fields in the body (400)', async () => {
      for (const bad of ['2019-21', '2019', 'twenty-19']) {
        await refused(() => as.admin.post(`/periods/${bad}/close`, {}), 400, [
          'financialYear must be a financial year like 2019-20',
        ]);
      }
      await refused(() => as.admin.post('/periods/2019-20/close', { scope: 'system' }), 400, [
        'property scope should not exist',
      ]);
    });
  });

  describe('a close by finance for its organisation', () => {
    let close: Record<string, unknown> & {
      position: number;
      seal: { position: number; streamCount: number; root: string };
    };

    it('appends PeriodClosed to the period stream with a seal over every stream head', async () => {
      const before = t.logLength();
      const r = await as.acuteFinance.post('/periods/2019%2F20/close', {});
      expect(r.status).toBe(201);
      close = r.body;
      expect(close).toMatchObject({
        financialYear: '2019/20',
        scope: { organisationId: ACUTE },
        streamId: 'period-2019-20',
        revision: 0,
        seal: { position: before, streamCount: expect.any(Number), root: expect.stringMatching(/^[0-9a-f]{64}$/) },
      });
      expect(close.seal).not.toHaveProperty('heads');
      expect(t.logLength()).toBe(before + 1);
    });

    it('seals exactly the RFC 6962 Merkle root an auditor recomputes from the raw file with sha256 alone', () => {
      const events = rawEvents().filter((e) => e.position <= close.seal.position);
      const heads = new Map<string, { streamId: string; revision: number; hash: string }>();
      for (const e of events)
        heads.set(e.stream_id, { streamId: e.stream_id, revision: e.revision, hash: JSON.parse(e.metadata).hash });
      const leaves = [...heads.values()]
        .sort((a, b) => (a.streamId < b.streamId ? -1 : 1))
        .map((h) => Buffer.from(canonicalize(h)!, 'utf8'));
      // an independent RFC 6962 §2.1 Merkle Tree Hash, written from the RFC for this test
      const sha = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();
      const mth = (d: Buffer[]): Buffer => {
        if (d.length === 1) return sha(Buffer.from([0]), d[0]);
        const k = 2 ** Math.floor(Math.log2(d.length - 1));
        return sha(Buffer.from([1]), mth(d.slice(0, k)), mth(d.slice(k)));
      };
      expect(heads.size).toBe(close.seal.streamCount);
      expect(mth(leaves).toString('hex')).toBe(close.seal.root);
    });

    it('shows the close at GET /periods/2019-20', async () => {
      const r = await as.auditor.get('/periods/2019-20').expect(200);
      expect(r.body).toMatchObject({
        financialYear: '2019/20',
        ended: true,
        revision: 0,
        restatements: [],
        closes: [
          {
            scope: { organisationId: ACUTE },
            closedBy: { userId: `finance@${ACUTE}`, role: 'finance' },
            position: close.position,
            seal: close.seal,
          },
        ],
      });
    });

    it('refuses to close the same scope twice (409), nothing appended', async () => {
      await refused(() => as.acuteFinance.post('/periods/2019-20/close', {}), 409, [
        'period-already-closed',
        /already closed for organisation 'acute-a'/,
      ]);
    });

    it('refuses a change to a 2019/20 figure of any intervention the organisation takes part in, naming the year and the close', async () => {
      const body = await refused(() => as.acute.post(`${path}/costs`, costBody({ costId: 'late' })), 422, [
        'period-closed',
        `2019/20 is closed for organisation 'acute-a'`,
        `PeriodClosed at position ${close.position}`,
        'restatement',
      ]);
      expect(body.rule).toBe('period-closed');
      // the community trust's own capacity decisions on this intervention change the acute trust's figures too
      await refused(
        () =>
          as.community.post(`${path}/capacity-releases/r-1/harvests`, {
            harvest: 'unharvested',
            quantity: 5,
            rationale: 'x',
            source,
          }),
        422,
        ['period-closed', 'capacity release'],
      );
      await refused(
        () =>
          as.acuteFinance.post(`${path}/benefits/b-pending/validation`, { validatedValuePence: 1, note: 'x', source }),
        422,
        ['period-closed', "validating the 2019/20 benefit 'b-pending'"],
      );
      await refused(() => as.acute.post(`${path}/benefits`, benefitBody({ benefitId: 'b-late' })), 422, [
        'period-closed',
        'benefit claim',
      ]);
    });

    it('leaves other years, changes that touch no figure, and interventions it takes no part in open', async () => {
      await as.acute.post(`${path}/costs`, costBody({ costId: 'c-2020', financialYear: '2020/21' })).expect(201);
      await as.acute.post(`${path}/decisions`, { decision: 'approve', rationale: 'board' }).expect(201);
      await as.gp
        .post(`/interventions/${GP_INTERVENTION}/costs`, costBody({ costId: 'gp-2019', bearerOrganisationId: GP }))
        .expect(201);
    });

    it('locks a validation of an intervention it takes no part in once that intervention is enrolled in one of its partnerships', async () => {
      // the GP practice's own intervention, with a 2019/20 claim: no figure of the acute trust's, so open to it
      await as.gp
        .post('/interventions', {
          interventionId: ENROLLED,
          title: 'Social prescribing',
          leadOrganisationId: GP,
          lenses: { economic: true, social: true, strategic: false },
          strategicPriorities: [],
        })
        .expect(201);
      await as.gp
        .post(
          `/interventions/${ENROLLED}/benefits`,
          benefitBody({ benefitId: 'sp-b', benefitType: 'capacity', landingOrganisationId: GP }),
        )
        .expect(201);
      // enrolling it changes the partnership's closed 2019/20 figures: restated by its lead
      await refused(
        () => lead.post(`/partnerships/${P}/enrolments`, { interventionId: ENROLLED, attributionBasisPoints: 5000 }),
        422,
        ['period-closed'],
      );
      await lead
        .post(`/partnerships/${P}/enrolments`, {
          interventionId: ENROLLED,
          attributionBasisPoints: 5000,
          restatement: { reason: 'social prescribing enrolled after the year end' },
        })
        .expect(201);
      // now a validation moves the partnership's attributed value, which the acute trust shares: its close holds
      await refused(
        () =>
          as.gpFinance.post(`/interventions/${ENROLLED}/benefits/sp-b/validation`, {
            validatedValuePence: 1_000,
            note: 'ok',
            source,
          }),
        422,
        ['period-closed', `2019/20 is closed for organisation 'acute-a'`, "validating the 2019/20 benefit 'sp-b'"],
      );
      await as.gpFinance
        .post(`/interventions/${ENROLLED}/benefits/sp-b/validation`, {
          validatedValuePence: 1_000,
          note: 'ok',
          source,
          restatement: { reason: 'validated after the partnership year was closed' },
        })
        .expect(201);
    });

    it('records a restatement by finance, with its reason, in the same append as the change', async () => {
      const r = await as.acuteFinance.post(
        `${path}/costs`,
        costBody({
          costId: 'late-invoice',
          amountPence: 250_000,
          restatement: { reason: 'Late invoice for 2019/20 improvement-team time' },
        }),
      );
      expect(r.status).toBe(201);
      expect(r.body.eventIds).toHaveLength(2);
      const [restated, change] = rawEvents().slice(-2);
      expect([restated.type, change.type]).toEqual(['RestatementRecorded', 'CostRecorded']);
      expect(change.position).toBe(restated.position + 1);
      expect(change.stream_id).toBe(restated.stream_id);
      expect(JSON.parse(restated.metadata).causationId).toBe(JSON.parse(change.metadata).causationId);
      expect(JSON.parse(restated.data)).toEqual({
        financialYear: '2019/20',
        reason: 'Late invoice for 2019/20 improvement-team time',
        closes: [
          {
            scope: { organisationId: ACUTE },
            position: close.position,
            sealPosition: close.seal.position,
            root: close.seal.root,
          },
        ],
        organisationIds: [ACUTE, COMMUNITY],
        changes: [{ eventId: r.body.eventIds[1], type: 'CostRecorded' }],
      });
    });

    it('lets finance alone restate, and refuses a restatement where nothing closed changes', async () => {
      await refused(
        () => as.acute.post(`${path}/costs`, costBody({ costId: 'x1', restatement: { reason: 'mine' } })),
        403,
        ['a restatement of a closed year is recorded by finance'],
      );
      await refused(
        () =>
          as.acuteFinance.post(
            `${path}/costs`,
            costBody({ costId: 'x2', financialYear: '2020/21', restatement: { reason: 'why' } }),
          ),
        422,
        ['restatement-not-needed', 'touches no closed financial year'],
      );
      await refused(
        () => as.acuteFinance.post(`${path}/costs`, costBody({ costId: 'x3', restatement: { reason: '' } })),
        400,
        ['restatement.reason should not be empty'],
      );
      await refused(
        () => as.acuteFinance.post(`${path}/costs`, costBody({ costId: 'x4', restatement: { reason: 'r', by: 'me' } })),
        400,
        ['restatement.by'],
      );
      // finance stands in for the contributor of the lead organisation, not for another organisation
      await refused(
        () => as.gpFinance.post(`${path}/costs`, costBody({ costId: 'x5', restatement: { reason: 'r' } })),
        403,
        ['lead organisation'],
      );
    });

    it("locks the organisation's 2019/20 waste-reduction report too: refused (422) unless restated, while another organisation's stays open", async () => {
      const report = (organisationId: string, over: object = {}) => ({
        organisationId,
        financialYear: '2019/20',
        totalPence: 500_000,
        lines: [
          {
            lineId: 'CIP-1',
            description: 'Length of stay',
            amountPence: 500_000,
            cashReleasing: false,
            recurrent: true,
          },
        ],
        source,
        ...over,
      });
      await refused(() => as.acuteFinance.post('/finance/reports', report(ACUTE)), 422, [
        'period-closed',
        `2019/20 is closed for organisation 'acute-a'`,
        "a new version of acute-a's 2019/20 waste-reduction report",
      ]);
      await as.communityFinance.post('/finance/reports', report(COMMUNITY)).expect(201);
      const r = await as.acuteFinance.post(
        '/finance/reports',
        report(ACUTE, { restatement: { reason: 'CIP return resubmitted after the accounts' } }),
      );
      expect(r.status).toBe(201);
      const [restated, reported] = rawEvents().slice(-2);
      expect([restated.type, reported.type]).toEqual(['RestatementRecorded', 'WasteReductionReported']);
      expect(restated.stream_id).toBe(`finance-report-${ACUTE}-2019-20`);
      expect(JSON.parse(restated.data)).toMatchObject({
        financialYear: '2019/20',
        reason: 'CIP return resubmitted after the accounts',
        organisationIds: [ACUTE],
      });
    });

    it('lets finance restate a contributor’s kind of change (a claim) for its own organisation', async () => {
      await as.acuteFinance
        .post(
          `${path}/benefits`,
          benefitBody({
            benefitId: 'b-restated',
            landingOrganisationId: ACUTE,
            restatement: { reason: 'claim found in the 2019/20 audit' },
          }),
        )
        .expect(201);
    });

    it("shows the organisation's year as closed beside the year as restated, each figure traceable, with the restatements", async () => {
      const r = (await as.auditor.get(`/organisations/${ACUTE}/value?financialYear=2019/20`).expect(200)).body;
      expect(r.investedPence.pence).toBe(1_250_000);
      expect(r.period).toMatchObject({
        financialYear: '2019/20',
        closed: true,
        close: { scope: { organisationId: ACUTE }, position: close.position, seal: { position: close.seal.position } },
      });
      expect(r.period.asClosed).toMatchObject({
        upToPosition: close.seal.position,
        investedPence: { pence: 1_000_000 },
      });
      expect(r.period.changedFigures).toEqual(
        expect.arrayContaining([
          {
            path: 'investedPence',
            unit: 'pence',
            asClosed: { value: 1_000_000, ref: r.period.asClosed.investedPence.ref },
            asRestated: { value: 1_250_000, ref: r.investedPence.ref },
            difference: 250_000,
          },
        ]),
      );
      expect(r.period.restatements.map((x: { reason: string }) => x.reason)).toEqual([
        'social prescribing enrolled after the year end',
        'validated after the partnership year was closed',
        'Late invoice for 2019/20 improvement-team time',
        'CIP return resubmitted after the accounts',
        'claim found in the 2019/20 audit',
      ]);
      expect(r.period.restatements[2]).toMatchObject({
        streamId: `intervention-${INTERVENTION}`,
        actor: { userId: `finance@${ACUTE}`, role: 'finance' },
        changes: [{ type: 'CostRecorded' }],
      });
      const closed = (
        await as.auditor.get(`/trace?figure=${encodeURIComponent(r.period.asClosed.investedPence.ref)}`).expect(200)
      ).body;
      expect(closed.figure.value).toBe(1_000_000);
      expect(closed.events.map((e: { type: string }) => e.type)).toEqual(['CostRecorded']);
      const restated = (await as.auditor.get(`/trace?figure=${encodeURIComponent(r.investedPence.ref)}`).expect(200))
        .body;
      expect(restated.arithmetic.total).toBe(1_250_000);
      // another year, and an organisation no close covers, say so
      expect(
        (await as.auditor.get(`/organisations/${ACUTE}/value?financialYear=2020/21`).expect(200)).body.period,
      ).toEqual({ financialYear: '2020/21', closed: false, closes: [] });
      const gp = (await as.auditor.get(`/organisations/${GP}/value?financialYear=2019/20`).expect(200)).body.period;
      expect(gp).toMatchObject({ closed: false, closes: [{ scope: { organisationId: ACUTE } }] });
    });
  });

  describe('a close for the whole system', () => {
    it('is an admin’s, and locks every organisation and partnership figure of the year', async () => {
      const r = await as.admin.post('/periods/2019-20/close', {});
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({ scope: 'system', revision: 1 });
      await refused(() => as.gpFinance.post('/periods/2019-20/close', {}), 409, [
        'already closed for the whole system, which covers organisation',
      ]);
      await refused(
        () =>
          as.gp.post(
            `/interventions/${GP_INTERVENTION}/costs`,
            costBody({ costId: 'gp-late', bearerOrganisationId: GP }),
          ),
        422,
        ['period-closed', '2019/20 is closed for the whole system'],
      );
      await refused(
        () =>
          lead.post(`/partnerships/${P}/costs`, {
            costType: 'direct',
            category: 'coaching',
            amountPence: 100,
            financialYear: '2019/20',
            bearerOrganisationId: ACUTE,
            source,
          }),
        422,
        ['period-closed', 'programme cost'],
      );
      // an agreement in force from 2018/19 would re-attribute 2019/20 too; one from 2020/21 would not
      const agreement = (effectiveFrom: string) => ({
        shares: [
          { organisationId: ACUTE, basisPoints: 5000 },
          { organisationId: COMMUNITY, basisPoints: 5000 },
        ],
        benefitTypes: ['capacity'],
        effectiveFrom,
      });
      await refused(() => lead.post(`/partnerships/${P}/agreements`, agreement('2019/20')), 422, [
        'period-closed',
        'in force from 2019/20',
      ]);
      await lead.post(`/partnerships/${P}/agreements`, agreement('2020/21')).expect(201);
      // enrolling an intervention with 2019/20 benefits re-attributes 2019/20; one with none changes no closed figure
      await refused(
        () =>
          lead.post(`/partnerships/${P}/enrolments`, { interventionId: GP_INTERVENTION, attributionBasisPoints: 100 }),
        422,
        ['period-closed', `enrolling intervention '${GP_INTERVENTION}' (with 2019/20 benefits)`],
      );
      await as.gp
        .post('/interventions', {
          interventionId: 'gp-new',
          title: 'New',
          leadOrganisationId: GP,
          lenses: { economic: true, social: false, strategic: false },
          strategicPriorities: [],
        })
        .expect(201);
      await lead
        .post(`/partnerships/${P}/enrolments`, { interventionId: 'gp-new', attributionBasisPoints: 100 })
        .expect(201);
    });

    it('lets a partnership-lead restate its partnership’s figures', async () => {
      const r = await lead.post(`/partnerships/${P}/costs`, {
        costType: 'direct',
        category: 'coaching',
        amountPence: 100_000,
        financialYear: '2019/20',
        bearerOrganisationId: ACUTE,
        source,
        restatement: { reason: 'coaching invoice received after year end' },
      });
      expect(r.status).toBe(201);
      expect(r.body.eventIds).toHaveLength(2);
    });

    it('shows system flows, capacity and partnership attribution as closed and as restated', async () => {
      const period = (await as.auditor.get('/periods/2019-20').expect(200)).body;
      const systemClose = period.closes.find((c: { scope: unknown }) => c.scope === 'system');
      const flows = (await as.auditor.get('/system/flows?financialYear=2019/20').expect(200)).body;
      expect(flows.period).toMatchObject({
        closed: true,
        close: { scope: 'system', position: systemClose.position },
        changedFigures: [],
      });
      expect(flows.period.asClosed.totals.validatedPence.pence).toBe(flows.totals.validatedPence.pence);
      const capacity = (await as.auditor.get(`/capacity?organisationId=${COMMUNITY}&financialYear=2019/20`).expect(200))
        .body;
      expect(capacity.period).toMatchObject({ closed: true, close: { scope: 'system' } });
      expect(capacity.period.asClosed.rows[0].released.quantity).toBe(100);
      const attribution = (await lead.get(`/partnerships/${P}/attribution?financialYear=2019/20`).expect(200)).body;
      expect(attribution.period.changedFigures).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ path: 'costs.totalPence', difference: 100_000 }),
          expect.objectContaining({ path: 'costs.directPence', difference: 100_000 }),
          expect.objectContaining({ path: 'roi' }),
        ]),
      );
      // a programme cost changes only costs, and what is net of them or per £1 of them: never the value attributed
      for (const c of attribution.period.changedFigures)
        expect(c.path).toMatch(/^(costs\.|roi|value(WithInterventionCosts)?\.\w+\.(netPence|roi))/);
      expect(attribution.period.restatements.map((x: { reason: string }) => x.reason)).toContain(
        'coaching invoice received after year end',
      );
    });

    it('lists every restatement of the year at GET /periods/2019-20', async () => {
      const period = (await as.acute.get('/periods/2019-20').expect(200)).body;
      expect(period.closes.map((c: { scope: unknown }) => c.scope)).toEqual([{ organisationId: ACUTE }, 'system']);
      expect(period.restatements).toHaveLength(6);
      expect(new Set(period.restatements.map((x: { streamId: string }) => x.streamId))).toEqual(
        new Set([
          `intervention-${INTERVENTION}`,
          `intervention-${ENROLLED}`,
          `finance-report-${ACUTE}-2019-20`,
          `partnership-${P}`,
        ]),
      );
    });
  });
});
