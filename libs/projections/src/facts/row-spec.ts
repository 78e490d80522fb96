import { RecordedEvent } from '@benefit-ledger/event-store';
import { MAX_PENCE_PER_FIGURE, toHundredths } from '@benefit-ledger/domain';
import { READ_MODEL_TABLES, ReadModelTable, TableSpec, columnName } from '../read-model-schema';
import { AddFact, Fact, FactPosition } from './fact';
import { keysOnceSql, orNoteForFold } from './keys-once-sql';
import { rowFactEventsFilling } from './row-fact-events';

/**
 * Facts declared column by column: for each event type of one kind of stream, the one row it adds and where each
 * of its values comes from. One declaration serves the projection's fold (`rowFactOf`, per event, in JavaScript)
 * and a rebuild from an embedded SQLite log (`rowsFromSqliteLogSql`: SQLite makes a whole table in one statement,
 * with no JavaScript per event), so the two cannot drift apart. Every row also gets the event's position and
 * recorded_at.
 */
export type ValueFrom =
  /** The stream id without its prefix. */
  | { from: 'entityId' }
  /** A scalar field of the event's data; null when absent (or `orElse`). */
  | { from: 'data'; field: string; orElse?: number }
  /**
   * A capacity quantity of the event's data, as integer hundredths (toHundredths); with `key`, one level down
   * (`quantity.value`). Absent or null: null (an event written before the field existed).
   */
  | { from: 'hundredths'; field: string; key?: string }
  /** A boolean one level down (`lenses.economic`): 1 when it is true, else 0 (false, absent, not a boolean). */
  | { from: 'flag'; field: string; key: string }
  | { from: 'constant'; value: string | number | null };

export const entityId: ValueFrom = { from: 'entityId' };
export const field = (name: string, orElse?: number): ValueFrom => ({
  from: 'data',
  field: checkedField(name),
  orElse,
});
export const hundredths = (name: string, key?: string): ValueFrom => ({
  from: 'hundredths',
  field: checkedField(name),
  ...(key === undefined ? {} : { key: checkedField(key) }),
});
export const flag = (name: string, key: string): ValueFrom => ({
  from: 'flag',
  field: checkedField(name),
  key: checkedField(key),
});
export const constant = (value: string | number | null): ValueFrom => ({ from: 'constant', value });

export interface RowSpec {
  table: ReadModelTable;
  columns: Record<string, ValueFrom>;
}

/** Whether a fact decision (fact.ts) is a row declared column by column. */
export const isRowSpec = (decision: unknown): decision is RowSpec =>
  typeof decision === 'object' && decision !== null && 'table' in decision && 'columns' in decision;

/** One kind of stream's row facts: by event type, the row each event adds (gathered from its FactDecisions). */
export interface RowFacts {
  streamPrefix: string;
  byType: Record<string, RowSpec>;
}

// field names go into SQL JSON paths: plain identifiers only
function checkedField(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`row spec: '${name}' is not a plain field name`);
  return name;
}

function valueOf(from: ValueFrom, data: Record<string, unknown>, entity: string): string | number | null {
  switch (from.from) {
    case 'entityId':
      return entity;
    case 'data':
      return (data[from.field] as string | number | null | undefined) ?? from.orElse ?? null;
    case 'hundredths': {
      const holder = data[from.field];
      const quantity =
        from.key === undefined
          ? holder
          : typeof holder === 'object' && holder !== null
            ? (holder as Record<string, unknown>)[from.key]
            : undefined;
      return quantity === undefined || quantity === null ? null : toHundredths(quantity as number);
    }
    case 'flag': {
      const holder = data[from.field];
      return typeof holder === 'object' &&
        holder !== null &&
        !Array.isArray(holder) &&
        (holder as Record<string, unknown>)[from.key] === true
        ? 1
        : 0;
    }
    case 'constant':
      return from.value;
  }
}

/** The fold step of one row spec: the row it declares, from one event. */
export function rowFactOf(
  spec: RowSpec,
): (event: RecordedEvent, entity: string, add: AddFact, at: FactPosition) => void {
  // the columns listed once, not per event
  const columns = Object.entries(spec.columns);
  return (event, entity, add, at) => {
    const row: Fact['row'] = {};
    for (const [column, from] of columns) row[column] = valueOf(from, event.data, entity);
    // the declared columns, then where the event sits (FactPosition), in that order
    row.position = at.position;
    row.recorded_at = at.recorded_at;
    add(spec.table, row);
  };
}

