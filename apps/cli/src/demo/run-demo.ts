import { randomUUID } from 'node:crypto';
import {
  AppConfig,
  CommandContext,
  InterventionCommandMessage,
  PartnershipCommandMessage,
  PublishUnitCostCommand,
  RegisterOrganisationCommand,
} from '@benefit-ledger/application';
import { Actor } from '@benefit-ledger/domain';
import { openCore } from '../application-context';
import { CATALOGUE_PUBLISHER, DEMO_UNIT_COSTS } from './demo-catalogue';
import { DEMO_ORGANISATIONS, DEMO_SYSTEM } from './demo-organisations';
import { demoPartnershipSteps } from './demo-partnership';
import { demoSteps } from './demo-scenario';
import { demoSummary } from './demo-summary';

export class DataDirNotEmptyError extends Error {}

const context = (actor: Actor, correlationId: string): CommandContext => {
  const causationId = randomUUID();
  return { actor, now: new Date(), newId: randomUUID, correlationId, causationId };
};

/** Fills an empty store with the demo scenario through the same command handlers as the API. */
export async function runDemo(config: AppConfig): Promise<{ events: number; summary: string[] }> {
  const core = await openCore(config);
  try {
    for await (const _ of core.store.readAll({ batchSize: 1 })) {
      throw new DataDirNotEmptyError(
        `the log in ${config.dataDir} already has events: run the demo on a fresh DATA_DIR (e.g. DATA_DIR=./demo-data npm run demo)`,
      );
    }
    const admin: Actor = { userId: 'demo.admin', organisationId: DEMO_SYSTEM, role: 'admin' };
    const correlationId = `demo-${randomUUID()}`;
    let events = 0;
    for (const organisation of DEMO_ORGANISATIONS) {
      const result = await core.commands.execute(
        new RegisterOrganisationCommand(
          {
            type: 'RegisterOrganisation',
            organisationId: organisation.organisationId,
            name: organisation.name,
            organisationType: organisation.type,
            system: DEMO_SYSTEM,
          },
          context(admin, correlationId),
        ),
      );
      events += result.eventIds.length;
    }
    for (const unitCost of DEMO_UNIT_COSTS) {
      const result = await core.commands.execute(
        new PublishUnitCostCommand(unitCost, context(CATALOGUE_PUBLISHER, correlationId)),
      );
      events += result.eventIds.length;
    }
    for (const step of demoSteps()) {
      const result = await core.commands.execute(
        new InterventionCommandMessage(step.interventionId, step.command, context(step.actor, correlationId)),
      );
      events += result.eventIds.length;
    }
    for (const step of demoPartnershipSteps()) {
      const result = await core.commands.execute(
        new PartnershipCommandMessage(step.partnershipId, step.command, context(step.actor, correlationId)),
      );
      events += result.eventIds.length;
    }
    return { events, summary: await demoSummary(core.store, [...new Set(demoSteps().map((s) => s.interventionId))]) };
  } finally {
    await core.context.close();
  }
}
