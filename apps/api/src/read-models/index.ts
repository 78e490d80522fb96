import { CapacityController } from './capacity.controller';
import { OrganisationValueController } from './organisation-value.controller';
import { PartnershipAttributionController } from './partnership-attribution.controller';
import { SystemController } from './system.controller';
import { TraceController } from './trace.controller';

export const readModelControllers = [
  SystemController,
  OrganisationValueController,
  CapacityController,
  PartnershipAttributionController,
  TraceController,
];
