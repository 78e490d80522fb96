import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InterventionValue, interventionValue } from '@benefit-ledger/domain';
import { GetInterventionValueQuery } from './get-intervention-value.query';
import { InterventionReader } from './intervention-reader';

@QueryHandler(GetInterventionValueQuery)
export class GetInterventionValueHandler implements IQueryHandler<GetInterventionValueQuery, InterventionValue & { revision: number }> {
  constructor(private readonly reader: InterventionReader) {}

  async execute({ interventionId }: GetInterventionValueQuery) {
    const { state, revision } = await this.reader.read(interventionId);
    return { ...interventionValue(state), revision };
  }
}
