import { Injectable } from '@nestjs/common';
import { InterventionCommand, externalDependencies, invalidReference } from '@benefit-ledger/domain';
import { InterventionReader } from '../interventions/intervention-reader';

/**
 * A register's dependencies on other interventions name interventions that are registered, and benefits claimed
 * for them (400 naming the dependency). Dependencies within the intervention are the decider's to check.
 */
@Injectable()
export class RegisterDependencyCheck {
  constructor(private readonly interventions: InterventionReader) {}

  async requireExisting(interventionId: string, command: InterventionCommand): Promise<void> {
    if (command.type !== 'ClaimBenefit' && command.type !== 'ReviseBenefit') return;
    for (const dependency of externalDependencies(command.register, interventionId)) {
      const state = await this.interventions.requireRegistered(
        `${dependency.field}.interventionId`,
        dependency.interventionId,
      );
      if (dependency.benefitId !== null && !state.benefits.has(dependency.benefitId)) {
        throw invalidReference(
          `${dependency.field}.benefitId`,
          `${dependency.field}.benefitId names benefit '${dependency.benefitId}', which was not claimed for intervention '${dependency.interventionId}'`,
        );
      }
    }
  }
}
