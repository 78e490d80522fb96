import { CommandHandler, ICommandHandler, IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { editionInForce, refuseUnitCostCommand, unitCostDecider, unitCostStreamId } from '@benefit-ledger/domain';
import { WriteResult } from '../commands/command-context';
import { StreamCommandRunner } from '../commands/stream-command-runner';
import { UnitCostCatalogue } from './unit-cost-catalogue';
import { GetUnitCostQuery, PublishUnitCostCommand } from './unit-cost.command';

@CommandHandler(PublishUnitCostCommand)
export class PublishUnitCostHandler implements ICommandHandler<PublishUnitCostCommand, WriteResult> {
  constructor(private readonly runner: StreamCommandRunner) {}

  execute({ command, context }: PublishUnitCostCommand): Promise<WriteResult> {
    return this.runner.run({
      decider: unitCostDecider,
      streamId: unitCostStreamId(command.unitCostId),
      command,
      context,
      refuse: () => refuseUnitCostCommand(context.actor),
    });
  }
}

@QueryHandler(GetUnitCostQuery)
export class GetUnitCostHandler implements IQueryHandler<GetUnitCostQuery> {
  constructor(private readonly catalogue: UnitCostCatalogue) {}

  async execute({ unitCostId, financialYear }: GetUnitCostQuery) {
    const { state, revision } = await this.catalogue.read(unitCostId);
    return {
      unitCostId: state.unitCostId,
      resource: state.resource,
      unit: state.unit,
      revision,
      editions: state.editions,
      ...(financialYear ? { financialYear, inForce: editionInForce(state, financialYear) } : {}),
    };
  }
}

export const valuationProviders = [UnitCostCatalogue, PublishUnitCostHandler, GetUnitCostHandler];
