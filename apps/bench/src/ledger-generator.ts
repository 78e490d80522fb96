/**
 * A realistic ledger of N events for the read-model benchmark, written THROUGH THE STORE PORT
 * (SqliteEventStore.append), so every event has its real hash chain and appender metadata.
 *
 * Every event is produced by the domain's own deciders (decide, then evolve) from generated commands, so the
 * event data has exactly the domain's shapes and every domain rule holds (life cycle, validation <= claim,
 * harvested <= released, reinvested <= harvested for reinvestment, cash only from a cash-release harvest,
 * shares summing to 10000, ...). A rule broken by the generator throws, naming the command.
 *
 * Shape: 200 organisations in four integrated care systems (each with its ICB as `system`) plus industry and
 * improvement partners; then tens of thousands of interventions starting between 2019-04 and 2023-06, each
 * registered, approved and started, with 2-4 costs borne by 1-3 organisations, baseline and outcome
 * measurements, 3-6 benefit claims of several types over 1-3 years landing at various organisations (often not
 * the lead), most validated (some trimmed), some rejected, some revised, some left pending; capacity benefits
 * released, harvested as cash / for reinvestment / left unharvested, with cash released and reinvestments;
 * scale, spread, pause, stop and close decisions. Twelve partnerships form, agree attribution shares (some a
 * second version after a member joins), enrol interventions their members lead and record programme costs.
 *
 * Time: the simulation runs month by month from 2019-04 to 2024-03 (financial years 2019/20 .. 2023/24).
 * Each stream posts a batch of months (default a quarter: a quarterly return) as one append, in the month of
 * the batch's last command: ~3 appends per intervention instead of ~20 fsync'd single-event appends. A month's
 * appends are shuffled across streams, and every event gets a recordedAt inside its month that increases
 * strictly with its log position, as a server clock would. So an `asAt` in the middle of the log is a real
 * point in the ledger's history, and no business date in an event is later than its recordedAt.
 *
 * Reproducible: every choice comes from a seeded PRNG (per intervention, per partnership, and one for the
 * log), event ids and correlation ids included. The same seed and size give the same log, byte for byte.
 */
import { EventToAppend, SqliteEventStore } from '@benefit-ledger/event-store';
import {
  Actor,
  BENEFIT_TYPES,
  BenefitType,
  Decider,
  DomainEvent,
  InterventionCommand,
  Lens,
  OrganisationCommand,
  OrganisationType,
  PartnershipCommand,
  PartnershipMember,
  Quantity,
  Valuation,
  financialYearOf,
  interventionDecider,
  interventionStreamId,
  organisationDecider,
  organisationStreamId,
  partnershipDecider,
  partnershipStreamId,
  toHundredths,
  valueOfQuantity,
} from '@benefit-ledger/domain';
import { Prng } from './prng';

/** Months simulated: 2019-04 (month 0) to 2024-03 (month 59). Steps planned later are not recorded (still ongoing). */
export const LEDGER_MONTHS = 60;
const SCHEMA_VERSION = 1;
const DAY_MS = 86_400_000;

const monthStart = (m: number) => Date.UTC(2019, 3 + m, 1);
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const fyOfMonth = (m: number) => financialYearOf(isoDate(monthStart(m)));
const firstDay = (m: number) => isoDate(monthStart(m));
const lastDayBefore = (m: number) => isoDate(monthStart(m) - DAY_MS);

// ---------------------------------------------------------------------------------------------- organisations

interface Org {
  organisationId: string;
  name: string;
  type: OrganisationType;
  system: string | null;
}

interface System {
  icb: Org;
  acute: Org[];
  community: Org[];
  mentalHealth: Org[];
  ambulance: Org[];
  gp: Org[];
  localAuthority: Org[];
  other: Org[];
}

interface PartnershipPlan {
  partnershipId: string;
  lead: Org;
  members: PartnershipMember[];
  formedMonth: number;
  steps: Step[];
}

interface World {
  organisations: Org[];
  systems: System[];
  industry: Org[];
  improvement: Org[];
  charities: Org[];
  partnerships: PartnershipPlan[];
  /** The first partnership each organisation was a founding member of. */
  partnershipOf: Map<string, PartnershipPlan>;
  /** Months whose commands one stream posts in one append (1: monthly, 3: quarterly). */
  batchMonths: number;
}

const SYSTEM_PLACES = [
  {
    slug: 'west-riding',
    place: 'West Riding',
    towns: [
      'Riverside',
      'Northgate',
      'Calder',
      'Millbrook',
      'Ashworth',
      'Kirkby',
      'Hollins',
      'Dene',
      'Brackley',
      'Thornfield',
      'Oakmoor',
      'Wharfe',
    ],
  },
  {
    slug: 'humber-coast',
    place: 'Humber and Coast',
    towns: [
      'Seacroft',
      'Hessle',
      'Marston',
      'Eastholme',
      'Saltby',
      'Wold',
      'Fenwick',
      'Brigg',
      'Carrow',
      'Ouseby',
      'Patrington',
      'Skelby',
    ],
  },
  {
    slug: 'pennine-lakes',
    place: 'Pennine Lakes',
    towns: [
      'Kendlow',
      'Grasby',
      'Fellside',
      'Appleby',
      'Sedber',
      'Ullswick',
      'Coniston',
      'Langdale',
      'Shapley',
      'Eden',
      'Keswold',
      'Burnmoor',
    ],
  },
  {
    slug: 'severn-vale',
    place: 'Severn Vale',
    towns: [
      'Tewby',
      'Ledmore',
      'Malvern',
      'Stroudley',
      'Avonbury',
      'Bredon',
      'Cotswick',
      'Dursley',
      'Frome',
      'Hereton',
      'Kington',
      'Wyre',
    ],
  },
];

