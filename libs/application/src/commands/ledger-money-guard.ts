import { LEDGER_MONEY_CEILING, formatPounds, moneyIn, ruleViolated } from '@benefit-ledger/domain';
import { EventStore } from '@benefit-ledger/event-store';

interface InFlight {
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
 * them, so that two commands admitted together cannot pass the ceiling between them. An append of its own that
 * lands right after what it has counted (the usual case, group-committed or not) is counted from its result, so the
 * next look at the log finds nothing new to read.
 */
export class LedgerMoneyGuard {
  private counted = 0n;
  private countedUpTo = 0;
  private readonly inFlight = new Set<InFlight>();
  private reading: Promise<void> = Promise.resolve();

  /** `ceiling`: LEDGER_MONEY_CEILING; lower only to exercise the guard without writing a ledger of £90 trillion. */
  constructor(
    private readonly store: EventStore,
    private readonly ceiling: number = LEDGER_MONEY_CEILING,
  ) {}

  /** Appends through `append` if the events' money fits under the ceiling; otherwise refuses and appends nothing. */
  async admit<R extends { position: number }>(
    events: readonly { data: unknown }[],
    append: () => Promise<R>,
  ): Promise<R> {
    const amount = moneyIn(events);
    if (amount === 0n) return append();
    await this.catchUp();
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
    const ticket: InFlight = { amount, position: null };
    this.inFlight.add(ticket);
    try {
      const result = await append();
      ticket.position = result.position;
      if (result.position - events.length === this.countedUpTo) {
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

  /** Counts what the log holds beyond what was counted; one reader at a time. */
  private catchUp(): Promise<void> {
    // a failed read (the store was unreachable) does not stop the next one
    this.reading = this.reading
      .catch(() => undefined)
      .then(async () => {
        for await (const event of this.store.readAll({ after: this.countedUpTo })) {
          if (event.position <= this.countedUpTo) continue; // counted from an append's result while this read went on
          this.counted += moneyIn([event]);
          this.countedUpTo = event.position;
        }
        for (const ticket of this.inFlight)
          if (ticket.position !== null && ticket.position <= this.countedUpTo) this.inFlight.delete(ticket);
      });
    return this.reading;
  }
}
