/**
 * The figures the ledger part traces: every figure reference (`ref`) in real query answers — system flows,
 * organisation value, capacity and partnership attribution over the generated ledger — filed by kind of figure.
 */
import { ReadModelQueries, ReadModelStore } from '@benefit-ledger/projections';
import { Prng } from '@benefit-ledger/testing';
import { timeMs } from './latency';

/** Every `ref` string anywhere in a query answer. */
function refsIn(answer: unknown, out: string[] = []): string[] {
  if (Array.isArray(answer)) for (const item of answer) refsIn(item, out);
  else if (answer && typeof answer === 'object') {
    for (const [key, value] of Object.entries(answer)) {
      if (key === 'ref' && typeof value === 'string') out.push(value);
      else refsIn(value, out);
    }
  }
  return out;
}

export const FINANCIAL_YEARS = ['2019/20', '2020/21', '2021/22', '2022/23', '2023/24'];

/** The financial year (April to March) an ISO instant falls in. */
export function fyOf(iso: string): string {
  const year = Number(iso.slice(0, 4));
  const start = Number(iso.slice(5, 7)) >= 4 ? year : year - 1;
  return `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
}

/** References of one kind of figure, and the slowest answer they came from (ms, for context). */
export interface CollectedKind {
  refs: string[];
  sourceMs: number;
}

export interface ReferenceSources {
  queries: ReadModelQueries;
  db: ReadModelStore['db'];
  /** Picks the organisations asked about (seeded, so a seed asks the same questions). */
  rng: Prng;
  /** The checkpoint every answer is pinned to, except the as-at one. */
  pinned: ReturnType<ReadModelQueries['cutoff']>;
  asAt: string;
  asAtYear: string;
}

/** Asks the queries and files the references in their answers by kind of figure. */
export function collectReferences({
  queries,
  db,
  rng,
  pinned,
  asAt,
  asAtYear,
}: ReferenceSources): Map<string, CollectedKind> {
  const kinds = new Map<string, CollectedKind>();
  const kindOf = (kind: string) => {
    let entry = kinds.get(kind);
    if (!entry) kinds.set(kind, (entry = { refs: [], sourceMs: 0 }));
    return entry;
  };
  /** Runs one query (timed, for context), and files the references found in each part of its answer by kind. */
  const collect = <T>(query: () => T, parts: (answer: T) => [string, unknown][]) => {
    const { ms, value } = timeMs(query);
    for (const [kind, part] of parts(value)) {
      const entry = kindOf(kind);
      entry.refs.push(...refsIn(part));
      entry.sourceMs = Math.max(entry.sourceMs, ms);
    }
  };
  const whole =
    (kind: string) =>
    (answer: unknown): [string, unknown][] => [[kind, answer]];
  const organisations = db
    .prepare('SELECT organisation_id AS id, type FROM organisations ORDER BY organisation_id')
    .all() as { id: string; type: string }[];
  const ofType = (type: string, count: number) =>
    rng.sample(
      organisations.filter((organisation) => organisation.type === type).map((organisation) => organisation.id),
      count,
    );
  for (const fy of FINANCIAL_YEARS) {
    collect(
      () => queries.systemFlows({ financialYear: fy, cutoff: pinned }),
      (flows) => [
        ['flows link (one year)', flows.links],
        ['flows node/total (one year)', [flows.nodes, flows.totals]],
      ],
    );
  }
  collect(
    () => queries.systemFlows({ financialYear: null, cutoff: pinned }),
    (flows) => [['flows link (all years)', flows.links]],
  );
  collect(
    () => queries.systemFlows({ financialYear: asAtYear, cutoff: queries.cutoff(asAt) }),
    (flows) => [['flows link (as at, one year)', flows.links]],
  );
  const orgSample = [
    ...ofType('icb', 4),
    ...ofType('acute-trust', 4),
    ...ofType('community-trust', 2),
    ...ofType('gp-practice', 2),
    ...ofType('local-authority', 1),
    ...ofType('industry-partner', 1),
    ...ofType('mental-health-trust', 1),
  ];
  for (const organisationId of orgSample) {
    collect(
      () => queries.organisationValue({ organisationId, financialYear: rng.pick(FINANCIAL_YEARS), cutoff: pinned }),
      whole('organisation value (one year)'),
    );
  }
  for (const organisationId of [...ofType('icb', 2), ...ofType('acute-trust', 2)]) {
    collect(
      () => queries.organisationValue({ organisationId, financialYear: null, cutoff: pinned }),
      whole('organisation value (all years)'),
    );
  }
  for (const organisationId of [...ofType('acute-trust', 6), ...ofType('community-trust', 2)]) {
    collect(
      () => queries.capacity({ organisationId, resource: null, financialYear: null, cutoff: pinned }),
      whole('capacity (one organisation)'),
    );
  }
  collect(
    () => queries.capacity({ organisationId: null, resource: null, financialYear: '2021/22', cutoff: pinned }),
    whole('capacity (all organisations, one year)'),
  );
  const partnerships = (
    db.prepare('SELECT partnership_id AS id FROM partnerships ORDER BY partnership_id').all() as { id: string }[]
  ).map((partnership) => partnership.id);
  for (const partnershipId of partnerships) {
    for (const fy of FINANCIAL_YEARS.slice(2)) {
      // 2021/22 on: every partnership has an agreement in force by then
      collect(
        () => queries.partnershipAttribution({ partnershipId, financialYear: fy, cutoff: pinned }),
        whole('partnership attribution'),
      );
    }
  }
  return kinds;
}