/** 200 organisations: per system 1 ICB, 4 acute, 2 community, 2 mental-health, 1 ambulance, 30 GP practices, 4 councils, 1 hospice; plus partners. */
function organisations(): {
  organisations: Org[];
  systems: System[];
  industry: Org[];
  improvement: Org[];
  charities: Org[];
} {
  const all: Org[] = [];
  const org = (organisationId: string, name: string, type: OrganisationType, system: string | null): Org => {
    const o = { organisationId, name, type, system };
    all.push(o);
    return o;
  };
  const systems = SYSTEM_PLACES.map(({ slug, place, towns }) => {
    const icbId = `${slug}-icb`;
    const icb = org(icbId, `${place} Integrated Care Board`, 'icb', icbId);
    const town = (k: number) => towns[k % towns.length];
    const many = (n: number, make: (k: number) => Org) => Array.from({ length: n }, (_, k) => make(k));
    return {
      icb,
      acute: many(4, (k) =>
        org(
          `${slug}-acute-${k + 1}`,
          `${town(k)} ${k === 0 ? 'Teaching ' : ''}Hospitals NHS Trust`,
          'acute-trust',
          icbId,
        ),
      ),
      community: many(2, (k) =>
        org(`${slug}-community-${k + 1}`, `${town(k + 4)} Community Health NHS Trust`, 'community-trust', icbId),
      ),
      mentalHealth: many(2, (k) =>
        org(
          `${slug}-mental-health-${k + 1}`,
          `${town(k + 6)} Mental Health NHS Foundation Trust`,
          'mental-health-trust',
          icbId,
        ),
      ),
      ambulance: many(1, () =>
        org(`${slug}-ambulance`, `${place} Ambulance Service NHS Trust`, 'ambulance-trust', icbId),
      ),
      gp: many(30, (k) =>
        org(
          `${slug}-gp-${String(k + 1).padStart(2, '0')}`,
          `${town(k)} ${['Medical Practice', 'Surgery', 'Health Centre'][k % 3]} ${Math.floor(k / towns.length) + 1}`,
          'gp-practice',
          icbId,
        ),
      ),
      localAuthority: many(4, (k) =>
        org(
          `${slug}-council-${k + 1}`,
          `${town(k + 8)} ${k === 0 ? 'City' : 'District'} Council`,
          'local-authority',
          icbId,
        ),
      ),
      other: many(1, () => org(`${slug}-hospice`, `${place} Hospice`, 'other', icbId)),
    };
  });
  const industry = Array.from({ length: 10 }, (_, k) =>
    org(
      `industry-${k + 1}`,
      `${['Flowline', 'Medisched', 'CareGrid', 'Wardview', 'Theatrix', 'Rosterly', 'Pharmalink', 'Vitalware', 'Bedwise', 'Clinicore'][k]} Ltd`,
      'industry-partner',
      null,
    ),
  );
  const improvement = Array.from({ length: 6 }, (_, k) =>
    org(
      `improvement-${k + 1}`,
      `${['Lean Care', 'Quality Improvement', 'Flow Coaching', 'Better Pathways', 'Safer Care', 'Co-design'][k]} Institute`,
      'improvement-partner',
      null,
    ),
  );
  const charities = Array.from({ length: 4 }, (_, k) =>
    org(
      `charity-${k + 1}`,
      `${['Carers Together', 'Age Well', 'Mind the Gap', 'Healthy Homes'][k]} Trust`,
      'other',
      null,
    ),
  );
  return { organisations: all, systems, industry, improvement, charities };
}

// ---------------------------------------------------------------------------------------------- plans

interface Step {
  month: number;
  streamId: string;
  stream: 'intervention' | 'partnership';
  actor: Actor;
  command: InterventionCommand | PartnershipCommand;
}

const contributor = (org: string, n = 1): Actor => ({
  userId: `improvement.lead${n > 1 ? n : ''}@${org}`,
  organisationId: org,
  role: 'contributor',
});
const finance = (org: string, n = 1): Actor => ({
  userId: `finance.validator${n > 1 ? n : ''}@${org}`,
  organisationId: org,
  role: 'finance',
});
const partnershipLead = (org: string): Actor => ({
  userId: `partnership.lead@${org}`,
  organisationId: org,
  role: 'partnership-lead',
});
const admin = (org: string): Actor => ({ userId: `admin@${org}`, organisationId: org, role: 'admin' });

const round2 = (x: number) => Math.round(x * 100) / 100;

function source(rng: Prng, month: number, system: string, reference: string) {
  return { system, reference, extractedOn: isoDate(monthStart(month) - rng.int(1, 25) * DAY_MS) };
}

/** A source that draws nothing from the generator (so adding one leaves every other generated figure as it was). */
const fixedSource = (system: string, reference: string) => ({ system, reference });

function splitBasisPoints(rng: Prng, count: number): number[] {
  const weights = Array.from({ length: count }, () => rng.between(1, 4));
  const sum = weights.reduce((a, b) => a + b, 0);
  const shares = weights.map((w) => Math.floor((10_000 * w) / sum));
  shares[0] += 10_000 - shares.reduce((a, b) => a + b, 0);
  return shares;
}

