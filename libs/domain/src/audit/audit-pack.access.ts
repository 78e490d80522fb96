import { Actor } from '../shared/actor';

/** Auditors produce audit packs for any organisation; everyone else for their own organisation only (docs/design.md#access). */
export function refuseAuditPack(actor: Actor, organisationId: string): string | null {
  return actor.role === 'auditor' || actor.organisationId === organisationId
    ? null
    : 'an audit pack is produced for your own organisation only (auditors: for any organisation)';
}
