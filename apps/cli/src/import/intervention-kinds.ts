import { ClassConstructor } from 'class-transformer';
import { DomainEvent, InterventionCommand } from '@benefit-ledger/domain';
import {
  ClaimBenefitDto,
  RecordCostDto,
  RegisterInterventionDto,
  claimBenefitCommand,
  recordCostCommand,
  registerInterventionCommand,
} from '@benefit-ledger/contracts';
import { Column, CsvRow } from './csv-file';

/**
 * The row-per-entity import layouts: each row is one command on one intervention's stream, validated by the
 * same DTO as the HTTP body and turned into the same domain command. The entity's id column is required (it is
 * the row's identity: a re-import finds what it recorded).
 */
export interface InterventionRowKind {
  kind: 'interventions' | 'costs' | 'benefits';
  summary: string;
  columns: Column[];
  dto: ClassConstructor<object>;
  /** The body the HTTP API would receive for this row. */
  body(cells: CsvRow['cells']): Record<string, unknown>;
  /** DTO and domain field paths -> columns (e.g. source.system -> sourceSystem). */
  columnByField: Record<string, string>;
  idColumn: string;
  /** Where an access refusal points. */
  accessColumn: string;
  command(dto: object, cells: CsvRow['cells']): InterventionCommand;
  /** The data of the events that recorded this kind's entities in one intervention's stream, by the id in idColumn. */
  recordedIn(history: readonly DomainEvent[]): Map<unknown, Record<string, unknown>>;
  describe(cells: CsvRow['cells']): string;
}

const col = (name: string, type: Column['type'], required: boolean, description: string): Column => ({
  name,
  type,
  required,
  description,
});
const SOURCE_COLUMNS = [
  col('sourceSystem', 'text', true, 'where the figure came from, e.g. PAS'),
  col('sourceReference', 'text', true, 'the report or extract id'),
  col('sourceExtractedOn', 'text', false, 'date of the extract, e.g. 2020-05-14'),
];
const SOURCE_FIELDS = {
  'source.system': 'sourceSystem',
  'source.reference': 'sourceReference',
  'source.extractedOn': 'sourceExtractedOn',
  source: 'sourceSystem',
};
const sourceOf = (cells: Record<string, unknown>) => ({
  system: cells.sourceSystem,
  reference: cells.sourceReference,
  extractedOn: cells.sourceExtractedOn,
});
const recordedBy = (type: string, idField: string) => (history: readonly DomainEvent[]) =>
  new Map(
    history
      .filter((e) => e.type === type)
      .map((e) => [(e.data as Record<string, unknown>)[idField], e.data as Record<string, unknown>]),
  );

/** What a benefit claim is, column by column: the same in the benefits import and the register file. */
export const CLAIM_COLUMNS: readonly Column[] = [
  col(
    'benefitType',
    'text',
    true,
    'cash-releasing, capacity, cost-avoidance, quality, safety, workforce, environmental or patient-experience',
  ),
  col('lens', 'text', true, 'economic, social or strategic'),
  col('description', 'text', true, 'what the benefit is'),
  col('quantityValue', 'number', true, 'how much, up to two decimals'),
  col('quantityUnit', 'text', true, 'e.g. bed-days'),
  col('valuationMethod', 'text', true, 'actual, unit-cost, proxy or estimate'),
];