function planPartnerships(seed: string, systems: System[], improvement: Org[], industry: Org[]): PartnershipPlan[] {
  const plans: PartnershipPlan[] = [];
  systems.forEach((system, s) => {
    const rng = new Prng(seed, 'partnership-leads', s);
    const leads = rng.sample([...system.acute, ...system.community], 3);
    leads.forEach((lead, j) => {
      const k = plans.length;
      const r = new Prng(seed, 'partnership', k);
      const partnershipId = `${lead.organisationId}-improvement-partnership-${j + 1}`;
      const partner = improvement[k % improvement.length];
      const extras = r.sample(
        [...system.gp, ...system.localAuthority, ...system.mentalHealth, system.other[0]],
        r.int(0, 2),
      );
      const members: PartnershipMember[] = [
        { organisationId: lead.organisationId, role: 'lead' },
        { organisationId: partner.organisationId, role: 'partner' },
        { organisationId: system.icb.organisationId, role: 'member' },
        ...extras.map((o): PartnershipMember => ({ organisationId: o.organisationId, role: 'member' })),
      ];
      const f = r.int(0, 18);
      const streamId = partnershipStreamId(partnershipId);
      const actor = partnershipLead(lead.organisationId);
      const steps: Step[] = [];
      const step = (month: number, command: PartnershipCommand) =>
        steps.push({ month, streamId, stream: 'partnership', actor, command });
      const agreement = (month: number, memberIds: string[]) => {
        const shares = splitBasisPoints(r, memberIds.length);
        step(month, {
          type: 'SetAttributionAgreement',
          effectiveFrom: fyOfMonth(month),
          shares: memberIds.map((organisationId, i) => ({ organisationId, basisPoints: shares[i] })),
          benefitTypes: r.sample(BENEFIT_TYPES, r.int(3, 6)),
        });
      };
      step(f, {
        type: 'FormPartnership',
        partnershipId,
        name: `${lead.name.replace(/ NHS.*$/, '')}–${partner.name} improvement partnership`,
        members,
      });
      agreement(
        f,
        members.map((m) => m.organisationId),
      );
      if (r.chance(0.4)) {
        const j2 = f + r.int(12, 24);
        const joiner = r.pick(industry);
        step(j2, { type: 'JoinMember', organisationId: joiner.organisationId, role: 'partner' });
        agreement(j2, [...members.map((m) => m.organisationId), joiner.organisationId]);
      }
      for (let year = 0; year < LEDGER_MONTHS / 12; year++) {
        if (year * 12 + 11 < f) continue;
        const count = r.int(1, 2);
        for (let c = 0; c < count; c++) {
          const month = Math.max(f, year * 12 + r.int(2, 11));
          const bearer = r.pick(members).organisationId;
          // the first cost of a year direct, any second indirect: no draw from the generator, so the rest is as it was
          step(month, {
            type: 'RecordPartnershipCost',
            costId: `${partnershipId}-cost-${year}-${c + 1}`,
            costType: c === 0 ? 'direct' : 'indirect',
            category: r.pick([
              'improvement coaching and training',
              'programme contribution',
              'faculty time',
              'measurement and evaluation',
            ]),
            amountPence: r.pence(200_000, 5_000_000),
            financialYear: fyOfMonth(year * 12 + 6),
            bearerOrganisationId: bearer,
            source: source(r, month, 'ledger', `GL ${r.int(4400, 4499)} partnership programme ${year + 2019}`),
          });
        }
      }
      plans.push({ partnershipId, lead, members, formedMonth: f, steps: byMonth(steps) });
    });
  });
  return plans;
}

/** Stable sort by month: within a month, the order the plan made them (dependencies first). */
function byMonth(steps: Step[]): Step[] {
  return steps
    .map((s, i) => ({ s, i }))
    .sort((a, b) => a.s.month - b.s.month || a.i - b.i)
    .map((x) => x.s);
}

const within = (steps: Step[]) => steps.filter((s) => s.month < LEDGER_MONTHS);

export function buildWorld(seed: string, batchMonths: number): World {
  const base = organisations();
  const partnerships = planPartnerships(seed, base.systems, base.improvement, base.industry);
  const partnershipOf = new Map<string, PartnershipPlan>();
  for (const p of partnerships)
    for (const m of p.members) if (!partnershipOf.has(m.organisationId)) partnershipOf.set(m.organisationId, p);
  return { ...base, partnerships, partnershipOf, batchMonths };
}

interface Theme {
  slug: string;
  title: string;
  pathway: string;
  measure: string;
  unit: string;
  resource: string;
  unitPence: [number, number];
  quantity: [number, number];
}

