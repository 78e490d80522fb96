import { ApiProperty } from '@nestjs/swagger';

/** Who recorded an event, from their token: user, organisation acted for, role. */
export class RecordedActor {
  @ApiProperty({ example: 'finance@riverside-teaching-hospitals' }) userId: string;
  @ApiProperty({ example: 'riverside-teaching-hospitals' }) organisationId: string;
  @ApiProperty({ example: 'finance' }) role: string;
}