/** The tables row facts fill, each once. */
export const rowFactTables = (facts: RowFacts): ReadModelTable[] => [
  ...new Set(Object.values(facts.byType).map((s) => s.table)),
];

const literal = (value: string | number | null) =>
  value === null ? 'NULL' : typeof value === 'number' ? String(value) : `'${value.replace(/'/g, "''")}'`;

/** The SQL of one value, for a row of the embedded log's `events` table; the same value as valueOf (`->>`: SQL's type of the JSON scalar). */
function valueSql(from: ValueFrom, streamPrefix: string): string {
  switch (from.from) {
    case 'entityId':
      return `substr(stream_id, ${streamPrefix.length + 1})`;
    case 'data':
      return from.orElse === undefined
        ? `data ->> '$.${from.field}'`
        : `ifnull(data ->> '$.${from.field}', ${literal(from.orElse)})`;
    // Math.round(q * 100) for q >= 0: the same double product, rounded half up alike
    case 'hundredths':
      return `CAST(round((data ->> '$.${from.key === undefined ? from.field : `${from.field}.${from.key}`}') * 100) AS INTEGER)`;
    // json_type is 'true' only for JSON true inside an object (an array has no such key path)
    case 'flag':
      return `CASE WHEN json_type(data, '$.${from.field}.${from.key}') = 'true' THEN 1 ELSE 0 END`;
    case 'constant':
      return literal(from.value);
  }
}

/**
 * One statement that fills `table` with the rows these facts add for every event of an embedded SQLite log
 * (attached as `log`, with ROW_FACT_EVENTS: row-fact-events.ts) up to `@upTo`, in log order: the same rows the fold adds, event
 * by event. An event whose stored JSON writes a key the row reads twice is left to the fold (keys-once-sql.ts: SQLite
 * would read its first copy).
 */
export function rowsFromSqliteLogSql(facts: RowFacts, table: ReadModelTable): string {
  const types = Object.entries(facts.byType).filter(([, spec]) => spec.table === table);
  if (types.length === 0) throw new Error(`row spec: no event type adds rows to ${table}`);
  const columns = (READ_MODEL_TABLES[table] as TableSpec).columns
    .map(columnName)
    .filter((c) => c !== 'position' && c !== 'recorded_at');
  for (const [type, spec] of types) {
    const declared = Object.keys(spec.columns).sort().join();
    if (declared !== [...columns].sort().join())
      throw new Error(`row spec: ${type} must give every column of ${table} but position and recorded_at`);
  }
  const value = (column: string) =>
    types.length === 1
      ? valueSql(types[0][1].columns[column], facts.streamPrefix)
      : `CASE type ${types.map(([type, spec]) => `WHEN ${literal(type)} THEN ${valueSql(spec.columns[column], facts.streamPrefix)}`).join(' ')} END`;
  const ofTheseFacts = `type IN (${types.map(([type]) => literal(type)).join(', ')}) AND substr(stream_id, 1, ${facts.streamPrefix.length}) = ${literal(facts.streamPrefix)}`;
  // the events chosen again before the note: SQLite may test the WHERE's terms in any order, and only these may be noted
  return `INSERT INTO ${table} (${columns.join(', ')}, position, recorded_at)
SELECT ${columns.map(value).join(', ')}, position, metadata ->> '$.recordedAt'
  FROM ${rowFactEventsFilling([table])}
 WHERE position <= @upTo AND ${ofTheseFacts}
   AND CASE WHEN ${ofTheseFacts} AND ${orNoteForFold(readsOnceSql(types))} THEN ${foldableOrNoteSql(types)} ELSE 0 END
 ORDER BY position`;
}

/** The keys of the event's data a row reads. */
const fieldsRead = (spec: RowSpec) => [
  ...new Set(
    Object.values(spec.columns).flatMap((from) =>
      from.from === 'data' || from.from === 'hundredths' || from.from === 'flag' ? [from.field] : [],
    ),
  ),
];

/**
 * SQL true when each key the row reads is written once: the top-level ones, then each flag's key inside its object
 * (that object's own key once already, removing its first copy of the inner key must leave none).
 */