const THEMES: Theme[] = [
  {
    slug: 'frailty-discharge-to-assess',
    title: 'Frailty discharge to assess',
    pathway: 'frailty',
    measure: 'mean length of stay, frailty',
    unit: 'days',
    resource: 'bed-days',
    unitPence: [30_000, 45_000],
    quantity: [50, 2500],
  },
  {
    slug: 'virtual-ward-respiratory',
    title: 'Virtual ward for respiratory patients',
    pathway: 'respiratory',
    measure: 'occupied bed-days, respiratory',
    unit: 'bed-days',
    resource: 'bed-days',
    unitPence: [30_000, 45_000],
    quantity: [50, 2000],
  },
  {
    slug: 'theatre-scheduling',
    title: 'Theatre scheduling and session utilisation',
    pathway: 'elective surgery',
    measure: 'theatre session utilisation',
    unit: '%',
    resource: 'theatre-sessions',
    unitPence: [500_000, 800_000],
    quantity: [10, 150],
  },
  {
    slug: 'patient-initiated-follow-up',
    title: 'Patient-initiated follow-up',
    pathway: 'outpatients',
    measure: 'follow-up appointments per new',
    unit: 'ratio',
    resource: 'outpatient-appointments',
    unitPence: [12_000, 20_000],
    quantity: [200, 6000],
  },
  {
    slug: 'structured-medication-review',
    title: 'Structured medication reviews for polypharmacy',
    pathway: 'medicines optimisation',
    measure: 'emergency admissions, 10+ medicines',
    unit: 'admissions',
    resource: 'clinic-hours',
    unitPence: [6_000, 12_000],
    quantity: [100, 5000],
  },
  {
    slug: 'community-falls-prevention',
    title: 'Community falls prevention',
    pathway: 'falls',
    measure: 'ambulance conveyances after a fall',
    unit: 'conveyances',
    resource: 'conveyances',
    unitPence: [25_000, 40_000],
    quantity: [20, 800],
  },
  {
    slug: 'mental-health-crisis-cafe',
    title: 'Mental health crisis café',
    pathway: 'mental health crisis',
    measure: 'ED attendances in crisis',
    unit: 'attendances',
    resource: 'bed-days',
    unitPence: [30_000, 45_000],
    quantity: [30, 900],
  },
  {
    slug: 'diabetes-education',
    title: 'Structured diabetes education',
    pathway: 'diabetes',
    measure: 'HbA1c above target',
    unit: 'patients',
    resource: 'clinic-hours',
    unitPence: [6_000, 12_000],
    quantity: [100, 3000],
  },
  {
    slug: 'sepsis-bundle',
    title: 'Sepsis six bundle on admission',
    pathway: 'acute medicine',
    measure: 'sepsis length of stay',
    unit: 'days',
    resource: 'bed-days',
    unitPence: [30_000, 45_000],
    quantity: [50, 1500],
  },
  {
    slug: 'e-rostering',
    title: 'E-rostering and bank staff',
    pathway: 'workforce',
    measure: 'agency hours per month',
    unit: 'hours',
    resource: 'clinical-hours',
    unitPence: [3_500, 6_000],
    quantity: [200, 8000],
  },
  {
    slug: 'anaesthetic-gas-reduction',
    title: 'Anaesthetic gas reduction',
    pathway: 'sustainability',
    measure: 'desflurane use',
    unit: 'litres',
    resource: 'theatre-sessions',
    unitPence: [500_000, 800_000],
    quantity: [5, 60],
  },
  {
    slug: 'same-day-discharge-lounge',
    title: 'Same-day discharge lounge',
    pathway: 'patient flow',
    measure: 'discharges before noon',
    unit: '%',
    resource: 'bed-days',
    unitPence: [30_000, 45_000],
    quantity: [50, 2500],
  },
];

const METHODS = [
  'Lean (rapid improvement events)',
  'Model for Improvement (PDSA)',
  'Six Sigma DMAIC',
  'Experience-based co-design',
  'Scheduling software with Lean huddles',
  null,
];
const PRIORITIES = [
  'urgent and emergency care flow',
  'home first',
  'elective recovery',
  'prevention',
  'reducing avoidable admissions',
  'workforce retention',
  'net zero',
  'health inequalities',
];
const COST_CATEGORIES = [
  'improvement team',
  'staff time',
  'backfill',
  'software and implementation',
  'training',
  'programme funding',
  'equipment',
  'evaluation',
];
const COST_SOURCES = ['ledger', 'e-rostering', 'payroll', 'joint working agreement'];
const MEASURE_SOURCES = ['PAS', 'SUS', 'ECDS', 'e-rostering', 'Datix', 'ePACT2', 'theatre system'];
const BENEFIT_WEIGHTS: [BenefitType, number][] = [
  ['capacity', 18],
  ['cost-avoidance', 20],
  ['cash-releasing', 12],
  ['quality', 14],
  ['safety', 10],
  ['workforce', 12],
  ['environmental', 5],
  ['patient-experience', 9],
];
const LENS_OF: Record<BenefitType, Lens> = {
  capacity: 'economic',
  'cost-avoidance': 'economic',
  'cash-releasing': 'economic',
  quality: 'social',
  safety: 'social',
  workforce: 'social',
  environmental: 'strategic',
  'patient-experience': 'social',
};

interface BenefitShape {
  quantity: Quantity;
  valuation: Valuation;
  valuePence: number;
  description: string;
  unitPence: number | null;
}

