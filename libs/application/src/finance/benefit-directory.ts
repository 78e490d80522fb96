import { Injectable } from '@nestjs/common';
import { LinkableBenefit } from '@benefit-ledger/domain';
import { Projector, ReadModelStore } from '@benefit-ledger/projections';
import { InterventionReader } from '../interventions/intervention-reader';

/** Finds benefits for finance links: the facts come from the intervention's own stream. */
@Injectable()
export class BenefitDirectory {
  constructor(private readonly interventions: InterventionReader, private readonly readModels: ReadModelStore, private readonly projector: Projector) {}

  /** What a link needs to know about a benefit, or null when the intervention never claimed it. */
  async linkable(interventionId: string, benefitId: string): Promise<LinkableBenefit | null> {
    const benefit = (await this.interventions.find(interventionId))?.benefits.get(benefitId);
    if (!benefit) return null;
    const { benefitType, recurrence, financialYear, landingOrganisationId, status, validatedValuePence } = benefit;
    return { interventionId, benefitId, benefitType, recurrence, financialYear, landingOrganisationId, status, validatedValuePence };
  }

  /**
   * The interventions that claimed a benefit with this id. The read models serve only as the index from a
   * benefit id to its intervention (caught up with the log first); nothing else is taken from them.
   */
  async interventionsClaiming(benefitId: string): Promise<string[]> {
    await this.projector.caughtUp();
    return this.readModels.read((db) => db.prepare('SELECT DISTINCT intervention_id AS id FROM benefits WHERE benefit_id = ? ORDER BY 1')
      .all(benefitId) as { id: string }[]).map((r) => r.id);
  }
}