const readsKeysOnceSql = (spec: RowSpec) =>
  [
    keysOnceSql('data', fieldsRead(spec)),
    ...Object.values(spec.columns).flatMap((from) =>
      (from.from === 'flag' || from.from === 'hundredths') && from.key !== undefined
        ? [keysOnceSql('data', [`${from.field}.${from.key}`])]
        : [],
    ),
  ].join(' AND ');

/** SQL true for the events of these types whose stored JSON writes each key their row reads once (and recordedAt). */
function readsOnceSql(types: readonly [string, RowSpec][]): string {
  const data =
    types.length === 1
      ? readsKeysOnceSql(types[0][1])
      : `CASE type ${types.map(([type, spec]) => `WHEN ${literal(type)} THEN ${readsKeysOnceSql(spec)}`).join(' ')} ELSE 1 END`;
  return `${data} AND ${keysOnceSql('metadata', ['recordedAt'])}`;
}

/** A row's money columns read from the event's data: the ones a stored event could carry beyond the ceiling. */
const moneyColumns = (spec: RowSpec) =>
  Object.entries(spec.columns).filter(
    (entry): entry is [string, { from: 'data'; field: string; orElse?: number }] =>
      entry[0].endsWith('_pence') && entry[1].from === 'data',
  );

/** SQL true when every money figure the row reads is absent/null or whole pence within the ceiling: figureProblem, in SQL. */
const moneyFigureOkSql = (field: string) =>
  `(data ->> '$.${field}' IS NULL OR (json_type(data, '$.${field}') = 'integer' AND data ->> '$.${field}' BETWEEN 0 AND ${MAX_PENCE_PER_FIGURE}))`;

/** SQL true for the events of these types whose row may be folded (figureFactsOf folds the same ones). */
function foldableSql(types: readonly [string, RowSpec][]): string {
  const conditions = types.map(
    ([type, spec]) => [type, moneyColumns(spec).map(([, from]) => moneyFigureOkSql(from.field))] as const,
  );
  if (conditions.every(([, checks]) => checks.length === 0)) return '1';
  return `CASE type ${conditions.map(([type, checks]) => `WHEN ${literal(type)} THEN ${checks.length ? checks.join(' AND ') : '1'}`).join(' ')} END`;
}

/**
 * The SQL function, registered by a rebuild on its connection, that a statement of rowsFromSqliteLogSql calls with the
 * position of each event it leaves out for a money figure beyond the ceiling (its keys read once); it returns 0.
 * The rebuild then records those few in unfolded_events (unfoldedFromSqliteLogSql), rather than scanning every event
 * with money again to find them.
 */
export const NOTE_UNFOLDED = 'note_unfolded';

/** foldableSql, noting each event it is false for (NOTE_UNFOLDED); NULL stays NULL (neither folded nor noted). */
function foldableOrNoteSql(types: readonly [string, RowSpec][]): string {
  const foldable = foldableSql(types);
  return foldable === '1' ? '1' : `CASE WHEN NOT ${foldable} THEN ${NOTE_UNFOLDED}(position) ELSE ${foldable} END`;
}

/**
 * One statement that records in unfolded_events, with the reason figureFactsOf gives, the events of these row facts
 * at the positions given (`@positions`, a JSON array): those NOTE_UNFOLDED noted, left out for a money figure beyond
 * the ceiling (at most one money column per row). Those left to the fold (a key written twice) are not noted: the
 * fold judges what JSON.parse reads.
 */
export function unfoldedFromSqliteLogSql(allFacts: readonly RowFacts[], reason: (column: string) => string): string {
  const withMoney = allFacts.flatMap((facts) =>
    Object.entries(facts.byType).filter(([, spec]) => moneyColumns(spec).length > 0),
  );
  for (const [type, spec] of withMoney)
    if (moneyColumns(spec).length > 1) throw new Error(`row spec: ${type} reads more than one money column`);
  const reasonSql = `CASE type ${withMoney.map(([type, spec]) => `WHEN ${literal(type)} THEN ${literal(reason(moneyColumns(spec)[0][0]))}`).join(' ')} END`;
  return `INSERT INTO unfolded_events (position, stream_id, type, reason, recorded_at)
SELECT position, stream_id, type, ${reasonSql}, metadata ->> '$.recordedAt'
  FROM log.events
 WHERE position IN (SELECT value FROM json_each(@positions))
 ORDER BY position`;
}
