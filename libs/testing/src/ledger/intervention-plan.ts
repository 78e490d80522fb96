import { Actor, InterventionCommand, interventionStreamId, partnershipStreamId } from '@benefit-ledger/domain';
import { Prng } from '../prng';
import { contributor, finance, partnershipLead } from './actors';
import { firstDay, fyOfMonth, lastDayBefore, round2, source } from './calendar';
import { ClaimContext, planClaim } from './claim-plan';
import { Org } from './organisations';
import { Step, World, byMonth, within } from './plan-types';
import { COST_CATEGORIES, COST_SOURCES, MEASURE_SOURCES, METHODS, PRIORITIES, THEMES } from './themes';

export interface InterventionPlan {
  startMonth: number;
  steps: Step[];
}

/** Everything one intervention will do, month by month (steps beyond the simulated period are cut off). */
export function planIntervention(world: World, seed: string, index: number): InterventionPlan {
  const rng = new Prng(seed, 'intervention', index);
  const startMonth = rng.int(0, 50);
  const system = rng.pick(world.systems);
  const leadPool = rng.weighted<Org[]>([
    [system.acute, 35],
    [system.community, 15],
    [system.mentalHealth, 10],
    [system.ambulance, 5],
    [system.gp, 25],
    [system.localAuthority, 10],
  ]);
  const leadOrg = rng.pick(leadPool);
  const lead = leadOrg.organisationId;
  const theme = rng.pick(THEMES);
  const interventionId = `${theme.slug}-${String(index + 1).padStart(6, '0')}`;
  const streamId = interventionStreamId(interventionId);
  const years = rng.weighted<number>([
    [1, 40],
    [2, 35],
    [3, 25],
  ]);
  const staff = rng.int(1, 3);
  const leadActor = contributor(lead, staff);

  const steps: Step[] = [];
  const step = (month: number, command: InterventionCommand, actor: Actor = leadActor) =>
    steps.push({ month, streamId, stream: 'intervention', actor, command });
  const decision = (
    month: number,
    decision: 'approve' | 'start' | 'scale' | 'spread' | 'pause' | 'stop' | 'close',
    rationale: string,
  ) => step(month, { type: 'RecordDecision', decision, rationale, decidedOn: firstDay(month) });

  step(startMonth, {
    type: 'RegisterIntervention',
    interventionId,
    title: `${theme.title}, ${leadOrg.name}`,
    leadOrganisationId: lead,
    pathway: theme.pathway,
    method: rng.pick(METHODS),
    lenses: { economic: true, social: rng.chance(0.6), strategic: rng.chance(0.5) },
    strategicPriorities: rng.sample(PRIORITIES, rng.int(1, 3)),
  });
  decision(
    startMonth,
    'approve',
    rng.pick([
      'Business case approved by the improvement board',
      'Approved at the system transformation group',
      'Clinical lead sign-off',
    ]),
  );
  decision(
    startMonth + 1,
    'start',
    rng.pick(['Pilot on two wards', 'Live across the service', 'First cohort enrolled']),
  );

  let measurementN = 0;
  const measurement = (month: number, kind: 'baseline' | 'outcome', periodStart: string, periodEnd: string) => {
    const measurementId = `${interventionId}-m${++measurementN}`;
    step(month, {
      type: 'RecordMeasurement',
      measurementId,
      measure: theme.measure,
      unit: theme.unit,
      kind,
      value: round2(rng.between(1, 500)),
      periodStart,
      periodEnd,
      source: source(
        rng,
        month,
        rng.pick(MEASURE_SOURCES),
        `${theme.slug.toUpperCase().slice(0, 8)}-${kind}-${measurementN}`,
      ),
    });
    return measurementId;
  };
  const baselines = Array.from({ length: rng.int(1, 2) }, () =>
    measurement(startMonth + 1, 'baseline', firstDay(startMonth - 12), lastDayBefore(startMonth)),
  );

  // Who pays: the lead, and up to two others (the ICB, an industry partner, another provider, the council).
  const others = rng.sample<Org>(
    [
      system.icb,
      system.icb,
      rng.pick(world.industry),
      rng.pick([...system.acute, ...system.community, ...system.mentalHealth]),
      rng.pick(system.localAuthority),
    ].filter((o) => o.organisationId !== lead),
    rng.weighted<number>([
      [0, 35],
      [1, 45],
      [2, 20],
    ]),
  );
  const bearers = [lead, ...new Set(others.map((o) => o.organisationId))];
  const claimMonths = Array.from({ length: years }, (_, y) => startMonth + 12 * y + rng.int(9, 13));
  const costCount = Math.max(bearers.length, rng.int(2, 4));
  const costMonths: number[] = [];
  for (let c = 0; c < costCount; c++) costMonths.push(c === 0 ? startMonth + 1 : claimMonths[rng.int(0, years - 1)]);
  costMonths.sort((a, b) => a - b);
  const costs = costMonths.map((month, c) => ({ month, bearer: c < bearers.length ? bearers[c] : rng.pick(bearers) }));

  // Scale or spread while active, before the first claims.
  if (rng.chance(0.3))
    decision(
      rng.int(startMonth + 2, claimMonths[0] - 1),
      rng.pick(['scale', 'spread'] as const),
      'Extend to further wards and sites',
    );

  const landingPool = [
    ...system.acute,
    ...system.acute,
    ...system.community,
    ...system.mentalHealth,
    ...system.gp.slice(0, 6),
    ...system.localAuthority,
    system.icb,
    system.icb,
    system.ambulance[0],
  ];
  const benefitCount = rng.int(3, 6);
  const benefitYears = Array.from({ length: benefitCount }, (_, b) => (b === 0 ? 0 : rng.int(0, years - 1))).sort(
    (a, b) => a - b,
  );
  const claims: ClaimContext = {
    rng,
    world,
    system,
    theme,
    interventionId,
    streamId,
    lead,
    leadActor,
    landingPool,
    baselines,
    step,
    counts: { benefits: 0, capacity: 0 },
  };
  // Nothing new is recorded once closed: the close comes after the last claims, costs and their decisions.
  let lastDecisionMonth = claimMonths[years - 1] + 1;
  for (let year = 0; year < years; year++) {
    const claimMonth = claimMonths[year];
    const outcome = measurement(claimMonth, 'outcome', firstDay(startMonth + 12 * year), lastDayBefore(claimMonth));
    const claimsThisYear = benefitYears.filter((by) => by === year).length;
    const validationMonth = claimMonth + rng.int(1, 3);
    const revisions: Step[] = [];
    const decisions: Step[] = [];
    const capacitySteps: Step[] = [];
    for (let claimIndex = 0; claimIndex < claimsThisYear; claimIndex++) {
      const round = { claimMonth, outcome, validationMonth, revisions, decisions, capacitySteps };
      lastDecisionMonth = Math.max(lastDecisionMonth, planClaim(claims, round));
    }
    // Costs come with the start and with each year's finance extract (the claim month).
    if (year === 0) for (const cost of costs.filter((x) => x.month === startMonth + 1)) pushCost(cost, startMonth + 1);
    for (const cost of costs.filter((x) => x.month === claimMonth)) pushCost(cost, claimMonth);
    steps.push(...revisions, ...decisions, ...capacitySteps);
  }

  function pushCost(cost: { month: number; bearer: string }, month: number) {
    step(
      month,
      {
        type: 'RecordCost',
        costId: `${interventionId}-c${steps.filter((x) => x.command.type === 'RecordCost').length + 1}`,
        costType: rng.chance(0.7) ? 'direct' : 'indirect',
        category: rng.pick(COST_CATEGORIES),
        amountPence: rng.pence(500_000, 50_000_000),
        financialYear: fyOfMonth(month),
        bearerOrganisationId: cost.bearer,
        source: source(rng, month, rng.pick(COST_SOURCES), `GL ${rng.int(4000, 4999)} ${interventionId.slice(-6)}`),
      },
      rng.chance(0.3) ? finance(lead) : leadActor,
    );
  }

  // Pause and restart, then stop and/or close once the last claims are decided (or stay active).
  if (years >= 2 && rng.chance(0.1)) {
    decision(claimMonths[0], 'pause', 'Paused over winter pressures');
    decision(claimMonths[0] + 1, 'start', 'Restarted after winter');
  }
  const ending = rng.next();
  if (ending < 0.1) {
    decision(lastDecisionMonth, 'stop', 'Stopped: benefits did not justify continuing');
    decision(lastDecisionMonth + rng.int(1, 3), 'close', 'Closed after evaluation');
  } else if (ending < 0.65) {
    decision(lastDecisionMonth, 'close', 'Closed: mainstreamed into business as usual');
  }

  // Enrolled in a partnership its lead is a founding member of.
  const partnership = world.partnershipOf.get(lead);
  if (partnership && rng.chance(0.5)) {
    // In a later batch than both the intervention's registration and the partnership's formation.
    const nextBatch = (m: number) => (Math.floor(m / world.batchMonths) + 1) * world.batchMonths;
    steps.push({
      month: Math.max(startMonth + 1, nextBatch(startMonth), nextBatch(partnership.formedMonth)),
      streamId: partnershipStreamId(partnership.partnershipId),
      stream: 'partnership',
      actor: partnershipLead(partnership.lead.organisationId),
      command: {
        type: 'EnrolIntervention',
        interventionId,
        attributionBasisPoints: rng.pick([10_000, 10_000, 7_500, 5_000, 2_500]),
      },
    });
  }
  return { startMonth, steps: within(byMonth(steps)) };
}
