import { Actor } from '@benefit-ledger/domain';

/** A partnership as it stands; only auditors, admins and organisations that are or were members may read it. */
export class GetPartnershipQuery {
  constructor(
    readonly partnershipId: string,
    readonly actor: Actor,
  ) {}
}