function benefitShape(rng: Prng, type: BenefitType, theme: Theme): BenefitShape {
  const unitCost = (unit: string, q: number, unitPence: number, description: string): BenefitShape => ({
    quantity: { value: q, unit },
    valuation: { method: 'unit-cost', unitValuePence: unitPence },
    valuePence: valueOfQuantity({ value: q, unit }, unitPence),
    description,
    unitPence,
  });
  const lumpSum = (
    unit: string,
    q: number,
    method: 'actual' | 'proxy' | 'estimate',
    valuePence: number,
    description: string,
  ): BenefitShape => ({
    quantity: { value: q, unit },
    valuation: { method },
    valuePence,
    description,
    unitPence: null,
  });
  switch (type) {
    case 'capacity': {
      const q = rng.chance(0.3)
        ? round2(rng.between(theme.quantity[0], theme.quantity[1]))
        : rng.int(theme.quantity[0], theme.quantity[1]);
      return unitCost(theme.resource, q, rng.int(theme.unitPence[0], theme.unitPence[1]), `${theme.resource} released`);
    }
    case 'cost-avoidance':
      return unitCost('admissions', rng.int(5, 200), rng.int(200_000, 350_000), 'Avoided emergency admissions');
    case 'workforce':
      return unitCost('hours', rng.int(100, 5000), rng.int(3_000, 6_000), 'Fewer agency nursing hours');
    case 'environmental':
      return unitCost('tCO2e', round2(rng.between(5, 400)), rng.int(20_000, 30_000), 'Lower carbon emissions');
    case 'cash-releasing':
      return lumpSum(
        'year',
        1,
        'actual',
        rng.pence(500_000, 40_000_000),
        rng.pick(['Lower prescribing spend', 'Reduced agency spend', 'Contract saving', 'Fewer outsourced procedures']),
      );
    case 'quality':
      return lumpSum(
        'falls',
        rng.int(5, 60),
        rng.pick(['proxy', 'estimate'] as const),
        rng.pence(200_000, 8_000_000),
        'Fewer inpatient falls',
      );
    case 'safety':
      return lumpSum(
        'events',
        rng.int(3, 80),
        rng.pick(['proxy', 'estimate'] as const),
        rng.pence(200_000, 6_000_000),
        'Fewer adverse drug events',
      );
    case 'patient-experience':
      return lumpSum(
        'patients',
        rng.int(100, 5000),
        'estimate',
        rng.pence(100_000, 3_000_000),
        'Shorter waits to be seen',
      );
  }
}

export interface InterventionPlan {
  startMonth: number;
  steps: Step[];
}

