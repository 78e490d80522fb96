import { Actor } from '../shared/actor';

/**
 * An organisation's waste-reduction report is written by its own finance staff: they record it, link its
 * lines to validated benefits and sign the reconciliation off. Returns the reason for a refusal, or null.
 */
export function refuseFinanceReportCommand(actor: Actor, organisationId: string): string | null {
  if (actor.role === 'auditor') return 'auditors read and trace; they cannot record anything';
  if (actor.role !== 'finance')
    return `role '${actor.role}' cannot record, link or sign off waste-reduction reports (finance only)`;
  return actor.organisationId === organisationId
    ? null
    : "finance records, links and signs off only its own organisation's waste-reduction reports";
}

/** The report and its reconciliation are read by that organisation's finance staff, auditors and admins. */
export function canReadFinanceReport(actor: Actor, organisationId: string): boolean {
  if (actor.role === 'auditor' || actor.role === 'admin') return true;
  return actor.role === 'finance' && actor.organisationId === organisationId;
}
