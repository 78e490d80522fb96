import { ACUTE, COMMUNITY, GP, ICB, INTERVENTION, seedSystem, source, withSeededSystem } from './support/fixtures';
import { TestApp } from './support/test-app';

/**
 * A partnership end to end (docs/design.md#the-events "partnership", #access): formed, joined, left, agreements by version,
 * enrolments and its own costs; every refusal with its status, its rule in words and nothing appended.
 */
describe('a partnership through the HTTP API', () => {
  const suite = withSeededSystem();
  const P = 'acute-community-partnership';
  const path = `/partnerships/${P}`;
  let t: TestApp;
  let as: Awaited<ReturnType<typeof seedSystem>>;
  type Agent = Awaited<ReturnType<TestApp['as']>>;
  /** partnership-leads of the acute trust (the lead member), the community trust (a partner) and the GP practice (a member, later former) */
  let lead: Agent;
  let partnerLead: Agent;
  let gpLead: Agent;

  beforeAll(async () => {
    ({ t, as } = suite);
    lead = await t.as('partnership-lead', ACUTE);
    partnerLead = await t.as('partnership-lead', COMMUNITY);
    gpLead = await t.as('partnership-lead', GP);
  });

  const refused = async (who: Agent, url: string, body: object, status: number, mentions: (string | RegExp)[]) => {
    const before = t.logLength();
    const r = await who.post(url, body);
    expect({ status: r.status, body: r.body }).toMatchObject({ status, body: { statusCode: status } });
    const text = JSON.stringify(r.body);
    for (const m of mentions) expect(text).toMatch(m);
    expect(t.logLength()).toBe(before);
    return r.body;
  };
  const shares = (...pairs: [string, number][]) =>
    pairs.map(([organisationId, basisPoints]) => ({ organisationId, basisPoints }));
  const agreementBody = (over: Record<string, unknown> = {}) => ({
    shares: shares([ACUTE, 6000], [COMMUNITY, 2500], [GP, 1500]),
    benefitTypes: ['capacity', 'cost-avoidance'],
    effectiveFrom: '2019/20',
    ...over,
  });
  const costBody = (over: Record<string, unknown> = {}) => ({
    costType: 'direct',
    category: 'coaching',
    amountPence: 2_400_000,
    financialYear: '2019/20',
    bearerOrganisationId: ACUTE,
    source,
    ...over,
  });

  describe('every route, as the partnership-lead of the lead member', () => {
    it('forms a partnership, with a given or a generated id', async () => {
      const r = await lead.post('/partnerships', {
        partnershipId: P,
        name: 'Acute and community flow partnership',
        members: [
          { organisationId: ACUTE, role: 'lead' },
          { organisationId: COMMUNITY, role: 'partner' },
        ],
      });
      expect(r.status).toBe(201);
      expect(r.body).toEqual({
        partnershipId: P,
        streamId: `partnership-${P}`,
        revision: 0,
        position: expect.any(Number),
        eventIds: [expect.any(String)],
      });
      const generated = await lead.post('/partnerships', {
        name: 'Another',
        members: [{ organisationId: ACUTE, role: 'lead' }],
      });
      expect(generated.status).toBe(201);
      expect(generated.body.streamId).toBe(`partnership-${generated.body.partnershipId}`);
    });

    it('lets a member join, sets an agreement, enrols an intervention and records the programme costs', async () => {
      const joined = await lead.post(`${path}/members`, { organisationId: GP, role: 'member' });
      expect(joined.status).toBe(201);
      expect(joined.body).toMatchObject({ partnershipId: P, organisationId: GP, revision: 1 });
      await lead
        .post(`${path}/agreements`, agreementBody())
        .expect(201)
        .expect((r) => expect(r.body.revision).toBe(2));
      const enrolled = await lead.post(`${path}/enrolments`, {
        interventionId: INTERVENTION,
        attributionBasisPoints: 5000,
      });
      expect(enrolled.status).toBe(201);
      expect(enrolled.body).toMatchObject({ interventionId: INTERVENTION, revision: 3 });
      const coaching = await lead.post(`${path}/costs`, costBody({ costId: 'coaching-2019' }));
      expect(coaching.status).toBe(201);
      expect(coaching.body).toMatchObject({ costId: 'coaching-2019', revision: 4 });
      const generated = await lead.post(
        `${path}/costs`,
        costBody({ category: 'backfill', amountPence: 600_000, bearerOrganisationId: GP }),
      );
      expect(generated.status).toBe(201);
      expect(generated.body.costId).toEqual(expect.any(String));
    });

    it('records a departure with its reason, then a second agreement version without the former member', async () => {
      const left = await lead.post(`${path}/members/${GP}/departure`, {
        reason: 'practice merged into a primary care network',
      });
      expect(left.status).toBe(201);
      expect(left.body).toMatchObject({ partnershipId: P, organisationId: GP, revision: 6 });
      await lead
        .post(
          `${path}/agreements`,
          agreementBody({ shares: shares([ACUTE, 7000], [COMMUNITY, 3000]), effectiveFrom: '2020/21' }),
        )
        .expect(201);
    });

    it('answers the partnership as it stands: members current and former, agreements by version, enrolments, costs', async () => {
      const r = await lead.get(path);
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({
        partnershipId: P,
        name: 'Acute and community flow partnership',
        revision: 7,
        members: [
          { organisationId: ACUTE, role: 'lead' },
          { organisationId: COMMUNITY, role: 'partner' },
        ],
        formerMembers: [{ organisationId: GP, role: 'member', reason: 'practice merged into a primary care network' }],
        agreements: [
          {
            version: 1,
            effectiveFrom: '2019/20',
            shares: shares([ACUTE, 6000], [COMMUNITY, 2500], [GP, 1500]),
            benefitTypes: ['capacity', 'cost-avoidance'],
          },
          { version: 2, effectiveFrom: '2020/21', shares: shares([ACUTE, 7000], [COMMUNITY, 3000]) },
        ],
        enrolments: [{ interventionId: INTERVENTION, attributionBasisPoints: 5000 }],
      });
      expect(
        r.body.costs.map((c: { amountPence: number; bearerOrganisationId: string }) => [
          c.bearerOrganisationId,
          c.amountPence,
        ]),
      ).toEqual([
        [ACUTE, 2_400_000],
        [GP, 600_000],
      ]);
      expect(r.body.costs[0]).toMatchObject({
        costId: 'coaching-2019',
        costType: 'direct',
        category: 'coaching',
        financialYear: '2019/20',
        source,
      });
    });

    it('lists the partnership routes in the OpenAPI document', async () => {
      const docs = await t.http.get('/docs-json').expect(200);
      for (const p of [
        '/partnerships',
        '/partnerships/{id}',
        '/partnerships/{id}/members',
        '/partnerships/{id}/members/{organisationId}/departure',
        '/partnerships/{id}/agreements',
        '/partnerships/{id}/enrolments',
        '/partnerships/{id}/costs',
      ]) {
        expect(docs.body.paths).toHaveProperty([p]);
      }
      // a partnership cost is typed direct or indirect, as an intervention's is
      expect(docs.body.components.schemas.RecordPartnershipCostDto.required).toEqual(
        expect.arrayContaining(['costType', 'amountPence', 'bearerOrganisationId', 'source']),
      );
    });
  });

  describe('reading', () => {
    it('lets members (current or former), auditors and admins read, and refuses everyone else (403)', async () => {
      await as.community.get(path).expect(200);
      await as.gpFinance.get(path).expect(200); // the GP practice left, but was a member
      await as.auditor.get(path).expect(200);
      await as.admin.get(path).expect(200);
      const before = t.logLength();
      const icb = await t.as('contributor', ICB);
      const r = await icb.get(path);
      expect(r.status).toBe(403);
      expect(r.body.message).toBe('a partnership is read by its members (current or former), auditors and admins only');
      expect(t.logLength()).toBe(before);
      await as.auditor.get('/partnerships/no-such').expect(404);
      // someone who may not read a partnership learns nothing, not even whether it exists
      await icb.get('/partnerships/no-such').expect(403);
    });
  });

  describe('422: the rules of a partnership, in words', () => {
    it('refuses shares that do not sum to 10000 basis points', async () => {
      await refused(
        lead,
        `${path}/agreements`,
        agreementBody({ shares: shares([ACUTE, 6000], [COMMUNITY, 3000]) }),
        422,
        ['shares must sum to 10000 basis points, got 9000', 'shares-must-sum-to-10000'],
      );
    });

    it('refuses a share for an organisation that is not a current member (never was, or has left)', async () => {
      await refused(lead, `${path}/agreements`, agreementBody({ shares: shares([ACUTE, 5000], [ICB, 5000]) }), 422, [
        `shares[1] names organisation '${ICB}', which is not a current member of this partnership`,
        '"field":"shares[1].organisationId"',
      ]);
      await refused(lead, `${path}/agreements`, agreementBody(), 422, [
        `shares[2] names organisation '${GP}'`,
        'share-for-non-member',
      ]);
    });

    it('refuses the last lead leaving, a non-member leaving, and a cost borne by a non-member', async () => {
      await refused(lead, `${path}/members/${ACUTE}/departure`, { reason: 'x' }, 422, [
        `organisation '${ACUTE}' is the partnership's last lead`,
        'last-lead-cannot-leave',
      ]);
      await refused(lead, `${path}/members/${ICB}/departure`, { reason: 'x' }, 422, [
        `organisation '${ICB}' is not a current member`,
      ]);
      await refused(lead, `${path}/costs`, costBody({ bearerOrganisationId: GP }), 422, [
        `bearerOrganisationId names organisation '${GP}', which is not a current member`,
      ]);
      await refused(lead, `${path}/costs`, costBody({ amountPence: 0 }), 422, [
        'amountPence must be a whole number of pence greater than 0',
      ]);
    });

    it('refuses forming without a lead, and an agreement taking effect before the previous one', async () => {
      await refused(
        lead,
        '/partnerships',
        {
          name: 'x',
          members: [
            { organisationId: ACUTE, role: 'lead' },
            { organisationId: ACUTE, role: 'member' },
          ],
        },
        422,
        [`members[1] names organisation '${ACUTE}' a second time`],
      );
      await refused(
        lead,
        `${path}/agreements`,
        agreementBody({ shares: shares([ACUTE, 10000]), effectiveFrom: '2019/20' }),
        422,
        ["effectiveFrom 2019/20 is earlier than version 2's (2020/21)"],
      );
    });
  });

  describe('400: references to things that do not exist, and bad bodies', () => {
    it('refuses a member organisation that is not registered, naming the field', async () => {
      await refused(
        lead,
        '/partnerships',
        {
          name: 'x',
          members: [
            { organisationId: 'ghost', role: 'member' },
            { organisationId: ACUTE, role: 'lead' },
          ],
        },
        400,
        [
          "members[0].organisationId names organisation 'ghost', which is not registered",
          '"field":"members[0].organisationId"',
        ],
      );
      await refused(lead, `${path}/members`, { organisationId: 'ghost', role: 'member' }, 400, [
        '"field":"organisationId"',
      ]);
      await refused(
        lead,
        `${path}/agreements`,
        agreementBody({ shares: shares([ACUTE, 5000], ['ghost', 5000]) }),
        400,
        ['"field":"shares[1].organisationId"'],
      );
      await refused(lead, `${path}/costs`, costBody({ bearerOrganisationId: 'ghost' }), 400, [
        '"field":"bearerOrganisationId"',
      ]);
    });

    it('refuses enrolling an intervention that is not registered, naming the field', async () => {
      await refused(
        lead,
        `${path}/enrolments`,
        { interventionId: 'no-such-intervention', attributionBasisPoints: 5000 },
        400,
        [
          "interventionId names intervention 'no-such-intervention', which is not registered",
          '"field":"interventionId"',
        ],
      );
    });

    it('refuses malformed bodies field by field', async () => {
      await refused(lead, '/partnerships', { name: 'x', members: [] }, 400, ['members must have at least 1 item']);
      await refused(lead, '/partnerships', { name: 'x', members: ['acute-a'] }, 400, [
        'members must contain objects only',
      ]);
      await refused(lead, '/partnerships', { name: 'x', members: [null] }, 400, ['members must contain objects only']);
      await refused(lead, '/partnerships', { name: 'x', members: { organisationId: ACUTE, role: 'lead' } }, 400, [
        'members must be an array',
      ]);
      await refused(lead, '/partnerships', { name: 'x', members: [{ organisationId: ACUTE, role: 'boss' }] }, 400, [
        'members[0].role must be one of: lead, member, partner',
      ]);
      await refused(
        lead,
        '/partnerships',
        { name: 'x', members: [{ organisationId: ACUTE, role: 'lead', share: 1 }] },
        400,
        ['members[0].share'],
      );
      await refused(
        lead,
        `${path}/agreements`,
        agreementBody({ shares: shares([ACUTE, 5000.5], [COMMUNITY, 4999.5]) }),
        400,
        ['shares[0].basisPoints must be a whole number of basis points'],
      );
      await refused(lead, `${path}/agreements`, agreementBody({ benefitTypes: ['capacity', 'happiness'] }), 400, [
        'benefitTypes must each be one of: cash-releasing',
      ]);
      await refused(lead, `${path}/agreements`, agreementBody({ benefitTypes: ['capacity', 'capacity'] }), 400, [
        'benefitTypes must not repeat a value',
      ]);
      await refused(lead, `${path}/agreements`, agreementBody({ benefitTypes: [] }), 400, [
        'benefitTypes must name at least one value',
      ]);
      await refused(lead, `${path}/agreements`, agreementBody({ effectiveFrom: '2019/21' }), 400, [
        'effectiveFrom must be a financial year like 2019/20',
      ]);
      await refused(lead, `${path}/enrolments`, { interventionId: INTERVENTION, attributionBasisPoints: 10001 }, 400, [
        'attributionBasisPoints must not exceed 10000 basis points',
      ]);
      await refused(lead, `${path}/enrolments`, { interventionId: INTERVENTION, attributionBasisPoints: 0 }, 400, [
        'attributionBasisPoints must be at least 1 basis point',
      ]);
      await refused(lead, `${path}/costs`, costBody({ costType: 'overhead' }), 400, [
        'costType must be one of: direct, indirect',
      ]);
    });
  });

  describe('404 and 409', () => {
    it('answers 404 for a partnership that was never formed', async () => {
      await refused(
        lead,
        '/partnerships/no-such/enrolments',
        { interventionId: INTERVENTION, attributionBasisPoints: 5000 },
        404,
        ['partnership is not formed'],
      );
      await refused(as.acute, '/partnerships/no-such/members', { organisationId: GP, role: 'member' }, 404, [
        'partnership-not-found',
      ]);
    });

    it('refuses enrolling an intervention twice, forming twice, a member joining twice and a cost id used again', async () => {
      await refused(lead, `${path}/enrolments`, { interventionId: INTERVENTION, attributionBasisPoints: 10000 }, 409, [
        `intervention '${INTERVENTION}' is already enrolled in this partnership`,
        'intervention-already-enrolled',
      ]);
      await refused(
        lead,
        '/partnerships',
        { partnershipId: P, name: 'again', members: [{ organisationId: ACUTE, role: 'lead' }] },
        409,
        [`partnership '${P}' is already formed`],
      );
      await refused(lead, `${path}/members`, { organisationId: COMMUNITY, role: 'lead' }, 409, [
        `organisation '${COMMUNITY}' is already a member`,
      ]);
      await refused(lead, `${path}/costs`, costBody({ costId: 'coaching-2019' }), 409, [
        "cost 'coaching-2019' is already recorded",
      ]);
    });
  });

  describe('403: only a partnership-lead of a current lead member writes', () => {
    it('refuses every other role, whatever its organisation', async () => {
      await refused(as.acute, `${path}/enrolments`, { interventionId: 'x', attributionBasisPoints: 1 }, 403, [
        "role 'contributor' cannot do EnrolIntervention (partnership-lead only)",
      ]);
      await refused(as.acuteFinance, `${path}/costs`, costBody(), 403, [
        "role 'finance' cannot do RecordPartnershipCost (partnership-lead only)",
      ]);
      await refused(as.admin, `${path}/members`, { organisationId: ICB, role: 'member' }, 403, [
        'partnership-lead only',
      ]);
      await refused(as.acute, '/partnerships', { name: 'x', members: [{ organisationId: ACUTE, role: 'lead' }] }, 403, [
        'partnership-lead only',
      ]);
    });

    it('refuses the partnership-lead of an organisation that is not a current lead member', async () => {
      await refused(
        partnerLead,
        `${path}/agreements`,
        agreementBody({ shares: shares([COMMUNITY, 10000]), effectiveFrom: '2021/22' }),
        403,
        ["a partnership-lead manages only partnerships in which its own organisation is a current 'lead' member"],
      );
      await refused(gpLead, `${path}/members`, { organisationId: GP, role: 'lead' }, 403, ["current 'lead' member"]);
      await refused(
        gpLead,
        '/partnerships',
        {
          name: 'x',
          members: [
            { organisationId: ACUTE, role: 'lead' },
            { organisationId: GP, role: 'member' },
          ],
        },
        403,
        ["forms only partnerships in which its own organisation is a member with role 'lead'"],
      );
    });

    it('refuses an auditor', async () => {
      await refused(as.auditor, `${path}/members`, { organisationId: ICB, role: 'member' }, 403, [
        'auditors read and trace; they cannot record anything',
      ]);
      await refused(as.auditor, '/partnerships', { name: 'x', members: [{ organisationId: ICB, role: 'lead' }] }, 403, [
        'auditors read and trace',
      ]);
    });
  });
});
