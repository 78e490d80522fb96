/**
 * A rebuild's index of the row-fact events of the embedded log, by the table each fills, made in one scan of the log
 * before the statements that make row facts from it (rowsFromSqliteLogSql). The log file has no index by type, so
 * each of those statements (one per table, and the unfolded events') used to scan the whole log again, about 0.6 s a
 * scan at a million events. Through it each reads only its own events, by position, in log order (no sort).
 */

/** The temporary table (on the rebuild's connection): each row-fact event's position, under the table it fills. */
export const ROW_FACT_EVENTS = 'temp.row_fact_events';

/**
 * The statements that make ROW_FACT_EVENTS, given the table each event type fills: `create` it, then `fill` it from
 * the log attached as `log`, up to `@upTo`.
 */
export function rowFactEventsSql(tableOfType: Readonly<Record<string, string>>): { create: string; fill: string } {
  const types = Object.keys(tableOfType);
  return {
    create: `CREATE TEMP TABLE row_fact_events (fills TEXT NOT NULL, position INTEGER NOT NULL, PRIMARY KEY (fills, position)) WITHOUT ROWID`,
    fill: `INSERT INTO ${ROW_FACT_EVENTS} (fills, position)
SELECT CASE type ${types.map((type) => `WHEN ${quoted(type)} THEN ${quoted(tableOfType[type])}`).join(' ')} END, position
  FROM log.events
 WHERE position <= @upTo AND type IN (${types.map(quoted).join(', ')})`,
  };
}

/**
 * The log's events that fill these tables, as a table expression for a statement's FROM: ROW_FACT_EVENTS picks them,
 * then each is read from the log by its position. Its `position` is the index's, so that for one table SQLite reads
 * them in position order through the index's key and needs no sort for ORDER BY position. SQLite flattens it into
 * the statement; CROSS JOIN keeps the index as the outer loop.
 */
export const rowFactEventsFilling = (tables: readonly string[]) =>
  `(SELECT picked.position AS position, logged.stream_id AS stream_id, logged.type AS type, logged.data AS data,
          logged.metadata AS metadata
     FROM ${ROW_FACT_EVENTS} AS picked CROSS JOIN log.events AS logged ON logged.position = picked.position
    WHERE picked.fills IN (${tables.map(quoted).join(', ')}))`;

const quoted = (text: string) => `'${text.replace(/'/g, "''")}'`;
