import { OmitType } from '@nestjs/swagger';
import { RecordCostDto } from '../../interventions/dto/record-cost.dto';

/** The cost of taking part in the programme itself: an intervention cost without a cost type; the bearer is a current member. */
export class RecordPartnershipCostDto extends OmitType(RecordCostDto, ['costType'] as const) {}
