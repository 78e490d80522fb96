import { Provider } from '@nestjs/common';
import { EnrolmentDirectory } from './enrolment-directory';
import { GetPartnershipHandler } from './get-partnership.handler';
import { PartnershipCommandHandler } from './partnership-command.handler';
import { PartnershipReader } from './partnership-reader';

/** Partnership command and query handlers, registered by ApplicationModule. */
export const partnershipProviders: Provider[] = [
  EnrolmentDirectory,
  PartnershipReader,
  PartnershipCommandHandler,
  GetPartnershipHandler,
];
