import { ApiProperty } from '@nestjs/swagger';

export class WriteResultDto {
  @ApiProperty() streamId: string;
  @ApiProperty({
    description: 'the stream revision after this write; send it as If-Match to write again at this revision',
  })
  revision: number;
  @ApiProperty({ description: 'global log position of the last event written' }) position: number;
  @ApiProperty({ type: [String] }) eventIds: string[];
}
