import { randomUUID } from 'node:crypto';
import {
  FinanceReportCommandMessage,
  ForbiddenError,
  IdempotencyRecords,
  WriteResult,
  deterministicIds,
  requestFingerprint,
} from '@benefit-ledger/application';
import { Actor, DomainError } from '@benefit-ledger/domain';
import { FinanceReportIntake, FinanceReportMessage, IntakeOutcome } from '@benefit-ledger/messaging';
import { parseWasteReductionReport, statusOf } from '@benefit-ledger/contracts';
import { Core } from '../application-context';

/** Who the ledger records as having reported, for a report that came in over Kafka. */
export const FINANCE_REPORTS_INTEGRATION = 'integration:benefit-ledger.finance-reports.v1';

/**
 * Where the finance-report consumer meets the finance-report command: each message is validated exactly as
 * `POST /finance/reports` validates its body (parseWasteReductionReport, the same DTO), then sent through the
 * same command handler (access, period lock, the domain's rules) as finance of the report's organisation, the
 * Kafka topic being the trusted channel finance systems write to (restrict who may produce to it).
 *
 * Idempotent by message id exactly as the HTTP API is by Idempotency-Key: the first answer is recorded under the
 * actor (the integration, as finance of the report's organisation) and the message id; the command's event ids
 * derive from them, so a message handed over again after a crash between the append and that record collapses into
 * the first append. The same message id with another body for the same organisation is refused (dead-lettered).
 */
export const financeReportIntake = (core: Core): FinanceReportIntake => {
  const records = core.context.get(IdempotencyRecords);
  return {
    async accept({ messageId, body, origin }: FinanceReportMessage): Promise<IntakeOutcome> {
      const parsed = parseWasteReductionReport(body);
      if ('errors' in parsed) {
        return {
          outcome: 'rejected',
          reason: `400: ${parsed.errors.flatMap((e) => e.messages).join('; ')}`,
          errors: parsed.errors,
        };
      }
      const { command } = parsed;
      const requestHash = requestFingerprint('KAFKA', origin.topic, body);
      const actor: Actor = {
        userId: FINANCE_REPORTS_INTEGRATION,
        role: 'finance',
        organisationId: command.organisationId,
      };
      const found = await records.lookup(actor, messageId, requestHash);
      if (found.kind === 'replay') return { outcome: 'duplicate' };
      if (found.kind === 'reused')
        return {
          outcome: 'rejected',
          reason: `409: message-id '${messageId}' was already used for a different report`,
        };

      const ids = deterministicIds(actor, messageId);
      const causationId = `kafka:${origin.topic}/${origin.partition}/${origin.offset}`;
      let result: WriteResult;
      try {
        result = await core.commands.execute(
          new FinanceReportCommandMessage(command.organisationId, command.financialYear, command, {
            actor,
            now: new Date(),
            newId: randomUUID,
            idempotentEventIdAt: ids.eventIdAt,
            correlationId: messageId,
            causationId,
          }),
        );
      } catch (error) {
        if (error instanceof DomainError)
          return { outcome: 'rejected', reason: `${statusOf(error.kind).status}: ${error.message}` };
        if (error instanceof ForbiddenError) return { outcome: 'rejected', reason: `403: ${error.reason}` };
        throw error; // the store unreachable, or another writer in between: the consumer tries the same message again
      }
      const recorded = await records.record(
        actor,
        messageId,
        { requestHash, method: 'KAFKA', path: origin.topic, statusCode: 201, body: result },
        { now: new Date(), eventId: ids.responseEventId, correlationId: messageId, causationId: randomUUID() },
      );
      if (recorded.kind === 'reused')
        return {
          outcome: 'rejected',
          reason: `409: message-id '${messageId}' was already used for a different report`,
        };
      return { outcome: 'accepted' };
    },
  };
};
