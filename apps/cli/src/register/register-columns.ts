import { Column } from '../import/csv-file';
import { CLAIM_COLUMNS, INTERVENTION_KINDS } from '../import/intervention-kinds';

/**
 * The benefits register as a file (docs/benefits-register.md "The register as a file"): one row a benefit, with
 * its intervention, the claim as it stands, its register fields, its profile, finance's decision, its forecast and
 * what arrived each year. The same columns are exported and imported; the lists of structured items (profile years,
 * dependencies, risks, actuals, costs, capacity releases, organisations) are JSON arrays in one cell, so no separator inside free text can break them.
 */
const col = (name: string, type: Column['type'], required: boolean, description: string): Column => ({
  name,
  type,
  required,
  description,
});

export const REGISTER_COLUMNS: Column[] = [
  col(
    'interventionId',
    'text',
    true,
    'the intervention (registered by the import when the ledger does not hold it yet)',
  ),
  // the intervention's own columns, as the interventions import names them
  ...INTERVENTION_KINDS.interventions.columns.filter((column) => column.name !== 'interventionId'),
  col('benefitId', 'text', true, "the benefit id, unique within the intervention (the row's identity)"),
  ...CLAIM_COLUMNS,
  col(
    'unitValuePence',
    'integer',
    false,
    'price of one unit (a catalogue price is exported as the price it was valued at)',
  ),
  col('valuePence', 'integer', true, "the value in the claim's own year, whole pence"),
  col('recurrence', 'text', true, 'recurrent or non-recurrent'),
  col('financialYear', 'text', true, "the claim's own financial year"),
  col('landingOrganisationId', 'text', true, 'where the value lands'),
  col('sourceSystem', 'text', true, 'where the claimed figure came from'),
  col('sourceReference', 'text', true, 'the report or extract id'),
  col('sourceExtractedOn', 'text', false, 'date of the extract'),
  col(
    'profileFollowingYears',
    'text',
    false,
    'JSON: [{"financialYear":"2020/21","valuePence":…}] the years after the claim\'s own',
  ),
  col('discountSchedule', 'text', false, 'standard or health (with a profile)'),
  col('optimismBiasBasisPoints', 'integer', false, 'optimism bias in basis points (with a profile)'),
  col('ownerRole', 'text', false, 'register: the role that owns the benefit'),
  col('ownerOrganisationId', 'text', false, "register: the owner's organisation"),
  col('measureSeries', 'text', false, 'register: the measurement series'),
  col('measureUnit', 'text', false, "register: the measure's unit"),
  col('baselineValue', 'number', false, 'register: baseline value'),
  col('baselineDate', 'text', false, 'register: baseline date'),
  col('targetValue', 'number', false, 'register: target value'),
  col('targetDate', 'text', false, 'register: target date'),
  col('timingFirstYear', 'text', false, 'register: first financial year it arrives'),
  col('timingDurationYears', 'integer', false, 'register: for how many years'),
  col('dependencies', 'text', false, 'register, JSON: [{"interventionId":…,"benefitId":… or null}]'),
  col('risks', 'text', false, 'register, JSON: [{"description":…,"rating":"low|medium|high"}]'),
  col('status', 'text', true, "claimed, validated or rejected: finance's decision, recorded by the import"),
  col('validatedValuePence', 'integer', false, 'validated: the value finance accepted'),
  col('validatedQuantity', 'number', false, 'validated: the quantity finance accepted'),
  col('decisionNote', 'text', false, "validated: finance's note; rejected: the reason"),
  col('validationSourceSystem', 'text', false, 'validated: what the validation was checked against'),
  col('validationSourceReference', 'text', false, 'validated: its reference'),
  col('validationSourceExtractedOn', 'text', false, 'validated: its date'),
  col(
    'forecast',
    'text',
    false,
    'exported, JSON: [{"financialYear":…,"valuePence":…}] each forecast year, undiscounted (read from the claim and its profile; ignored on import)',
  ),
  col(
    'actuals',
    'text',
    false,
    'JSON: [{"financialYear":…,"valuePence":…,"quantity":…,"source":{"system":…,"reference":…}}] what arrived each year',
  ),
  col(
    'interventionCosts',
    'text',
    false,
    'JSON: [{"costId":…,"costType":…,"category":…,"amountPence":…,"financialYear":…,"bearerOrganisationId":…,"source":{…}}] the intervention\'s costs, on its first row only',
  ),
  col(
    'capacityReleases',
    'text',
    false,
    'capacity benefits, JSON: [{"releaseId":…,"resource":…,"quantity":…,"landingOrganisationId":…,"financialYear":…,"source":{…},"harvests":[{"harvest":…,"quantity":…,"rationale":…,"source":{…},"cashReleases":[{"amountPence":…,"budgetLine":…,"source":{…}}],"reinvestments":[{"quantity":…,"into":{"description":…,"organisationId":…},"valuePence":… or null,"source":{…}}]}]}]',
  ),
  col(
    'organisations',
    'text',
    false,
    'first row only, JSON: [{"organisationId":…,"name":…,"type":…,"system":… or null}] every organisation the file names, registered by the import when the ledger does not hold them',
  ),
];

export const REGISTER_COLUMN_NAMES = REGISTER_COLUMNS.map((c) => c.name);

/** One row as exported: every cell text (empty for a value not recorded). */
export type RegisterRow = Record<string, string>;
