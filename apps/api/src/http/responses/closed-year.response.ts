import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';

/** A close of one organisation's figures (else the close is of the whole system: `"system"`). */
export class OrganisationScope {
  @ApiProperty({ example: 'riverside-teaching-hospitals' }) organisationId: string;
}

/** `scope`: `"system"` or `{ organisationId }` (the class using it must name OrganisationScope as an extra model). */
export const SCOPE = {
  oneOf: [{ type: 'string', enum: ['system'] }, { $ref: getSchemaPath(OrganisationScope) }],
  description: '"system" (closed for every organisation) or the one organisation it was closed for',
};

export class CloseSeal {
  @ApiProperty({ type: 'integer', description: 'the log position sealed' }) position: number;
  @ApiProperty({ type: 'integer' }) streamCount: number;
  @ApiProperty({ description: 'Merkle root (hex) of every stream head at the position' }) root: string;
}

/** A close of a financial year as reports show it. */
@ApiExtraModels(OrganisationScope)
export class YearClose {
  @ApiProperty(SCOPE) scope: 'system' | OrganisationScope;
  @ApiProperty({ format: 'date-time' }) closedAt: string;
  @ApiProperty({ type: 'integer', description: 'position of the PeriodClosed event' }) position: number;
  @ApiProperty({ type: CloseSeal }) seal: CloseSeal;
}

/** A close a restatement changes the figures of. */
@ApiExtraModels(OrganisationScope)
export class RestatedClose {
  @ApiProperty(SCOPE) scope: 'system' | OrganisationScope;
  @ApiProperty({ type: 'integer' }) position: number;
  @ApiProperty({ type: 'integer' }) sealPosition: number;
  @ApiProperty() root: string;
}

export class RestatementChange {
  @ApiProperty({ format: 'uuid' }) eventId: string;
  @ApiProperty({ example: 'CostRecorded' }) type: string;
}

export class RestatementActor {
  @ApiProperty() userId: string;
  @ApiProperty() role: string;
}

/** A change to a closed year's figures and why, recorded in the same append as the change. */
export class Restatement {
  @ApiProperty({ type: 'integer' }) position: number;
  @ApiProperty() streamId: string;
  @ApiProperty({ type: 'integer' }) revision: number;
  @ApiProperty({ example: '2019/20' }) financialYear: string;
  @ApiProperty() reason: string;
  // stored as JSON: the type the code reads it as is unknown[], the document says what it holds
  @ApiProperty({ type: [RestatedClose] }) closes: unknown[];
  @ApiProperty({ type: [String] }) organisationIds: string[];
  @ApiProperty({ type: [RestatementChange] }) changes: RestatementChange[];
  @ApiProperty({ type: RestatementActor }) actor: RestatementActor;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
}

export class ChangedFigureValue {
  @ApiProperty() value: number;
  @ApiProperty({ type: String, nullable: true, description: 'null when the figure did not exist on this side' }) ref:
    string | null;
}

/** A figure whose value differs between the year as closed and as restated. */
export class ChangedFigure {
  @ApiProperty({ example: 'landedHere.byType.capacity' }) path: string;
  @ApiProperty({ enum: ['pence', 'quantity', 'pence-per-pound'] }) unit: 'pence' | 'quantity' | 'pence-per-pound';
  @ApiProperty({ type: ChangedFigureValue }) asClosed: ChangedFigureValue;
  @ApiProperty({ type: ChangedFigureValue }) asRestated: ChangedFigureValue;
  @ApiProperty() difference: number;
}

/** `period` of a report for a year not closed for its subject: the closes there are (of others). */
export class OpenYear {
  @ApiProperty({ example: '2019/20' }) financialYear: string;
  // a boolean enum would be documented as a number by @nestjs/swagger: the required fields tell the two periods apart
  @ApiProperty({ type: Boolean, description: 'false: not closed for this report' }) closed: false;
  @ApiProperty({ type: [YearClose] }) closes: YearClose[];
}

/**
 * `period` of a report for a closed year: the close, the same report as closed (`asClosed`, declared by each
 * report's subclass), each figure changed since and the restatements that changed them.
 */
export abstract class ClosedYear {
  @ApiProperty({ example: '2019/20' }) financialYear: string;
  @ApiProperty({ type: Boolean, description: 'true: closed for this report' }) closed: true;
  @ApiProperty({ type: YearClose }) close: YearClose;
  @ApiPropertyOptional({
    description: 'why there was no such report at the close (e.g. formed later); asClosed is then null',
  })
  asClosedUnavailable?: string;
  @ApiProperty({ type: [ChangedFigure] }) changedFigures: ChangedFigure[];
  @ApiProperty({ type: [Restatement] }) restatements: Restatement[];
}

/** `period`, present when a financialYear is asked for without asAt: open or closed (`closed` tells which). */
export const periodOf = (closedYear: new () => ClosedYear) => ({
  oneOf: [{ $ref: getSchemaPath(OpenYear) }, { $ref: getSchemaPath(closedYear) }],
  description:
    'with ?financialYear= and no asAt: whether the year is closed for this report, and if so the report as closed beside it',
});
