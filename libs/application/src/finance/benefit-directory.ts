import { Injectable } from '@nestjs/common';
import { InterventionState, LinkableBenefit } from '@benefit-ledger/domain';
import { Projector, ReadModelStore, benefitClaims } from '@benefit-ledger/projections';
import { InterventionReader } from '../interventions/intervention-reader';

/** Finds benefits for finance links: the facts come from the intervention's own stream. */
@Injectable()
export class BenefitDirectory {
  constructor(
    private readonly interventions: InterventionReader,
    private readonly readModels: ReadModelStore,
    private readonly projector: Projector,
  ) {}

  /**
   * What a link needs to know about a benefit, or null when the intervention never claimed it: a lookup for one
   * request, which reads each intervention's stream once however many of its benefits the request names.
   */
  linkables(): (interventionId: string, benefitId: string) => Promise<LinkableBenefit | null> {
    const streams = new Map<string, Promise<InterventionState | null>>();
    return async (interventionId, benefitId) => {
      let state = streams.get(interventionId);
      if (!state) streams.set(interventionId, (state = this.interventions.find(interventionId)));
      const benefit = (await state)?.benefits.get(benefitId);
      if (!benefit) return null;
      const { benefitType, recurrence, financialYear, landingOrganisationId, status, validatedValuePence } = benefit;
      return {
        interventionId,
        benefitId,
        benefitType,
        recurrence,
        financialYear,
        landingOrganisationId,
        status,
        validatedValuePence,
      };
    };
  }

  /**
   * The interventions that claimed a benefit with each of these ids (in id order). The read models serve only as
   * the index from a benefit id to its intervention (caught up with the log first, once); nothing else is taken from them.
   */
  async interventionsClaiming(benefitIds: readonly string[]): Promise<Map<string, string[]>> {
    if (benefitIds.length === 0) return new Map();
    await this.projector.caughtUp();
    const rows = this.readModels.read((db) => benefitClaims(db, benefitIds));
    const claiming = new Map<string, string[]>();
    for (const { benefitId, id } of rows) claiming.set(benefitId, [...(claiming.get(benefitId) ?? []), id]);
    return claiming;
  }
}
