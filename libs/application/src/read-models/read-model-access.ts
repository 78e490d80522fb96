import { Injectable } from '@nestjs/common';
import { Actor } from '@benefit-ledger/domain';
import { ReadModelStore } from '@benefit-ledger/projections';
import { ForbiddenError } from '../application-errors';

/** Partnership figures are for the partnership's members (present or past), auditors and admins. */
@Injectable()
export class ReadModelAccess {
  constructor(private readonly readModels: ReadModelStore) {}

  requirePartnershipReader(actor: Actor, partnershipId: string): void {
    if (actor.role === 'auditor' || actor.role === 'admin') return;
    const member = this.readModels.read((db) =>
      db
        .prepare('SELECT 1 FROM partnership_members WHERE partnership_id = ? AND organisation_id = ? LIMIT 1')
        .get(partnershipId, actor.organisationId),
    );
    if (!member)
      throw new ForbiddenError(`only members of partnership '${partnershipId}', auditors and admins read its figures`);
  }
}