export const INTERVENTION_KINDS: Record<InterventionRowKind['kind'], InterventionRowKind> = {
  interventions: {
    kind: 'interventions',
    summary: 'registers interventions (a contributor of each lead organisation)',
    columns: [
      col('interventionId', 'text', true, "the intervention id (the row's identity)"),
      col('title', 'text', true, 'what the intervention is'),
      col('leadOrganisationId', 'text', true, 'the organisation that leads it'),
      col('pathway', 'text', false, 'clinical pathway'),
      col('method', 'text', false, 'improvement method'),
      col('economic', 'boolean', true, 'economic lens: true or false'),
      col('social', 'boolean', true, 'social lens: true or false'),
      col('strategic', 'boolean', true, 'strategic lens: true or false'),
      col('strategicPriorities', 'list', false, 'priorities, separated by ;'),
    ],
    dto: RegisterInterventionDto,
    body: (cells) => ({
      interventionId: cells.interventionId,
      title: cells.title,
      leadOrganisationId: cells.leadOrganisationId,
      pathway: cells.pathway,
      method: cells.method,
      lenses: { economic: cells.economic, social: cells.social, strategic: cells.strategic },
      strategicPriorities: cells.strategicPriorities,
    }),
    columnByField: {
      'lenses.economic': 'economic',
      'lenses.social': 'social',
      'lenses.strategic': 'strategic',
      lenses: 'economic',
    },
    idColumn: 'interventionId',
    accessColumn: 'leadOrganisationId',
    command: (dto, c) => registerInterventionCommand(dto as RegisterInterventionDto, String(c.interventionId)),
    recordedIn: recordedBy('InterventionRegistered', 'interventionId'),
    describe: (c) => `intervention '${String(c.interventionId)}'`,
  },
  costs: {
    kind: 'costs',
    summary: 'records intervention costs (a contributor or finance of the lead organisation)',
    columns: [
      col('interventionId', 'text', true, 'the intervention the cost belongs to'),
      col('costId', 'text', true, "the cost id, unique within the intervention (the row's identity)"),
      col('costType', 'text', true, 'direct or indirect'),
      col('category', 'text', true, 'e.g. improvement-team-time'),
      col('amountPence', 'integer', true, 'whole pence'),
      col('financialYear', 'text', true, 'e.g. 2019/20'),
      col('bearerOrganisationId', 'text', true, 'the organisation that bore the cost'),
      ...SOURCE_COLUMNS,
    ],
    dto: RecordCostDto,
    body: (cells) => ({
      costId: cells.costId,
      costType: cells.costType,
      category: cells.category,
      amountPence: cells.amountPence,
      financialYear: cells.financialYear,
      bearerOrganisationId: cells.bearerOrganisationId,
      source: sourceOf(cells),
    }),
    columnByField: SOURCE_FIELDS,
    idColumn: 'costId',
    accessColumn: 'interventionId',
    command: (dto, c) => recordCostCommand(dto as RecordCostDto, String(c.costId)),
    recordedIn: recordedBy('CostRecorded', 'costId'),
    describe: (c) => `cost '${String(c.costId)}' of intervention '${String(c.interventionId)}'`,
  },
  benefits: {
    kind: 'benefits',
    summary:
      'claims benefits (a contributor of the lead organisation); valuePence may be left empty when unitCostId values the benefit from the catalogue',
    columns: [
      col('interventionId', 'text', true, 'the intervention claiming the benefit'),
      col('benefitId', 'text', true, "the benefit id, unique within the intervention (the row's identity)"),
      ...CLAIM_COLUMNS,
      col(
        'unitCostId',
        'text',
        false,
        'a unit cost in the catalogue (method unit-cost): the system values the benefit',
      ),
      col('unitValuePence', 'integer', false, 'price of one unit, when not from the catalogue'),
      col('valuePence', 'integer', false, 'whole pence; required unless unitCostId is given'),
      col('recurrence', 'text', true, 'recurrent or non-recurrent'),
      col('financialYear', 'text', true, 'e.g. 2019/20'),
      col('landingOrganisationId', 'text', true, 'where the value lands'),
      col('evidence', 'list', false, 'ids of measurements recorded for the intervention, separated by ;'),
      ...SOURCE_COLUMNS,
    ],
    dto: ClaimBenefitDto,
    body: (cells) => ({
      benefitId: cells.benefitId,
      benefitType: cells.benefitType,
      lens: cells.lens,
      description: cells.description,
      quantity: { value: cells.quantityValue, unit: cells.quantityUnit },
      valuation: { method: cells.valuationMethod, unitCostId: cells.unitCostId, unitValuePence: cells.unitValuePence },
      valuePence: cells.valuePence,
      recurrence: cells.recurrence,
      financialYear: cells.financialYear,
      landingOrganisationId: cells.landingOrganisationId,
      evidence: cells.evidence,
      source: sourceOf(cells),
    }),
    columnByField: {
      ...SOURCE_FIELDS,
      'quantity.value': 'quantityValue',
      'quantity.unit': 'quantityUnit',
      quantity: 'quantityValue',
      'valuation.method': 'valuationMethod',
      'valuation.unitCostId': 'unitCostId',
      'valuation.unitValuePence': 'unitValuePence',
      valuation: 'valuationMethod',
    },
    idColumn: 'benefitId',
    accessColumn: 'interventionId',
    command: (dto, c) => claimBenefitCommand(dto as ClaimBenefitDto, String(c.benefitId)),
    recordedIn: recordedBy('BenefitClaimed', 'benefitId'),
    describe: (c) => `benefit '${String(c.benefitId)}' of intervention '${String(c.interventionId)}'`,
  },
};

/**
 * The column a DTO or domain field path names: `evidence[1]` -> evidence, `source.system` -> sourceSystem; a refusal
 * naming no field is about the intervention itself.
 */
export function columnOf(
  kind: { columns: Column[]; columnByField: Record<string, string>; idColumn: string },
  field: string | undefined,
): string {
  if (!field) return 'interventionId';
  const path = field.replace(/\[\d+\]/g, '');
  if (kind.columnByField[path]) return kind.columnByField[path];
  if (kind.columns.some((c) => c.name === path)) return path;
  return kind.idColumn;
}
