import { join } from 'node:path';
import fc from 'fast-check';
import { ReadModelQueries } from '@benefit-ledger/projections';
import { EventRelay, STATEMENT_HEADERS, partnershipStatement } from '../src';
import { LedgerWriter } from '@benefit-ledger/testing';
import { AckInvariant } from './support/ack-invariant';
import { DoubleBrokerUnderTest } from './support/broker-under-test';
import {
  InMemoryBroker,
  ProduceOutcome,
  ack,
  dieMidBatch,
  hang,
  lateAck,
  refuse,
} from './support/in-memory-broker.double';
import { RelayRig, RigTiming, deliveredByStream, expectedByStream } from './support/relay-rig';

/**
 * The relay over random ledgers, random failure schedules (refusals, silences, late acknowledgements, deaths
 * mid-batch), random batch sizes, random kills and restarts, and events appended while it runs. Real SQLite
 * log, read models and messaging state; the broker is the in-memory double. Whatever happens: no loss, stream
 * order kept once duplicates are dropped, never a checkpoint ahead of an acknowledgement, and each
 * partnership's last statement is its value over the whole log.
 */

const TIMING: RigTiming = {
  relay: { lingerMs: 1, sendTimeoutMs: 15, backoff: { initialMs: 1, maxMs: 2 } },
  readModelWaitMs: 20,
};
const YEARS = ['2023/24', '2024/25'] as const;
const ORGS = ['org-a', 'org-b', 'org-c'] as const;

type Op =
  | { kind: 'cost'; intervention: number; amountPence: number; year: number }
  | { kind: 'validated-benefit'; intervention: number; valuePence: number; year: number }
  | { kind: 'rejected-benefit'; intervention: number; valuePence: number; year: number }
  | { kind: 'measurement'; intervention: number }
  | { kind: 'enrol'; intervention: number; basisPoints: number }
  | { kind: 'partnership-cost'; amountPence: number; year: number };

const interventionCount = 3;
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('cost' as const),
    intervention: fc.nat(interventionCount - 1),
    amountPence: fc.integer({ min: 1, max: 10_000_000 }),
    year: fc.nat(1),
  }),
  fc.record({
    kind: fc.constant('validated-benefit' as const),
    intervention: fc.nat(interventionCount - 1),
    valuePence: fc.integer({ min: 0, max: 50_000_000 }),
    year: fc.nat(1),
  }),
  fc.record({
    kind: fc.constant('rejected-benefit' as const),
    intervention: fc.nat(interventionCount - 1),
    valuePence: fc.integer({ min: 0, max: 50_000_000 }),
    year: fc.nat(1),
  }),
  fc.record({ kind: fc.constant('measurement' as const), intervention: fc.nat(interventionCount - 1) }),
  fc.record({
    kind: fc.constant('enrol' as const),
    intervention: fc.nat(interventionCount - 1),
    basisPoints: fc.integer({ min: 1, max: 10_000 }),
  }),
  fc.record({
    kind: fc.constant('partnership-cost' as const),
    amountPence: fc.integer({ min: 1, max: 1_000_000 }),
    year: fc.nat(1),
  }),
);

const outcomeArb: fc.Arbitrary<ProduceOutcome> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(ack()) },
  { weight: 2, arbitrary: fc.constant(refuse()) },
  { weight: 1, arbitrary: fc.constant(hang()) },
  { weight: 1, arbitrary: fc.constant(lateAck(TIMING.relay.sendTimeoutMs! * 2)) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 6 }).map(dieMidBatch) },
);

const scenarioArb = fc.record({
  ops: fc.array(opArb, { minLength: 1, maxLength: 24 }),
  /** How many of the ops are written before the relay starts; the rest are appended while it runs. */
  writtenBefore: fc.nat(24),
  schedule: fc.array(outcomeArb, { maxLength: 12 }),
  /** Kill the relay and start a new one after this many failures (cumulative). */
  killsAfterFailures: fc
    .uniqueArray(fc.integer({ min: 1, max: 10 }), { maxLength: 3 })
    .map((k) => k.sort((a, b) => a - b)),
  maxBatch: fc.integer({ min: 1, max: 8 }),
});

