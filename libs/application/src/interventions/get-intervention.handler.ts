import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { fieldsNotRecorded, fromHundredths } from '@benefit-ledger/domain';
import { GetInterventionQuery } from './get-intervention.query';
import { InterventionReader } from './intervention-reader';

/** The intervention as it stands: status, benefits and capacity releases (revision for If-Match). */
@QueryHandler(GetInterventionQuery)
export class GetInterventionHandler implements IQueryHandler<GetInterventionQuery> {
  constructor(private readonly reader: InterventionReader) {}

  async execute({ interventionId }: GetInterventionQuery) {
    const { state, revision } = await this.reader.read(interventionId);
    return {
      interventionId: state.interventionId,
      title: state.title,
      leadOrganisationId: state.leadOrganisationId,
      status: state.status,
      lenses: state.lenses,
      strategicPriorities: state.strategicPriorities,
      revision,
      costs: [...state.costs.values()],
      measurementIds: [...state.measurementIds],
      benefits: [...state.benefits.values()].map(
        ({ quantity, unit, validatedQuantity, register, actualYears: _actualYears, ...b }) => ({
          ...b,
          quantity: { value: fromHundredths(quantity), unit },
          validatedQuantity: validatedQuantity === null ? null : fromHundredths(validatedQuantity),
          register: { ...register, notRecorded: fieldsNotRecorded(register) },
        }),
      ),
      capacityReleases: [...state.releases.values()].map((r) => ({
        releaseId: r.releaseId,
        benefitId: r.benefitId,
        resource: r.resource,
        landingOrganisationId: r.landingOrganisationId,
        financialYear: r.financialYear,
        released: fromHundredths(r.released),
        harvested: {
          'cash-release': fromHundredths(r.harvested['cash-release']),
          reinvest: fromHundredths(r.harvested.reinvest),
          unharvested: fromHundredths(r.harvested.unharvested),
        },
        undecided: fromHundredths(
          r.released - r.harvested['cash-release'] - r.harvested.reinvest - r.harvested.unharvested,
        ),
        reinvested: fromHundredths(r.reinvested),
        cashReleasedPence: r.cashReleasedPence,
        reinvestments: r.reinvestments.map((x) => ({ quantity: fromHundredths(x.quantity), valuePence: x.valuePence })),
      })),
    };
  }
}
