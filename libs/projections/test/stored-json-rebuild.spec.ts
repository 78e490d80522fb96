import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '@benefit-ledger/event-store';
import { MAX_PENCE_PER_FIGURE } from '@benefit-ledger/domain';
import { BulkLoad, Projector, ReadModelQueries, ReadModelStore, rebuildReadModels } from '../src';
import { Tamper } from '../../event-store/test/support/tamper';
import { TempLedger, interventionStream, tempLedger } from '@benefit-ledger/testing';

/**
 * A rebuild has SQLite read the log file, and SQLite reads a JSON key written twice by its first copy where JSON.parse
 * (the hash, the live fold) reads the last. Given a log whose stored JSON was altered that way (and in the other ways
 * that leave what JSON.parse reads unchanged), a rebuild still makes exactly the read models of the log as it was
 * written, and the same as live catch-up: no forged copy reaches a figure, a trace or an as-at cutoff.
 */
const ACUTE = 'acute-a';
const COMMUNITY = 'community-b';
const FORGED = 999_900_000_000;

describe('a rebuild reads what the hash covers, however the stored JSON was written', () => {
  let ledger: TempLedger;
  beforeEach(() => {
    ledger = tempLedger();
  });
  afterEach(() => ledger.close());

  /** Organisations, an intervention with costs, claims, a validation, capacity, a measurement and a partnership cost. */
  async function seed() {
    const { writer } = ledger;
    const at: Record<string, number> = {};
    await writer.organisation(ACUTE, { type: 'acute-trust' });
    await writer.organisation(COMMUNITY, { type: 'community-trust' });
    await writer.intervention('int-1', ACUTE);
    at.cost = (
      await writer.cost('int-1', {
        costId: 'c-1',
        amountPence: 100_000,
        financialYear: '2019/20',
        bearerOrganisationId: ACUTE,
      })
    ).position;
    at.escapedCost = (
      await writer.cost('int-1', {
        costId: 'c-2',
        amountPence: 50_000,
        financialYear: '2019/20',
        bearerOrganisationId: ACUTE,
      })
    ).position;
    at.claim = (
      await writer.claim('int-1', {
        benefitId: 'b-1',
        valuePence: 3_000_000,
        financialYear: '2019/20',
        landingOrganisationId: COMMUNITY,
      })
    ).position;
    at.validation = (await writer.validate('int-1', 'b-1', 2_500_000, COMMUNITY)).position;
    const contributor = { userId: `contributor@${ACUTE}`, organisationId: ACUTE, role: 'contributor' };
    await writer.append(
      interventionStream('int-1'),
      'CapacityReleased',
      {
        releaseId: 'r-1',
        benefitId: 'b-1',
        resource: 'bed-days',
        quantity: 10,
        landingOrganisationId: COMMUNITY,
        financialYear: '2019/20',
      },
      contributor,
    );
    await writer.append(
      interventionStream('int-1'),
      'CapacityHarvested',
      { releaseId: 'r-1', harvest: 'reinvest', quantity: 4, rationale: 'more clinics' },
      contributor,
    );
    // no recorded value: the figures count nothing for it
    at.reinvestment = (
      await writer.append(
        interventionStream('int-1'),
        'CapacityReinvested',
        {
          releaseId: 'r-1',
          quantity: 4,
          into: { description: 'clinics', organisationId: COMMUNITY },
          valuePence: null,
        },
        contributor,
      )
    ).position;
    at.measurement = (await writer.measurement('int-1', 'm-1')).position;
    await writer.partnership('p-1', [
      { organisationId: ACUTE, role: 'lead' },
      { organisationId: COMMUNITY, role: 'member' },
    ]);
    at.partnershipCost = (
      await writer.partnershipCost('p-1', {
        costId: 'pc-1',
        amountPence: 7_000,
        financialYear: '2019/20',
        bearerOrganisationId: ACUTE,
      })
    ).position;
    at.last = (
      await writer.cost('int-1', {
        costId: 'c-3',
        amountPence: 1_000,
        financialYear: '2019/20',
        bearerOrganisationId: ACUTE,
      })
    ).position;
    return at;
  }

  /** Every way of writing the stored JSON again that JSON.parse reads as before: the hashes all still match. */
  function alter(file: string, at: Record<string, number>): void {
    const t = new Tamper(file);
    try {
      t.duplicateKeyJson(at.cost, 'data', 'amountPence', FORGED);
      t.duplicateKeyJson(at.escapedCost, 'data', 'amountPence', FORGED, 'amount\\u0050ence');
      // a first copy beyond the ceiling: SQLite would leave the validation out, JSON.parse reads the real one
      t.duplicateKeyJson(at.validation, 'data', 'validatedValuePence', MAX_PENCE_PER_FIGURE + 1);
      t.duplicateKeyJson(at.claim, 'metadata', 'actor', {
        userId: 'forger@elsewhere',
        organisationId: 'elsewhere',
        role: 'admin',
      });
      t.duplicateKeyJson(at.reinvestment, 'data', 'valuePence', FORGED);
      // recorded far in the future, as far as SQLite reads it: every later event would seem known only then
      t.duplicateKeyJson(at.measurement, 'metadata', 'recordedAt', '2099-01-01T00:00:00.000Z');
      t.duplicateKeyJson(at.measurement, 'data', 'source', { system: 'forged', reference: 'forged' });
      t.duplicateKeyJson(at.partnershipCost, 'data', 'amountPence', FORGED);
      t.reorderKeysJson(at.last, 'data');
      t.indentJson(at.last, 'metadata');
    } finally {
      t.close();
    }
  }

  /** A copy of the ledger file as it stands (its write-ahead log checkpointed into it first). */
  const copyOfLedger = () => {
    const db = new Database(ledger.store.file);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const copy = join(ledger.dir, 'altered.sqlite');
    copyFileSync(ledger.store.file, copy);
    return copy;
  };

  const foldLive = async (store: SqliteEventStore, readModels: ReadModelStore) => {
    await new Projector(store, readModels, () => store.headPosition(), { catchUpWhenStopped: true }).caughtUp();
    return readModels.digest();
  };

  it('makes the read models of the log as written, as live catch-up does, with no forged copy anywhere', async () => {
    const at = await seed();
    const asWritten = (await rebuildReadModels(ledger.store, ledger.openReadModels('as-written.sqlite'))).digest;

    const altered = copyOfLedger();
    alter(altered, at);
    const store = new SqliteEventStore(altered);
    const rebuiltModels = ledger.openReadModels('rebuilt.sqlite');
    try {
      const rebuilt = await rebuildReadModels(store, rebuiltModels);
      expect(rebuilt.events).toBe(at.last);
      expect(rebuilt.digest).toBe(asWritten);
      expect(await foldLive(store, ledger.openReadModels('live.sqlite'))).toBe(asWritten);

      const read = <T>(sql: string) => rebuiltModels.read((db) => db.prepare(sql).pluck().all() as T[]);
      expect(read('SELECT amount_pence FROM costs ORDER BY position')).toEqual([100_000, 50_000, 1_000]);
      expect(read('SELECT validated_value_pence FROM benefit_decisions')).toEqual([2_500_000]);
      expect(read("SELECT amount_pence FROM capacity_movements WHERE kind = 'reinvested'")).toEqual([null]); // no value recorded
      expect(read('SELECT position FROM unfolded_events')).toEqual([]);
      expect(read(`SELECT actor_user_id FROM events_seen WHERE position = ${at.claim}`)).toEqual([
        `contributor@${ACUTE}`,
      ]);
      expect(read(`SELECT source_json FROM events_seen WHERE position = ${at.measurement}`)).toEqual([
        '{"reference":"extract-m-1","system":"PAS"}',
      ]);
      expect(read("SELECT COUNT(*) FROM events_seen WHERE known_at >= '2099'")).toEqual([0]);
      expect(JSON.stringify(rebuiltModels.read((db) => db.prepare('SELECT * FROM events_seen').all()))).not.toMatch(
        /forge|2099/,
      );

      const queries = new ReadModelQueries(rebuiltModels);
      const value = queries.organisationValue({
        organisationId: ACUTE,
        financialYear: '2019/20',
        cutoff: queries.cutoff(null),
      });
      expect(JSON.stringify(value)).not.toContain(String(FORGED));
    } finally {
      await store.close();
    }
  });

  it('without the check, SQLite would have read the forged copies (what this guards against)', async () => {
    const at = await seed();
    const altered = copyOfLedger();
    alter(altered, at);
    const t = new Tamper(altered);
    try {
      const first = (sql: string) => t.db.prepare(sql).pluck().get(at.cost);
      expect(first("SELECT data ->> '$.amountPence' FROM events WHERE position = ?")).toBe(FORGED);
      expect(JSON.parse(first('SELECT data FROM events WHERE position = ?') as string).amountPence).toBe(100_000);
    } finally {
      t.close();
    }
  });

  it('folds aside exactly the altered events, each in the file whose statement reads the key written twice', async () => {
    const at = await seed();
    const load = (file: string, name: string) => {
      const bulk = new BulkLoad({
        figures: join(ledger.dir, `${name}.sqlite`),
        provenance: join(ledger.dir, `${name}-provenance.sqlite`),
      });
      try {
        bulk.loadRowFactsFromSqliteLog(file, at.last);
        const figures = bulk.foldedAside;
        bulk.loadProvenanceFromSqliteLog(file, at.last);
        return { figures, provenance: bulk.foldedAside - figures };
      } finally {
        bulk.abandon();
      }
    };
    expect(load(ledger.store.file, 'as-written')).toEqual({ figures: 0, provenance: 0 });
    const altered = copyOfLedger();
    alter(altered, at);
    // figures: the two costs, the validation and the reinvestment repeat a key their row reads (the claim's actor and the
    // last cost's reordered, indented JSON repeat none; the partnership cost is folded in JavaScript in any case);
    // provenance: the claim's actor, the measurement's recordedAt and source
    expect(load(altered, 'from-altered')).toEqual({ figures: 4, provenance: 2 });
  });

  it('a log as the store wrote it: the rebuild equals live catch-up and holds every event', async () => {
    const at = await seed();
    const rebuilt = ledger.openReadModels('rebuilt.sqlite');
    const { digest } = await rebuildReadModels(ledger.store, rebuilt);
    expect(await foldLive(ledger.store, ledger.readModels)).toBe(digest);
    expect(rebuilt.read((db) => db.prepare('SELECT COUNT(*) FROM events_seen').pluck().get())).toBe(at.last);
  });
});
