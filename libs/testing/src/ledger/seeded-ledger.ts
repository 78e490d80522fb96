/**
 * A realistic ledger of about N events, every one produced by the domain's own deciders (decide, then evolve)
 * from generated commands, so the event data has exactly the domain's shapes and every domain rule holds (life
 * cycle, validation <= claim, harvested <= released, reinvested <= harvested for reinvestment, cash only from a
 * cash-release harvest, shares summing to 10000, ...). A rule broken by the generator throws, naming the command.
 *
 * Shape: 200 organisations in four integrated care systems (each with its ICB as `system`) plus industry and
 * improvement partners; then as many interventions as the size needs, starting between 2019-04 and 2023-06, each
 * registered, approved and started, with costs borne by 1-3 organisations, baseline and outcome measurements,
 * 3-6 benefit claims over 1-3 years landing at various organisations, most validated (some trimmed), some
 * rejected, revised or left pending; capacity released, harvested, cash released and reinvested; scale, spread,
 * pause, stop and close decisions. Twelve partnerships form, agree attribution shares, enrol interventions their
 * members lead and record programme costs.
 *
 * Time: month by month from 2019-04 to 2024-03. Each stream posts a batch of months (default a quarter) as one
 * append, in the month of the batch's last command. A month's appends are shuffled across streams, and every
 * event gets a recordedAt inside its month that increases strictly with its log position, as a server clock
 * would. So an `asAt` in the middle of the log is a real point in the ledger's history.
 *
 * Reproducible: every choice comes from a seeded PRNG (per intervention, per partnership, and one for the log),
 * event ids and correlation ids included. The same seed and size give the same log, byte for byte.
 */
import { EventToAppend } from '@benefit-ledger/event-store';
import {
  Actor,
  BASE_SCHEMA_VERSION,
  Decider,
  DomainEvent,
  OrganisationCommand,
  interventionDecider,
  organisationDecider,
  organisationStreamId,
  partnershipDecider,
} from '@benefit-ledger/domain';
import { Prng } from '../prng';
import { PlannedAppend, expectedFor } from '../workload/append-workload';
import { admin } from './actors';
import { LEDGER_MONTHS, firstDay, monthStart } from './calendar';
import { planIntervention } from './intervention-plan';
import { Step, World, within } from './plan-types';
import { buildWorld } from './world';

export interface SeededLedgerOptions {
  /** The log holds at least this many events (whole interventions are added until it does). */
  events: number;
  seed: string;
  /** Months whose commands one stream posts in one append (1: monthly, 3: quarterly). */
  batchMonths: number;
}

/** One simulated month's appends, in log order, each event decided, identified and timestamped. */
export interface LedgerMonth {
  month: number;
  /** `2019-04` for month 0. */
  label: string;
  appends: PlannedAppend[];
}

const SCHEMA_VERSION = BASE_SCHEMA_VERSION;

interface StreamModel {
  state: unknown;
  revision: number;
}
type AnyDecider = Decider<unknown, DomainEvent, unknown>;
const interventionDeciderAny = interventionDecider as unknown as AnyDecider;
const partnershipDeciderAny = partnershipDecider as unknown as AnyDecider;
const organisationDeciderAny = organisationDecider as unknown as AnyDecider;

interface CommandGroup {
  streamId: string;
  decider: AnyDecider;
  steps: { actor: Actor; command: unknown }[];
}

/** The plan of a seeded ledger: its world, how many interventions it takes, and its months of appends. */
export class SeededLedger {
  readonly world: World;
  readonly interventions: number;
  /** Exactly how many events `months()` yields (plans are deterministic, so they are counted first). */
  readonly plannedEvents: number;

  constructor(readonly options: SeededLedgerOptions) {
    this.world = buildWorld(options.seed, options.batchMonths);
    let events =
      this.world.organisations.length + this.world.partnerships.reduce((n, p) => n + within(p.steps).length, 0);
    let interventions = 0;
    while (events < options.events) events += planIntervention(this.world, options.seed, interventions++).steps.length;
    this.interventions = interventions;
    this.plannedEvents = events;
  }

