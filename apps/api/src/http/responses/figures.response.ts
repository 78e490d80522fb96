import { ApiProperty, getSchemaPath } from '@nestjs/swagger';

/** A money figure of a report: whole pence and the reference /trace accepts to show the events and arithmetic behind it. */
export class Figure {
  @ApiProperty({ type: 'integer', description: 'integer pence (GBP); may be negative for a net figure or a variance' })
  pence: number;
  @ApiProperty({
    description: 'pass to GET /trace?figure= to see the events behind this figure',
    example: 'fig1.WyJzeXN0ZW0tZmxvd3MiLHt9LCJbXCJ2YWxpZGF0ZWRcIl0iXQ',
  })
  ref: string;
}

/** A quantity figure (capacity: bed-days, hours…), at most two decimal places, with its reference. */
export class QuantityFigure {
  @ApiProperty({ description: 'at most two decimal places' }) quantity: number;
  @ApiProperty({ description: 'pass to GET /trace?figure= to see the events behind this figure' }) ref: string;
}

/** `Record<string, Figure>` in the document: one figure per key (a benefit type, a lens…). Figure must be an extra model where used. */
export const FIGURES_BY_KEY = { type: 'object', additionalProperties: { $ref: getSchemaPath(Figure) } } as const;