/** Everything one intervention will do, month by month (steps beyond the simulated period are cut off). */
export function planIntervention(world: World, seed: string, i: number): InterventionPlan {
  const rng = new Prng(seed, 'intervention', i);
  const s = rng.int(0, 50);
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
  const interventionId = `${theme.slug}-${String(i + 1).padStart(6, '0')}`;
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
    d: 'approve' | 'start' | 'scale' | 'spread' | 'pause' | 'stop' | 'close',
    rationale: string,
  ) => step(month, { type: 'RecordDecision', decision: d, rationale, decidedOn: firstDay(month) });

  step(s, {
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
    s,
    'approve',
    rng.pick([
      'Business case approved by the improvement board',
      'Approved at the system transformation group',
      'Clinical lead sign-off',
    ]),
  );
  decision(s + 1, 'start', rng.pick(['Pilot on two wards', 'Live across the service', 'First cohort enrolled']));

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
    measurement(s + 1, 'baseline', firstDay(s - 12), lastDayBefore(s)),
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
  const claimMonths = Array.from({ length: years }, (_, y) => s + 12 * y + rng.int(9, 13));
  const costCount = Math.max(bearers.length, rng.int(2, 4));
  const costMonths: number[] = [];
  for (let c = 0; c < costCount; c++) costMonths.push(c === 0 ? s + 1 : claimMonths[rng.int(0, years - 1)]);
  costMonths.sort((a, b) => a - b);
  const costs = costMonths.map((month, c) => ({ month, bearer: c < bearers.length ? bearers[c] : rng.pick(bearers) }));

  // Scale or spread while active, before the first claims.
  if (rng.chance(0.3))
    decision(
      rng.int(s + 2, claimMonths[0] - 1),
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
  let benefitN = 0;
  let capacityBenefits = 0;
  // Nothing new is recorded once closed: the close comes after the last claims, costs and their decisions.
  let lastDecisionMonth = claimMonths[years - 1] + 1;
  for (let y = 0; y < years; y++) {
    const c = claimMonths[y];
    const outcome = measurement(c, 'outcome', firstDay(s + 12 * y), lastDayBefore(c));
    const claimsThisYear = benefitYears.filter((by) => by === y).length;
    const validationMonth = c + rng.int(1, 3);
    const revisions: Step[] = [];
    const decisions: Step[] = [];
    const capacitySteps: Step[] = [];
    for (let b = 0; b < claimsThisYear; b++) {
      let type = rng.weighted(BENEFIT_WEIGHTS);
      if (type === 'capacity' && capacityBenefits >= 2) type = 'cost-avoidance';
      if (type === 'capacity') capacityBenefits += 1;
      const benefitId = `${interventionId}-b${++benefitN}`;
      const shape = benefitShape(rng, type, theme);
      const landing = rng.chance(0.35)
        ? lead
        : rng.chance(0.95)
          ? rng.pick(landingPool).organisationId
          : rng.pick(rng.pick(world.systems).acute).organisationId;
      const fy = fyOfMonth(c - rng.int(2, 5));
      step(c, {
        type: 'ClaimBenefit',
        benefitId,
        benefitType: type,
        lens: rng.chance(0.1) ? rng.pick(['economic', 'social', 'strategic'] as const) : LENS_OF[type],
        description: shape.description,
        quantity: shape.quantity,
        valuation: shape.valuation,
        valuePence: shape.valuePence,
        recurrence: rng.chance(0.6) ? 'recurrent' : 'non-recurrent',
        financialYear: fy,
        landingOrganisationId: landing,
        evidence: rng.chance(0.7) ? [...rng.sample(baselines, 1), outcome] : [],
        source: source(rng, c, rng.pick(MEASURE_SOURCES), `${benefitId.slice(-12)}-claim`),
      });
      let claimed = shape.valuePence;
      let quantity = shape.quantity.value;
      let decisionMonth = validationMonth;
      if (rng.chance(0.06)) {
        quantity = round2(quantity * rng.between(0.8, 0.95)) || quantity;
        claimed =
          shape.unitPence !== null
            ? valueOfQuantity({ value: quantity, unit: shape.quantity.unit }, shape.unitPence)
            : Math.floor(claimed * rng.between(0.8, 0.95));
        revisions.push({
          month: c + 1,
          streamId,
          stream: 'intervention',
          actor: leadActor,
          command: {
            type: 'ReviseBenefit',
            benefitId,
            quantity: { value: quantity, unit: shape.quantity.unit },
            valuation: shape.valuation,
            valuePence: claimed,
            reason: 'Recounted against the final extract',
            source: source(rng, c + 1, rng.pick(MEASURE_SOURCES), `${benefitId.slice(-12)}-revision`),
          },
        });
        decisionMonth = Math.max(validationMonth, c + 2);
      }
      const validator = finance(rng.chance(0.5) ? lead : landing);
      const r = rng.next();
      if (r < 0.74) {
        const validated = rng.chance(0.65) ? claimed : Math.floor(claimed * rng.between(0.5, 0.99));
        decisions.push({
          month: decisionMonth,
          streamId,
          stream: 'intervention',
          actor: validator,
          command: {
            type: 'ValidateBenefit',
            benefitId,
            validatedValuePence: validated,
            note: rng.pick([
              'Reconciled to source system',
              'Trimmed to the matched cohort',
              'Agreed with the service finance lead',
              'Invoices checked',
            ]),
            source: fixedSource('ledger', `${benefitId.slice(-12)}-validation`),
          },
        });
        if (type === 'capacity')
          capacitySteps.push(
            ...planCapacity(
              rng,
              system,
              streamId,
              benefitId,
              shape.quantity.unit,
              quantity,
              validated,
              landing,
              fy,
              lead,
              decisionMonth,
            ),
          );
      } else if (r < 0.89) {
        decisions.push({
          month: decisionMonth,
          streamId,
          stream: 'intervention',
          actor: validator,
          command: {
            type: 'RejectBenefit',
            benefitId,
            reason: rng.pick([
              'No baseline: the change cannot be attributed',
              'Audit sample too small to value',
              'Double-counted with another scheme',
              'Not cash-releasing in year',
            ]),
          },
        });
      }
      lastDecisionMonth = Math.max(lastDecisionMonth, decisionMonth);
    }
    // Costs come with the start and with each year's finance extract (the claim month).
    if (y === 0) for (const cost of costs.filter((x) => x.month === s + 1)) pushCost(cost, s + 1);
    for (const cost of costs.filter((x) => x.month === c)) pushCost(cost, c);
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
      month: Math.max(s + 1, nextBatch(s), nextBatch(partnership.formedMonth)),
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
  return { startMonth: s, steps: within(byMonth(steps)) };
}

/**
 * Release validated capacity, then harvest it (cash, reinvest, unharvested), release cash and reinvest: the rules hold by construction
 * (cash and reinvestment values below the harvest's worth at the validated unit value, validatedPence ÷ quantity).
 */
function planCapacity(
  rng: Prng,
  system: System,
  streamId: string,
  benefitId: string,
  resource: string,
  quantity: number,
  validatedPence: number,
  landing: string,
  fy: string,
  lead: string,
  validatedMonth: number,
): Step[] {
  const steps: Step[] = [];
  // what h hundredths are worth at the validated unit value, times a share below 1: never over the limit
  const worth = (h: number, share: number) =>
    Math.floor(Number((BigInt(h) * BigInt(validatedPence)) / BigInt(toHundredths(quantity))) * share);
  const total = Math.max(1, Math.floor(toHundredths(quantity) * rng.between(0.5, 1)));
  const releases = total >= 2 && rng.chance(0.3) ? [Math.floor(total / 2), total - Math.floor(total / 2)] : [total];
  const landingActor = () => (rng.chance(0.5) ? finance(landing) : contributor(landing));
  releases.forEach((releasedH, k) => {
    const releaseId = `${benefitId}-r${k + 1}`;
    const releaseMonth = validatedMonth + 1;
    steps.push({
      month: releaseMonth,
      streamId,
      stream: 'intervention',
      actor: contributor(lead),
      command: {
        type: 'ReleaseCapacity',
        releaseId,
        benefitId,
        resource,
        quantity: releasedH / 100,
        landingOrganisationId: landing,
        financialYear: fy,
        source: fixedSource('bed management', `${releaseId.slice(-14)}-release`),
      },
    });
    let cash = rng.chance(0.5) ? rng.between(0.1, 0.6) : 0;
    let reinvest = rng.chance(0.6) ? rng.between(0.1, 0.6) : 0;
    let unharvested = rng.chance(0.4) ? rng.between(0.05, 0.3) : 0;
    const sum = cash + reinvest + unharvested;
    if (sum > 1) {
      cash /= sum;
      reinvest /= sum;
      unharvested /= sum;
    }
    const cashH = Math.floor(releasedH * cash);
    const reinvestH = Math.floor(releasedH * reinvest);
    const unharvestedH = Math.floor(releasedH * unharvested);
    const harvestMonth = releaseMonth + rng.int(1, 3);
    const harvest = (kind: 'cash-release' | 'reinvest' | 'unharvested', h: number, rationale: string) => {
      if (h > 0)
        steps.push({
          month: harvestMonth,
          streamId,
          stream: 'intervention',
          actor: landingActor(),
          command: {
            type: 'HarvestCapacity',
            releaseId,
            harvest: kind,
            quantity: h / 100,
            rationale,
            source: fixedSource('ledger', `${releaseId.slice(-14)}-${kind}`),
          },
        });
    };
    harvest('cash-release', cashH, 'Ward closed / sessions removed from the establishment');
    harvest('reinvest', reinvestH, 'Used for elective recovery');
    harvest('unharvested', unharvestedH, 'Absorbed by winter pressures');
    if (cashH > 0) {
      const amount = worth(cashH, rng.between(0.5, 0.9));
      const parts =
        rng.chance(0.3) && amount >= 2 ? [Math.floor(amount / 2), amount - Math.floor(amount / 2)] : [amount];
      for (const amountPence of parts.filter((p) => p > 0)) {
        steps.push({
          month: harvestMonth + rng.int(0, 2),
          streamId,
          stream: 'intervention',
          actor: finance(landing),
          command: {
            type: 'ReleaseCash',
            releaseId,
            amountPence,
            budgetLine: rng.pick([
              'Ward nursing establishment',
              'Theatre sessional budget',
              'Outpatient clinic budget',
              'Agency staffing line',
            ]),
            source: fixedSource('ledger', `${releaseId.slice(-14)}-virement`),
          },
        });
      }
    }
    if (reinvestH > 0) {
      const reinvestTotal = Math.floor(reinvestH * rng.between(0.7, 1));
      const parts =
        reinvestTotal >= 2 && rng.chance(0.4)
          ? [Math.floor(reinvestTotal / 2), reinvestTotal - Math.floor(reinvestTotal / 2)]
          : [reinvestTotal];
      for (const h of parts.filter((p) => p > 0)) {
        const into = rng.chance(0.7) ? landing : rng.pick([...system.acute, ...system.community]).organisationId;
        steps.push({
          month: harvestMonth + rng.int(0, 3),
          streamId,
          stream: 'intervention',
          actor: landingActor(),
          command: {
            type: 'ReinvestCapacity',
            releaseId,
            quantity: h / 100,
            into: {
              description: rng.pick([
                'Elective inpatient activity',
                'Waiting list sessions',
                'Same-day emergency care',
                'Community rehabilitation',
              ]),
              organisationId: into,
            },
            valuePence: rng.chance(0.7) ? worth(h, rng.between(0.8, 1)) : null,
            source: fixedSource('PAS', `${releaseId.slice(-14)}-activity`),
          },
        });
      }
    }
  });
  return steps;
}

// ---------------------------------------------------------------------------------------------- the log

export interface LedgerStats {
  seed: string;
  batchMonths: number;
  events: number;
  appends: number;
  streams: number;
  organisations: number;
  interventions: number;
  partnerships: number;
  byType: Record<string, number>;
  /** Sum of every BenefitValidated.validatedValuePence: the all-years validated total /system/flows must show. */
  validatedPence: number;
  firstRecordedAt: string;
  lastRecordedAt: string;
  seconds: number;
}

/** How many interventions make the log at least `targetEvents` long (plans are deterministic, so count them first). */
function interventionsFor(world: World, seed: string, targetEvents: number): { interventions: number; events: number } {
  let events = world.organisations.length + world.partnerships.reduce((n, p) => n + within(p.steps).length, 0);
  let i = 0;
  while (events < targetEvents) events += planIntervention(world, seed, i++).steps.length;
  return { interventions: i, events };
}

interface StreamModel {
  state: unknown;
  revision: number;
}
type AnyDecider = Decider<unknown, DomainEvent, unknown>;
const interventionDeciderAny = interventionDecider as unknown as AnyDecider;
const partnershipDeciderAny = partnershipDecider as unknown as AnyDecider;
const organisationDeciderAny = organisationDecider as unknown as AnyDecider;

/**
 * Writes the ledger into `file` (a fresh SQLite event store) through SqliteEventStore.append, month by month,
 * one append per stream per batch of months. Returns what it wrote.
 */
export async function generateLedger(
  file: string,
  options: { events: number; seed: string; batchMonths: number },
  progress: (message: string) => void,
): Promise<LedgerStats> {
  const { events: targetEvents, seed, batchMonths } = options;
  const started = process.hrtime.bigint();
  const world = buildWorld(seed, batchMonths);
  const { interventions, events: planned } = interventionsFor(world, seed, targetEvents);
  progress(
    `ledger: ${planned} events planned (${world.organisations.length} organisations, ${interventions} interventions, ${world.partnerships.length} partnerships), appending through the port`,
  );

  const startsByMonth: number[][] = Array.from({ length: LEDGER_MONTHS }, () => []);
  for (let i = 0; i < interventions; i++) startsByMonth[new Prng(seed, 'intervention', i).int(0, 50)].push(i);

  const store = new SqliteEventStore(file);
  const rng = new Prng(seed, 'log');
  const streams = new Map<string, StreamModel>();
  const model = (streamId: string, decider: AnyDecider) => {
    let m = streams.get(streamId);
    if (!m) streams.set(streamId, (m = { state: decider.initialState, revision: -1 }));
    return m;
  };
  const stats: LedgerStats = {
    seed,
    batchMonths,
    events: 0,
    appends: 0,
    streams: 0,
    organisations: world.organisations.length,
    interventions,
    partnerships: world.partnerships.length,
    byType: {},
    validatedPence: 0,
    firstRecordedAt: '',
    lastRecordedAt: '',
    seconds: 0,
  };
  const streamIds = new Set<string>();
  let active: { steps: Step[]; next: number }[] = [];
  const partnershipSteps = world.partnerships.map((p) => ({ steps: within(p.steps), next: 0 }));

  try {
    for (let month = 0; month < LEDGER_MONTHS; month++) {
      // Gather this month's commands, one group per stream.
      const groups = new Map<
        string,
        { streamId: string; decider: AnyDecider; steps: { actor: Actor; command: unknown }[] }
      >();
      const add = (streamId: string, decider: AnyDecider, actor: Actor, command: unknown) => {
        let g = groups.get(streamId);
        if (!g) groups.set(streamId, (g = { streamId, decider, steps: [] }));
        g.steps.push({ actor, command });
      };
      const organisationGroups: typeof groups = new Map();
      if (month === 0) {
        // Onboarding: every organisation in the first days, ICBs first (the others name them as their system).
        const ordered = [...world.organisations].sort((a, b) => Number(b.type === 'icb') - Number(a.type === 'icb'));
        for (const o of ordered) {
          const command: OrganisationCommand = {
            type: 'RegisterOrganisation',
            organisationId: o.organisationId,
            name: o.name,
            organisationType: o.type,
            system: o.system,
          };
          organisationGroups.set(organisationStreamId(o.organisationId), {
            streamId: organisationStreamId(o.organisationId),
            decider: organisationDeciderAny,
            steps: [{ actor: admin(o.system ?? world.systems[0].icb.organisationId), command }],
          });
        }
      }
      for (const i of startsByMonth[month]) active.push({ steps: planIntervention(world, seed, i).steps, next: 0 });
      // A stream posts its batch's commands in the month of the batch's last command, so every business date in
      // an append (decidedOn, periods, extractedOn) is on or before the append's recordedAt.
      const batch = Math.floor(month / batchMonths);
      for (const plan of [...active, ...partnershipSteps]) {
        let end = plan.next;
        while (end < plan.steps.length && Math.floor(plan.steps[end].month / batchMonths) === batch) end += 1;
        if (end === plan.next || plan.steps[end - 1].month !== month) continue;
        for (; plan.next < end; plan.next += 1) {
          const step = plan.steps[plan.next];
          add(
            step.streamId,
            step.stream === 'intervention' ? interventionDeciderAny : partnershipDeciderAny,
            step.actor,
            step.command,
          );
        }
      }
      const finished = active.filter((p) => p.next >= p.steps.length).map((p) => p.steps[0].streamId);
      active = active.filter((p) => p.next < p.steps.length);
      const ordered = [...organisationGroups.values(), ...rng.shuffle([...groups.values()])];

      // Decide every command with the domain's decider (so shapes and rules are the domain's), then timestamp.
      const appends: { streamId: string; m: StreamModel; events: EventToAppend[] }[] = [];
      for (const g of ordered) {
        const m = model(g.streamId, g.decider);
        const events: EventToAppend[] = [];
        for (const { actor, command } of g.steps) {
          let decided: DomainEvent[];
          try {
            decided = g.decider.decide(command, m.state);
          } catch (error) {
            throw new Error(
              `generator bug: ${g.streamId} refused ${JSON.stringify(command)}: ${(error as Error).message}`,
              { cause: error },
            );
          }
          const correlationId = rng.uuid();
          for (const event of decided) {
            m.state = g.decider.evolve(m.state, event);
            events.push({
              eventId: rng.uuid(),
              type: event.type,
              data: event.data as Record<string, unknown>,
              metadata: {
                recordedAt: '',
                actor: { userId: actor.userId, organisationId: actor.organisationId, role: actor.role },
                correlationId,
                causationId: correlationId,
                schemaVersion: SCHEMA_VERSION,
              },
            });
          }
        }
        appends.push({ streamId: g.streamId, m, events });
      }
      const count = appends.reduce((n, a) => n + a.events.length, 0);
      const from = monthStart(month);
      const span = monthStart(month + 1) - from;
      let j = 0;
      for (const a of appends) {
        for (const e of a.events) {
          e.metadata.recordedAt = new Date(from + Math.floor(((j + 1) * span) / (count + 1))).toISOString();
          j += 1;
          stats.byType[e.type] = (stats.byType[e.type] ?? 0) + 1;
          if (e.type === 'BenefitValidated')
            stats.validatedPence += (e.data as { validatedValuePence: number }).validatedValuePence;
        }
        await store.append(a.streamId, a.events, a.m.revision === -1 ? 'no_stream' : a.m.revision);
        a.m.revision += a.events.length;
        stats.appends += 1;
        stats.events += a.events.length;
        streamIds.add(a.streamId);
        if (!stats.firstRecordedAt) stats.firstRecordedAt = a.events[0].metadata.recordedAt;
        stats.lastRecordedAt = a.events[a.events.length - 1].metadata.recordedAt;
      }
      for (const streamId of finished) streams.delete(streamId); // done: free its state
      if (month % 6 === 5) {
        const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
        progress(
          `ledger: ${firstDay(month).slice(0, 7)} done, ${stats.events} events in ${stats.appends} appends, ${elapsed.toFixed(0)} s`,
        );
      }
    }
  } finally {
    await store.close();
  }
  if (stats.events !== planned) throw new Error(`generator bug: planned ${planned} events, wrote ${stats.events}`);
  stats.streams = streamIds.size;
  stats.seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return stats;
}
