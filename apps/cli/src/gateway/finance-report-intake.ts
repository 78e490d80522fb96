import { FinanceReportIntake } from '@benefit-ledger/messaging';
import { Core } from '../application-context';

/**
 * Where the finance-report consumer meets the finance-report command (issue 5). NOT WIRED YET: the command
 * and its body validation land with issue 5; until then this is null and `gateway` runs the relay only,
 * saying so. To wire it, return an intake that, for each message,
 * - validates `message.body` exactly as `POST /finance/reports` does (whitelist, unknown fields refused) and
 *   answers `{ outcome: 'rejected', reason: '400: …', errors }` when it is invalid;
 * - dispatches the command through `core.commands` with `message.messageId` as its idempotency key, acting as
 *   the integration (e.g. userId `integration:benefit-ledger.finance-reports.v1`, role finance, the body's
 *   organisation) and with the origin (topic, partition, offset) in the report's source;
 * - answers `accepted`, or `duplicate` when the key was already used, and `rejected` with the message of a
 *   DomainError (422 / 404 / 400 / 409 …);
 * - lets any other error (the store unreachable) throw, so the consumer waits and retries.
 * See libs/messaging/src/ports/finance-report-intake.port.ts for the contract.
 */
export const financeReportIntake: ((core: Core) => FinanceReportIntake) | null = null;