  /** Every month's appends, in order; append each before asking for the next (revisions follow on). */
  *months(): Generator<LedgerMonth> {
    const { seed, batchMonths } = this.options;
    const world = this.world;
    const startsByMonth: number[][] = Array.from({ length: LEDGER_MONTHS }, () => []);
    for (let i = 0; i < this.interventions; i++) startsByMonth[new Prng(seed, 'intervention', i).int(0, 50)].push(i);
    const rng = new Prng(seed, 'log');
    const streams = new Map<string, StreamModel>();
    const model = (streamId: string, decider: AnyDecider) => {
      let model = streams.get(streamId);
      if (!model) streams.set(streamId, (model = { state: decider.initialState, revision: -1 }));
      return model;
    };
    let active: { steps: Step[]; next: number }[] = [];
    const partnershipSteps = world.partnerships.map((p) => ({ steps: within(p.steps), next: 0 }));

    for (let month = 0; month < LEDGER_MONTHS; month++) {
      // Gather this month's commands, one group per stream.
      const groups = new Map<string, CommandGroup>();
      const add = (streamId: string, decider: AnyDecider, actor: Actor, command: unknown) => {
        let group = groups.get(streamId);
        if (!group) groups.set(streamId, (group = { streamId, decider, steps: [] }));
        group.steps.push({ actor, command });
      };
      const organisationGroups = month === 0 ? onboarding(world) : [];
      for (const start of startsByMonth[month])
        active.push({ steps: planIntervention(world, seed, start).steps, next: 0 });
      // A stream posts its batch's commands in the month of the batch's last command, so every business date in
      // an append (decidedOn, periods, extractedOn) is on or before the append's recordedAt.
      const batch = Math.floor(month / batchMonths);
      for (const plan of [...active, ...partnershipSteps]) {
        let end = plan.next;
        while (end < plan.steps.length && Math.floor(plan.steps[end].month / batchMonths) === batch) end += 1;
        if (end === plan.next || plan.steps[end - 1].month !== month) continue;
        for (; plan.next < end; plan.next += 1) {
          const step = plan.steps[plan.next];
          const decider = step.stream === 'intervention' ? interventionDeciderAny : partnershipDeciderAny;
          add(step.streamId, decider, step.actor, step.command);
        }
      }
      const finished = active.filter((p) => p.next >= p.steps.length).map((p) => p.steps[0].streamId);
      active = active.filter((p) => p.next < p.steps.length);
      const ordered = [...organisationGroups, ...rng.shuffle([...groups.values()])];

      // Decide every command with the domain's decider (so shapes and rules are the domain's), then timestamp.
      const appends: PlannedAppend[] = [];
      for (const group of ordered) {
        const stream = model(group.streamId, group.decider);
        const events = group.steps.flatMap(({ actor, command }) => decideAndEvolve(group, stream, actor, command, rng));
        appends.push({ streamId: group.streamId, expected: expectedFor(stream.revision + 1), events });
        stream.revision += events.length;
      }
      stampMonth(month, appends);
      yield { month, label: firstDay(month).slice(0, 7), appends };
      for (const streamId of finished) streams.delete(streamId); // done: free its state
    }
  }
}

/** Onboarding: every organisation in the first days, ICBs first (the others name them as their system). */
function onboarding(world: World): CommandGroup[] {
  const ordered = [...world.organisations].sort((a, b) => Number(b.type === 'icb') - Number(a.type === 'icb'));
  return ordered.map((organisation) => {
    const command: OrganisationCommand = {
      type: 'RegisterOrganisation',
      organisationId: organisation.organisationId,
      name: organisation.name,
      organisationType: organisation.type,
      system: organisation.system,
    };
    return {
      streamId: organisationStreamId(organisation.organisationId),
      decider: organisationDeciderAny,
      steps: [{ actor: admin(organisation.system ?? world.systems[0].icb.organisationId), command }],
    };
  });
}

function decideAndEvolve(
  group: CommandGroup,
  model: StreamModel,
  actor: Actor,
  command: unknown,
  rng: Prng,
): EventToAppend[] {
  let decided: DomainEvent[];
  try {
    decided = group.decider.decide(command, model.state);
  } catch (error) {
    throw new Error(
      `generator bug: ${group.streamId} refused ${JSON.stringify(command)}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  const correlationId = rng.uuid();
  return decided.map((event) => {
    model.state = group.decider.evolve(model.state, event);
    return {
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
    };
  });
}

/** Spreads the month's events evenly over the month, strictly increasing in log order. */
function stampMonth(month: number, appends: PlannedAppend[]): void {
  const count = appends.reduce((n, a) => n + a.events.length, 0);
  const from = monthStart(month);
  const span = monthStart(month + 1) - from;
  let stamped = 0;
  for (const append of appends) {
    for (const event of append.events) {
      event.metadata.recordedAt = new Date(from + Math.floor(((stamped + 1) * span) / (count + 1))).toISOString();
      stamped += 1;
    }
  }
}
