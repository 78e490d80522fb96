import { RecordCostDto } from '../interventions/record-cost.dto';

/** The cost of taking part in the programme itself, direct or indirect, as an intervention cost; the bearer is a current member. */
export class RecordPartnershipCostDto extends RecordCostDto {}
