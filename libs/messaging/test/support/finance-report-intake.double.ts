import { FinanceReportIntake, FinanceReportMessage, IntakeOutcome } from '../../src';

/**
 * TEST DOUBLE — stands in for the finance-report command (issue 5) behind the FinanceReportIntake port, so
 * the consumer's own logic (duplicates, dead letters, commits, retries) can be tested before that command
 * exists. It keeps the port's contract: `rejected` with a reason for a bad body, idempotent by message id,
 * throws only for an injected outage. Its validation is deliberately small (an object with an organisation
 * id, a financial year like 2019/20, and whole-pence lines adding up to `totalPence`): it does NOT prove that
 * messages are validated exactly as the HTTP API validates them — that is the wired intake's job (docs/kafka.md).
 */
export class FinanceReportIntakeDouble implements FinanceReportIntake {
  /** What the ledger would now hold: one report per message id, in the order accepted. */
  readonly accepted = new Map<string, unknown>();
  /** Every call, in order (a message handed over again after a crash appears twice). */
  readonly calls: string[] = [];
  private outages = 0;
  /** Called right after a report is accepted (tests kill the consumer here: accepted, not yet remembered). */
  onAccepted: (messageId: string) => void = () => undefined;

  /** The next `n` calls throw, as if the ledger could not be reached. */
  failNext(n: number): this {
    this.outages += n;
    return this;
  }

  accept(message: FinanceReportMessage): Promise<IntakeOutcome> {
    // a throw inside the executor rejects the promise, as the real intake's failure does
    return new Promise((resolve) => {
      resolve(this.outcomeOf(message));
    });
  }

  private outcomeOf(message: FinanceReportMessage): IntakeOutcome {
    this.calls.push(message.messageId);
    if (this.outages > 0) {
      this.outages -= 1;
      throw new Error('injected: the ledger cannot be reached');
    }
    const problem = problemWith(message.body);
    if (problem) return { outcome: 'rejected', reason: problem.reason, errors: problem.errors };
    if (this.accepted.has(message.messageId)) return { outcome: 'duplicate' };
    this.accepted.set(message.messageId, message.body);
    this.onAccepted(message.messageId);
    return { outcome: 'accepted' };
  }
}

function problemWith(body: unknown): { reason: string; errors: { field: string; message: string }[] } | null {
  const errors: { field: string; message: string }[] = [];
  const b = (typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {}) as Record<string, unknown>;
  if (typeof b.organisationId !== 'string' || !b.organisationId)
    errors.push({ field: 'organisationId', message: 'organisationId must be an organisation id' });
  if (typeof b.financialYear !== 'string' || !/^\d{4}\/\d{2}$/.test(b.financialYear))
    errors.push({ field: 'financialYear', message: 'financialYear must be written like 2019/20' });
  if (!Number.isSafeInteger(b.totalPence) || (b.totalPence as number) < 0)
    errors.push({ field: 'totalPence', message: 'totalPence must be a whole, non-negative number of pence' });
  const lines = Array.isArray(b.lines) ? (b.lines as { amountPence?: unknown }[]) : null;
  if (!lines) errors.push({ field: 'lines', message: 'lines must be a list' });
  else if (
    errors.length === 0 &&
    lines.reduce((sum, l) => sum + (Number.isSafeInteger(l.amountPence) ? (l.amountPence as number) : NaN), 0) !==
      b.totalPence
  ) {
    errors.push({ field: 'lines', message: 'the lines do not add up to totalPence' });
  }
  return errors.length ? { reason: `400: ${errors.map((e) => e.message).join('; ')}`, errors } : null;
}

/** A report body the double accepts. */
export function validReport(organisationId: string, totalPence: number) {
  return {
    organisationId,
    financialYear: '2024/25',
    totalPence,
    lines: [
      {
        lineId: 'l1',
        description: 'theatre productivity',
        amountPence: totalPence,
        cashReleasing: true,
        recurrent: false,
      },
    ],
    source: { system: 'oracle-gl', reference: `cip-${organisationId}` },
  };
}
