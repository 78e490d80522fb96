import { Actor } from '../shared/actor';
import { PartnershipCommand } from './partnership.commands';
import { PartnershipState, isCurrentLead } from './partnership.state';

/**
 * Who may write to a partnership (docs/design.md#access: "partnership-lead manages its partnerships").
 * Only a partnership-lead writes: it forms a partnership only with its own organisation among the
 * members as 'lead', and manages one only while its organisation is a current 'lead' member.
 * Auditors never write. Returns the reason for a refusal, or null.
 */
export function refusePartnershipCommand(
  actor: Actor,
  command: PartnershipCommand,
  state: PartnershipState,
): string | null {
  if (actor.role === 'auditor') return 'auditors read and trace; they cannot record anything';
  if (actor.role !== 'partnership-lead')
    return `role '${actor.role}' cannot do ${command.type} (partnership-lead only)`;
  if (command.type === 'FormPartnership') {
    return command.members.some((m) => m.organisationId === actor.organisationId && m.role === 'lead')
      ? null
      : "a partnership-lead forms only partnerships in which its own organisation is a member with role 'lead'";
  }
  return isCurrentLead(state, actor.organisationId)
    ? null
    : "a partnership-lead manages only partnerships in which its own organisation is a current 'lead' member";
}

/** Auditors and admins read every partnership; anyone else only one its organisation is or was a member of. */
export function canReadPartnership(actor: Actor, state: PartnershipState): boolean {
  if (actor.role === 'auditor' || actor.role === 'admin') return true;
  return (
    state.members.some((m) => m.organisationId === actor.organisationId) ||
    state.formerMembers.some((m) => m.organisationId === actor.organisationId)
  );
}
