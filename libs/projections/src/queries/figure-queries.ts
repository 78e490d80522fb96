import { capacityQuery } from './capacity.query';
import { FigureQueryModule } from './figure-query';
import { FigureQuery } from './figure-ref';
import { interventionValueQuery } from './intervention-value.query';
import { organisationValueQuery } from './organisation-value.query';
import { partnershipAttributionQuery } from './partnership-attribution.query';
import { reconciliationQuery } from './reconciliation.query';
import { systemFlowsQuery } from './system-flows.query';

/**
 * Every query whose figures can be traced, by the name a figure reference carries: a new query is one module
 * (figure-query.ts) and one line here, and /trace serves its figures.
 */
export const FIGURE_QUERY_MODULES: { [Q in FigureQuery]: FigureQueryModule<Q> } = {
  'system-flows': systemFlowsQuery,
  'organisation-value': organisationValueQuery,
  capacity: capacityQuery,
  'partnership-attribution': partnershipAttributionQuery,
  reconciliation: reconciliationQuery,
  'intervention-value': interventionValueQuery,
};