async function writeOps(
  writer: LedgerWriter,
  ops: readonly Op[],
  seq: { n: number; enrolled?: Set<number> },
): Promise<void> {
  for (const op of ops) {
    seq.n += 1;
    const intervention = 'intervention' in op ? `int-${op.intervention}` : '';
    switch (op.kind) {
      case 'cost':
        await writer.cost(intervention, {
          costId: `c${seq.n}`,
          amountPence: op.amountPence,
          financialYear: YEARS[op.year],
          bearerOrganisationId: ORGS[op.intervention % 3],
        });
        break;
      case 'validated-benefit':
        await writer.claim(intervention, {
          benefitId: `b${seq.n}`,
          valuePence: op.valuePence,
          financialYear: YEARS[op.year],
          landingOrganisationId: ORGS[1],
        });
        await writer.validate(intervention, `b${seq.n}`, op.valuePence, ORGS[1]);
        break;
      case 'rejected-benefit':
        await writer.claim(intervention, {
          benefitId: `b${seq.n}`,
          valuePence: op.valuePence,
          financialYear: YEARS[op.year],
          landingOrganisationId: ORGS[2],
        });
        await writer.reject(intervention, `b${seq.n}`, ORGS[2]);
        break;
      case 'measurement':
        await writer.measurement(intervention, `m${seq.n}`);
        break;
      case 'enrol':
        if (!seq.enrolled?.has(op.intervention)) {
          (seq.enrolled ??= new Set()).add(op.intervention);
          await writer.enrol('p-1', intervention, op.basisPoints);
        }
        break;
      case 'partnership-cost':
        await writer.partnershipCost('p-1', {
          costId: `pc${seq.n}`,
          amountPence: op.amountPence,
          financialYear: YEARS[op.year],
          bearerOrganisationId: ORGS[0],
        });
        break;
    }
  }
}

async function waitUntil(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

describe('relay properties under random failure schedules (in-memory broker double)', () => {
  it('never loses an event, keeps stream order, never checkpoints ahead of an acknowledgement, and states final values', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (scenario) => {
        const broker = new InMemoryBroker();
        const under = new DoubleBrokerUnderTest(broker);
        const rig = RelayRig.open(under, { ...TIMING, relay: { ...TIMING.relay, maxBatch: scenario.maxBatch } });
        try {
          const invariant = new AckInvariant(broker, under.topics, join(rig.ledger.dir, 'messaging.sqlite'));
          broker.onInjectedFailure = (what) => invariant.checkStored(`at an injected ${what}`);
          const w = rig.writer;
          for (const org of ORGS) await w.organisation(org);
          for (let i = 0; i < interventionCount; i += 1) await w.intervention(`int-${i}`, ORGS[i % 3]);
          await w.partnership('p-1', [
            { organisationId: ORGS[0], role: 'lead' },
            { organisationId: ORGS[2], role: 'partner' },
          ]);
          await w.agreement('p-1', {
            version: 1,
            shares: [
              { organisationId: ORGS[0], basisPoints: 3333 },
              { organisationId: ORGS[2], basisPoints: 6667 },
            ],
            benefitTypes: ['capacity'],
            effectiveFrom: YEARS[0],
          });
          const seq: { n: number; enrolled?: Set<number> } = { n: 0 };
          const before = Math.min(scenario.writtenBefore, scenario.ops.length);
          await writeOps(w, scenario.ops.slice(0, before), seq);
          invariant.useLog(await rig.log());
          broker.scheduleProduce(...scenario.schedule);

          let failures = 0;
          const start = () =>
            rig.startRelay(
              {
                onFailure: () => {
                  failures += 1;
                },
              },
              invariant.checking(rig.state),
            );
          let relay: EventRelay = await start();
          let writing = true;
          const live = writeOps(w, scenario.ops.slice(before), seq).finally(() => {
            writing = false;
          });
          const caughtUp = async () => !writing && relay.current()!.position >= (await rig.head());
          for (const killAt of scenario.killsAfterFailures) {
            await waitUntil(
              async () => failures >= killAt || (await caughtUp()),
              'a failure to kill at, or the relay at the head',
            );
            if (failures < killAt) break;
            await relay.stop();
            relay = await start();
          }
          await live;
          invariant.useLog(await rig.log());
          await rig.caughtUp(relay);

          const log = await rig.log();
          invariant.checkStored('at the end');
          expect(invariant.violations).toEqual([]);
          expect(deliveredByStream(await under.read(under.topics.events))).toEqual(expectedByStream(log));

          const checkpoint = await rig.state.relayCheckpoint();
          const lastStated = new Map<string, string>();
          for (const r of broker.acknowledged(under.topics.statements))
            lastStated.set(r.headers[STATEMENT_HEADERS.statementKey], r.headers[STATEMENT_HEADERS.contentHash]);
          const queries = new ReadModelQueries(rig.ledger.readModels);
          for (const [key, hash] of Object.entries(checkpoint.statements)) {
            const [partnershipId, financialYear] = key.split('|');
            const fresh = partnershipStatement(
              queries.partnershipAttribution({
                partnershipId,
                financialYear,
                cutoff: { asAt: null, upTo: checkpoint.position },
              }),
              checkpoint.position,
            );
            expect({ key, remembered: hash, published: lastStated.get(key) }).toEqual({
              key,
              remembered: fresh.contentHash,
              published: fresh.contentHash,
            });
          }
        } finally {
          await rig.close();
        }
      }),
      { numRuns: Number(process.env.RUNS ?? 30) },
    );
  }, 60_000);
});
