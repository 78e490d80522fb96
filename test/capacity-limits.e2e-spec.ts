import { ACUTE, COMMUNITY, INTERVENTION, benefitBody, seedSystem, source, withSeededSystem } from './support/fixtures';
import { TestApp } from './support/test-app';

/**
 * The capacity limits through the HTTP API (docs/value-and-realisation.md): a release needs a validated capacity
 * benefit and never exceeds its validated quantity; cash released never exceeds the cash-release harvest at the
 * validated unit value; a reinvestment records no more value than its quantity at that unit value. Each refusal is
 * a 422 naming the rule and the field, and appends nothing.
 */
describe('capacity limits over HTTP', () => {
  // b-cap: 100 bed-days claimed at £30,000.00, validated at £30,000.00 for 100 (£300.00 a bed-day), all 100 released as r-1
  const suite = withSeededSystem();
  const path = `/interventions/${INTERVENTION}`;
  const release = `${path}/capacity-releases/r-1`;
  let t: TestApp;
  let as: Awaited<ReturnType<typeof seedSystem>>;
  beforeAll(() => {
    ({ t, as } = suite);
  });

  const refused = async (
    send: () => PromiseLike<{ status: number; body: Record<string, unknown> }>,
    rule: string,
    field: string | undefined,
    mentions: string[] = [],
  ) => {
    const before = t.logLength();
    const r = await send();
    expect({ status: r.status, rule: r.body.rule, field: r.body.field }).toEqual({ status: 422, rule, field });
    for (const m of mentions) expect(r.body.message).toContain(m);
    expect(t.logLength()).toBe(before);
  };
  const releaseBody = (over: Record<string, unknown>) => ({
    benefitId: 'b-cap',
    resource: 'bed-days',
    quantity: 1,
    landingOrganisationId: COMMUNITY,
    financialYear: '2019/20',
    source,
    ...over,
  });

  it('refuses a release beyond the validated quantity, even by a hundredth, over every release of the benefit', async () => {
    await refused(
      () => as.acute.post(`${path}/capacity-releases`, releaseBody({ releaseId: 'r-more', quantity: 0.01, source })),
      'release-exceeds-validated-quantity',
      'quantity',
      ["benefit 'b-cap' was validated for 100 bed-days, already released 100, asked 0.01"],
    );
  });

  it('refuses the over-release of the issue: 99,999 bed-days against a 5,000 bed-day benefit', async () => {
    await as.acute
      .post(
        `${path}/benefits`,
        benefitBody({ benefitId: 'b-5000', quantity: { value: 5_000, unit: 'bed-days' }, valuePence: 150_000_000 }),
      )
      .expect(201);
    await as.communityFinance
      .post(`${path}/benefits/b-5000/validation`, { validatedValuePence: 150_000_000, note: 'checked', source })
      .expect(201);
    await refused(
      () =>
        as.acute.post(
          `${path}/capacity-releases`,
          releaseBody({ releaseId: 'r-big', benefitId: 'b-5000', quantity: 99_999, source }),
        ),
      'release-exceeds-validated-quantity',
      'quantity',
    );
    await as.acute
      .post(
        `${path}/capacity-releases`,
        releaseBody({ releaseId: 'r-5000', benefitId: 'b-5000', quantity: 5_000, source }),
      )
      .expect(201);
    await as.community
      .post(`${path}/capacity-releases/r-5000/harvests`, {
        harvest: 'cash-release',
        quantity: 500,
        rationale: 'ward closed',
        source,
      })
      .expect(201);
    // and £999,000,000.00 of cash from a harvest of 500 bed-days (worth £150,000.00 at £300.00 a bed-day)
    await refused(
      () =>
        as.communityFinance.post(`${path}/capacity-releases/r-5000/cash-releases`, {
          amountPence: 99_900_000_000,
          budgetLine: 'ward 3',
          source,
        }),
      'cash-exceeds-harvest-value',
      'amountPence',
      ["500 bed-days of 'b-5000' (validated £1,500,000.00 for 5000 bed-days) is worth at most £150,000.00"],
    );
  });

  it('refuses a release against a capacity benefit that is only claimed', async () => {
    await as.acute.post(`${path}/benefits`, benefitBody({ benefitId: 'b-open' })).expect(201);
    await refused(
      () =>
        as.acute.post(`${path}/capacity-releases`, releaseBody({ releaseId: 'r-open', benefitId: 'b-open', source })),
      'release-needs-validated-benefit',
      undefined,
      ["needs the capacity benefit 'b-open' validated by finance; it is claimed"],
    );
  });

  it('refuses cash beyond the cash-release harvest at its validated unit value, and takes it up to the penny', async () => {
    await as.community
      .post(`${release}/harvests`, { harvest: 'cash-release', quantity: 40.5, rationale: 'ward closed', source })
      .expect(201);
    // 40.5 bed-days at £300.00 = £12,150.00
    await refused(
      () =>
        as.communityFinance.post(`${release}/cash-releases`, { amountPence: 1_215_001, budgetLine: 'ward 3', source }),
      'cash-exceeds-harvest-value',
      'amountPence',
    );
    await as.communityFinance
      .post(`${release}/cash-releases`, { amountPence: 1_000_000, budgetLine: 'ward 3', source })
      .expect(201);
    await refused(
      () =>
        as.communityFinance.post(`${release}/cash-releases`, { amountPence: 215_001, budgetLine: 'ward 3', source }),
      'cash-exceeds-harvest-value',
      'amountPence',
      ['already released £10,000.00'],
    );
    await as.communityFinance
      .post(`${release}/cash-releases`, { amountPence: 215_000, budgetLine: 'ward 3', source })
      .expect(201);
  });

  it('refuses a reinvestment recording more than its quantity is worth at the validated unit value', async () => {
    await as.community
      .post(`${release}/harvests`, { harvest: 'reinvest', quantity: 30, rationale: 'electives', source })
      .expect(201);
    const into = { description: 'electives', organisationId: ACUTE };
    await refused(
      () => as.community.post(`${release}/reinvestments`, { quantity: 10, into, valuePence: 300_001, source }),
      'reinvestment-value-exceeds-validated',
      'valuePence',
    );
    await as.community
      .post(`${release}/reinvestments`, { quantity: 10, into, valuePence: 300_000, source })
      .expect(201);
    await as.community.post(`${release}/reinvestments`, { quantity: 10, into, source }).expect(201);
  });

  it('validates less than the claimed quantity when finance says so, never more, and bounds releases by it', async () => {
    await as.acute.post(`${path}/benefits`, benefitBody({ benefitId: 'b-part' })).expect(201);
    await refused(
      () =>
        as.communityFinance.post(`${path}/benefits/b-part/validation`, {
          validatedValuePence: 2_400_000,
          validatedQuantity: 100.01,
          note: 'x',
          source,
        }),
      'validated-quantity-exceeds-claim',
      'validatedQuantity',
    );
    await as.communityFinance
      .post(`${path}/benefits/b-part/validation`, {
        validatedValuePence: 2_400_000,
        validatedQuantity: 80,
        note: 'only 80 evidenced',
        source,
      })
      .expect(201);
    await refused(
      () =>
        as.acute.post(
          `${path}/capacity-releases`,
          releaseBody({ releaseId: 'r-part', benefitId: 'b-part', quantity: 80.01, source }),
        ),
      'release-exceeds-validated-quantity',
      'quantity',
    );
    const state = await as.auditor.get(path).expect(200);
    expect(state.body.benefits.find((b: { benefitId: string }) => b.benefitId === 'b-part')).toMatchObject({
      status: 'validated',
      validatedValuePence: 2_400_000,
      quantity: { value: 100, unit: 'bed-days' },
      validatedQuantity: 80,
    });
  });
});
