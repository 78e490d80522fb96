/**
 * `node --expose-gc dist/apps/bench/src/stream-length-domain.js [streamEvents ...]`: the domain part of a cost
 * command (decide, period effects, evolve) on states kept between commands, as the folded-state cache keeps them,
 * for streams of each length given (default 20 and 2,000). No HTTP, no store: what is left is what the state costs,
 * so a cost that grows with the stream shows here first. Prints CPU µs per command and the heap the states hold.
 */
import {
  CostRecorded,
  InterventionCommand,
  InterventionEvent,
  InterventionState,
  fold,
  interventionDecider,
  interventionPeriodEffects,
} from '@benefit-ledger/domain';
import { collectGarbage } from './measure';

const STREAMS = 200;
const COMMANDS = 40_000;
const BEARER = 'acute-bench';
const SOURCE = { system: 'PAS', reference: 'bench', extractedOn: '2020-05-01' };

const cost = (costId: string) => ({
  costId,
  costType: 'direct' as const,
  category: 'improvement team',
  amountPence: 100_000,
  financialYear: '2019/20',
  bearerOrganisationId: BEARER,
  source: SOURCE,
});

function streamOf(index: number, length: number): InterventionEvent[] {
  const registered: InterventionEvent = {
    type: 'InterventionRegistered',
    data: {
      interventionId: `bench-${index}`,
      title: `Bench intervention ${index}`,
      leadOrganisationId: BEARER,
      pathway: 'frailty',
      method: 'lean',
      lenses: { economic: true, social: false, strategic: false },
      strategicPriorities: ['flow'],
    },
  };
  const costs = Array.from({ length: length - 1 }, (_, serial): CostRecorded => ({
    type: 'CostRecorded',
    data: cost(`fill-${index}-${serial}`),
  }));
  return [registered, ...costs];
}

function measure(length: number): string {
  const states: InterventionState[] = Array.from({ length: STREAMS }, (_, index) =>
    fold(interventionDecider, streamOf(index, length)),
  );
  collectGarbage();
  const cpuBefore = process.cpuUsage();
  for (let serial = 0; serial < COMMANDS; serial += 1) {
    const stream = serial % STREAMS;
    const command: InterventionCommand = { type: 'RecordCost', ...cost(`new-${serial}`) };
    const events = interventionDecider.decide(command, states[stream]);
    interventionPeriodEffects(command, states[stream]);
    states[stream] = events.reduce((state, event) => interventionDecider.evolve(state, event), states[stream]);
  }
  const cpu = process.cpuUsage(cpuBefore);
  collectGarbage();
  const heapMb = process.memoryUsage().heapUsed / 1e6;
  const perCommand = (cpu.user + cpu.system) / COMMANDS;
  return `streams of ${length}: ${perCommand.toFixed(1)} µs CPU per command; heap ${heapMb.toFixed(0)} MB holding ${states.length} states`;
}

const lengths = process.argv.slice(2).map(Number);
for (const length of lengths.length > 0 ? lengths : [20, 2_000]) console.log(measure(length));
