import { Injectable } from '@nestjs/common';
import { Projector, ReadModelStore } from '@benefit-ledger/projections';

/**
 * Which organisations' partnership figures an intervention's value reaches: those of every partnership it is
 * enrolled in (members, past and present, and holders of agreement shares). The read models serve as the index
 * from an intervention to its partnerships (caught up with the log first).
 */
@Injectable()
export class EnrolmentDirectory {
  constructor(private readonly readModels: ReadModelStore, private readonly projector: Projector) {}

  async attributionPartiesOf(interventionId: string): Promise<string[]> {
    await this.projector.caughtUp();
    return this.readModels.read((db) => db.prepare(`
      SELECT m.organisation_id FROM partnership_enrolments e JOIN partnership_members m ON m.partnership_id = e.partnership_id WHERE e.intervention_id = @id
      UNION
      SELECT s.organisation_id FROM partnership_enrolments e JOIN partnership_agreement_shares s ON s.partnership_id = e.partnership_id WHERE e.intervention_id = @id
      ORDER BY 1`).pluck().all({ id: interventionId }) as string[]);
  }
}
