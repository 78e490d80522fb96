import { LEDGER_MONEY_CEILING, formatPounds, moneyIn, ruleViolated } from '@benefit-ledger/domain';
import { CommittedAppend, EventStore, onlyOwnCommitsPast } from '@benefit-ledger/event-store';

interface InFlight {
  events: readonly unknown[];
  amount: bigint;
  position: number | null;
}

/**
 * Keeps the sum of every money figure in the ledger within LEDGER_MONEY_CEILING, so that no total the ledger
 * reports can leave the exact integer range: an append that would take it past is refused (422
 * `ledger-money-ceiling`) before anything is written.
 *
 * It follows the log itself (reading only what is new since it last looked), so appends by any process or replica
 * count; appends of this process still on their way count from the moment they are admitted until the log shows
 * them, so that two commands admitted together cannot pass the ceiling between them.
 *
 * With a store that tells what it commits (`onAppended`, SQLite), every append through that store (guarded or not)
 * is counted from the store's own notice, given as the group commits, so the log is read only when its head has
 * moved past what was counted: another process or store wrote. Each admission then looks at the log's head
 * only (one indexed value), not at its tail. Without notices (EventStoreDB) an append of its own that lands right
 * after what was counted is counted from its result, and each admission reads what is new.
 */
export class LedgerMoneyGuard {
  private counted = 0n;
  private countedUpTo = 0;
  private readonly inFlight = new Set<InFlight>();
  private reading: Promise<void> = Promise.resolve();
  /** Whether the log has been read to its head here since this guard began to listen to the store's notices. */
  private readOnce = false;
  /** Whether the store tells this guard of every append it commits (and so the log need be read only if its head moved). */
  private readonly followsAppends: boolean;

  /** `ceiling`: LEDGER_MONEY_CEILING; lower only to exercise the guard without writing a ledger of £90 trillion. */
  constructor(
    private readonly store: EventStore,
    private readonly ceiling: number = LEDGER_MONEY_CEILING,
  ) {
    this.followsAppends = store.onAppended?.((appends) => this.countCommitted(appends)) !== undefined;
  }

  /**
   * Appends through `append` if the events' money fits under the ceiling; otherwise refuses and appends nothing.
   * `headSeen`: the log's head as the command just looked at it (the runner's one look), so the guard need not.
   */
  async admit<R extends { position: number }>(
    events: readonly { data: unknown }[],
    append: () => Promise<R>,
    headSeen?: number,
  ): Promise<R> {
    const amount = moneyIn(events);
    if (amount === 0n) return append();
    await this.catchUp(headSeen);
    // no await between the look at the log and the admission: admissions are decided one at a time
    let pending = 0n;
    for (const ticket of this.inFlight) pending += ticket.amount;
    const after = this.counted + pending + amount;
    if (after > BigInt(this.ceiling)) {
      throw ruleViolated(
        'ledger-money-ceiling',
        `recording ${formatPounds(Number(amount))} would take the sum of all money in the ledger (${formatPounds(Number(this.counted + pending))}) past its ceiling of ${formatPounds(this.ceiling)}, beyond which totals could not be exact`,
      );
    }
    const ticket: InFlight = { events, amount, position: null };
    this.inFlight.add(ticket);
    try {
      const result = await append();
      ticket.position = result.position;
      if (this.followsAppends) {
        // counted by the store's notice already, unless another writer's events lie between (the next look reads them)
        if (result.position <= this.countedUpTo) this.inFlight.delete(ticket);
      } else if (result.position - events.length === this.countedUpTo) {
        // positions are contiguous within an append: these are exactly the next events of the log
        this.counted += amount;
        this.countedUpTo = result.position;
        this.inFlight.delete(ticket);
      }
      return result;
    } catch (error) {
      this.inFlight.delete(ticket);
      throw error;
    }
  }

  /**
   * The store's notice of a group it committed, before any append in it is answered: each append that lands right
   * after what was counted is counted now (positions are contiguous within an append), and its ticket, if admitted
   * here, leaves the in-flight sum at the same moment, so it is never counted twice nor missed.
   */
  private countCommitted(appends: readonly CommittedAppend[]): void {
    for (const { events, position, written } of appends) {
      if (written && position - events.length === this.countedUpTo) {
        this.counted += moneyIn(events);
        this.countedUpTo = position;
      }
      for (const ticket of this.inFlight) {
        if (ticket.events !== events) continue;
        ticket.position = position;
        if (position <= this.countedUpTo) this.inFlight.delete(ticket);
      }
    }
  }

  /** Counts what the log holds beyond what was counted; one reader at a time. */
  private async catchUp(headSeen?: number): Promise<void> {
    // every append of this store is counted from its notice: the log is read only if another writer moved its head.
    // Its own commits whose notice is on its way count as in flight until told (their tickets are still pending), once
    // the log has been read here: what the store committed before this guard listened was never told to it.
    if (this.followsAppends) {
      const head = headSeen ?? (await this.store.headPosition());
      if (head <= this.countedUpTo) return;
      if (this.readOnce && onlyOwnCommitsPast(this.store.ownCommits?.(), this.countedUpTo, head)) return;
    }
    // a failed read (the store was unreachable) does not stop the next one
    this.reading = this.reading
      .catch(() => undefined)
      .then(async () => {
        for await (const event of this.store.readAll({ after: this.countedUpTo })) {
          if (event.position <= this.countedUpTo) continue; // counted from an append's result while this read went on
          this.counted += moneyIn([event]);
          this.countedUpTo = event.position;
        }
        this.readOnce = true;
        for (const ticket of this.inFlight)
          if (ticket.position !== null && ticket.position <= this.countedUpTo) this.inFlight.delete(ticket);
      });
    return this.reading;
  }
}
