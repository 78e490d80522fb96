import { Injectable } from '@nestjs/common';
import { Projector, ReadModelStore, attributionPartiesOfIntervention } from '@benefit-ledger/projections';

/**
 * Which organisations' partnership figures an intervention's value reaches: those of every partnership it is
 * enrolled in (members, past and present, and holders of agreement shares). The read models serve as the index
 * from an intervention to its partnerships (caught up with the log first).
 */
@Injectable()
export class EnrolmentDirectory {
  constructor(
    private readonly readModels: ReadModelStore,
    private readonly projector: Projector,
  ) {}

  async attributionPartiesOf(interventionId: string): Promise<string[]> {
    await this.projector.caughtUp();
    return this.readModels.read((db) => attributionPartiesOfIntervention(db, interventionId));
  }
}
