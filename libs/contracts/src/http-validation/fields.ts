import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  CALENDAR_DATE_RULE,
  FINANCIAL_YEAR_RULE,
  FIRST_FINANCIAL_YEAR,
  ID_PATTERN,
  INSTANT_RULE,
  LAST_FINANCIAL_YEAR,
  isCalendarDate,
  isFinancialYear,
  isInstant,
} from '@benefit-ledger/domain';
import { ArrayMinSize, ArrayUnique } from 'class-validator';

/**
 * One decorator per kind of field: it validates (class-validator) and documents (OpenAPI) at once,
 * so every DTO states each rule once. `optional` fields may be omitted; nothing else may be.
 */
interface FieldOptions {
  optional?: boolean;
  /** Required unless `when(object)` holds, e.g. a value the system computes when the client leaves it out. */
  requiredUnless?: { when: (object: never) => boolean; message: string };
  /** One of two alternatives: exactly one of this field and `other` must be given (the error names this field). */
  oneOf?: { other: string; message: string };
  description?: string;
  example?: unknown;
}

const api = (field: FieldOptions, extra: Record<string, unknown>) =>
  (field.optional || field.requiredUnless || field.oneOf ? ApiPropertyOptional : ApiProperty)({
    description: field.description,
    example: field.example,
    ...extra,
  });
// absent: required unless the other is given; given: refused if the other is too
const oneOf = (other: string, message: string) => {
  const given = (object: object) => (object as Record<string, unknown>)[other] !== undefined;
  return applyDecorators(
    ValidateIf((object: object, value: unknown) => value !== undefined || !given(object)),
    IsDefined({ message }),
    ValidateBy({
      name: 'oneOf',
      validator: {
        validate: (_value, args) => args !== undefined && !given(args.object),
        defaultMessage: () => message,
      },
    }),
  );
};
// optional means "may be left out", not "may be null" (class-validator's IsOptional lets null through)
const omittable = () =>
  applyDecorators(
    ValidateIf((_object: object, value: unknown) => value !== undefined),
    IsDefined({ message: '$property must not be null: leave it out instead' }),
  );
const presence = (field: FieldOptions) => {
  if (field.optional) return omittable();
  if (field.oneOf) return oneOf(field.oneOf.other, field.oneOf.message);
  const unless = field.requiredUnless;
  if (!unless) return IsDefined();
  return applyDecorators(
    ValidateIf((object: object, value: unknown) => value !== undefined || !unless.when(object as never)),
    IsDefined({ message: unless.message }),
  );
};

/** Text, at most `max` characters; with `pattern`, only of that form (the message says what else it must be). */
export const TextField = (field: FieldOptions & { max?: number; pattern?: { regex: RegExp; message: string } } = {}) =>
  applyDecorators(
    api(field, {
      type: String,
      minLength: 1,
      maxLength: field.max ?? 500,
      ...(field.pattern ? { pattern: field.pattern.regex.source } : {}),
    }),
    presence(field),
    IsString(),
    IsNotEmpty(),
    MaxLength(field.max ?? 500),
    ...(field.pattern ? [Matches(field.pattern.regex, { message: field.pattern.message })] : []),
  );

export const IdField = (field: FieldOptions = {}) =>
  applyDecorators(
    api(field, { type: String, pattern: ID_PATTERN.source }),
    presence(field),
    IsString(),
    Matches(ID_PATTERN, {
      message: '$property must be an id: letters, digits and . _ : - (at most 100, starting with a letter or digit)',
    }),
  );

/** Integer pence: whole, not negative, within the safe integer range. */
export const PenceField = (field: FieldOptions = {}) =>
  applyDecorators(
    api(field, {
      type: 'integer',
      minimum: 0,
      maximum: Number.MAX_SAFE_INTEGER,
      description: field.description ?? 'money in integer pence (GBP)',
    }),
    presence(field),
    IsInt({ message: '$property must be a whole number of pence' }),
    Min(0, { message: '$property must not be negative' }),
    Max(Number.MAX_SAFE_INTEGER, { message: '$property is beyond the safe integer range' }),
  );

/** A financial year `2019/20`, from 1948/49 to 2099/00 (the domain's isFinancialYear). */
export const FinancialYearField = (field: FieldOptions = {}) =>
  applyDecorators(
    api(field, {
      type: String,
      example: '2019/20',
      pattern: '^\\d{4}/\\d{2}$',
      description: field.description ?? `${FIRST_FINANCIAL_YEAR} to ${LAST_FINANCIAL_YEAR}`,
    }),
    presence(field),
    ValidateBy({
      name: 'isFinancialYear',
      validator: { validate: isFinancialYear, defaultMessage: () => `$property must be ${FINANCIAL_YEAR_RULE}` },
    }),
  );

export const EnumField = (values: readonly string[], field: FieldOptions = {}) =>
  applyDecorators(
    api(field, { enum: values }),
    presence(field),
    IsIn(values as string[], { message: `$property must be one of: ${values.join(', ')}` }),
  );

/** A calendar date `2019-04-01` and no other ISO 8601 form (the domain's isCalendarDate). */
export const DateField = (field: FieldOptions = {}) =>
  applyDecorators(
    api(field, {
      type: String,
      format: 'date',
      example: '2019-04-01',
      pattern: '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$',
    }),
    presence(field),
    ValidateBy({
      name: 'isCalendarDate',
      validator: { validate: isCalendarDate, defaultMessage: () => `$property must be ${CALENDAR_DATE_RULE}` },
    }),
  );

/** An instant: a full ISO 8601 date-time with seconds and Z or an offset (the domain's isInstant). */
export const InstantField = (field: FieldOptions = {}) =>
  applyDecorators(
    api(field, { type: String, format: 'date-time', example: '2020-03-31T23:59:59Z' }),
    presence(field),
    ValidateBy({
      name: 'isInstant',
      validator: { validate: isInstant, defaultMessage: () => `$property must be ${INSTANT_RULE}` },
    }),
  );

/**
 * At most two decimal places, however the number is written: class-validator's own maxDecimalPlaces throws (a 500)
 * on a number JSON.parse gives in exponent form, such as 5e-324 (found by schemathesis).
 */
const atMostTwoDecimalPlaces = (value: unknown) => typeof value === 'number' && Math.round(value * 100) / 100 === value;

/** Capacity quantities: not negative, at most two decimal places. */
export const QuantityField = (field: FieldOptions = {}) =>
  applyDecorators(
    api(field, { type: Number, minimum: 0, maximum: 1e12 }),
    presence(field),
    IsNumber(
      { allowNaN: false, allowInfinity: false },
      { message: '$property must be a number with at most 2 decimal places' },
    ),
    ValidateBy({
      name: 'atMostTwoDecimalPlaces',
      validator: {
        validate: atMostTwoDecimalPlaces,
        defaultMessage: () => '$property must be a number with at most 2 decimal places',
      },
    }),
    Min(0, { message: '$property must not be negative' }),
    Max(1e12, { message: '$property is implausibly large' }),
  );

export const NumberField = (field: FieldOptions = {}) =>
  applyDecorators(api(field, { type: Number }), presence(field), IsNumber({ allowNaN: false, allowInfinity: false }));

export const BooleanField = (field: FieldOptions = {}) =>
  applyDecorators(api(field, { type: Boolean }), presence(field), IsBoolean());

/**
 * @nestjs/swagger resolves a lazy type only from a function literally named `type` (`{ type: () => Dto }`); the
 * factory passed in here has another name, so without this every nested body's schema was an empty $ref.
 */
const lazyType = (type: () => new () => object) => ({ type: () => type() }).type;

export const NestedField = (type: () => new () => object, field: FieldOptions = {}) =>
  applyDecorators(
    api(field, { type: lazyType(type) }),
    presence(field),
    IsObject({ message: '$property must be an object' }),
    ValidateNested(),
    Type(type),
  );

export const TextListField = (field: FieldOptions & { maxItems?: number; pattern?: RegExp } = {}) =>
  applyDecorators(
    api(field, {
      type: 'array',
      maxItems: field.maxItems ?? 50,
      items: { type: 'string', maxLength: 200, ...(field.pattern ? { pattern: field.pattern.source } : {}) },
    }),
    presence(field),
    IsArray(),
    ArrayMaxSize(field.maxItems ?? 50),
    IsString({ each: true }),
    MaxLength(200, { each: true }),
    ...(field.pattern ? [Matches(field.pattern, { each: true, message: '$property must contain ids only' })] : []),
  );

/** A list of objects, each validated as `type`; errors name the element, e.g. members[0].organisationId. */
export const NestedListField = (
  type: () => new () => object,
  field: FieldOptions & { minItems?: number; maxItems?: number } = {},
) =>
  applyDecorators(
    api(field, { type: lazyType(type), isArray: true, minItems: field.minItems ?? 0, maxItems: field.maxItems ?? 50 }),
    presence(field),
    IsArray({ message: '$property must be an array' }),
    ArrayMinSize(field.minItems ?? 0, { message: `$property must have at least ${field.minItems ?? 0} item(s)` }),
    ArrayMaxSize(field.maxItems ?? 50),
    IsObject({ each: true, message: '$property must contain objects only' }),
    ValidateNested({ each: true }),
    Type(type),
  );

/** Basis points: whole numbers, 10000 = 100%; at least 1 unless `min` says otherwise. */
export const BasisPointsField = (field: FieldOptions & { min?: 0 | 1 } = {}) =>
  applyDecorators(
    api(field, {
      type: 'integer',
      minimum: field.min ?? 1,
      maximum: 10_000,
      description: field.description ?? 'basis points (10000 = 100%)',
    }),
    presence(field),
    IsInt({ message: '$property must be a whole number of basis points' }),
    Min(field.min ?? 1, {
      message: `$property must be at least ${field.min ?? 1} basis point${field.min === 0 ? 's' : ''}`,
    }),
    Max(10_000, { message: '$property must not exceed 10000 basis points (100%)' }),
  );

/** A non-empty list of distinct values from `values`. */
export const EnumListField = (values: readonly string[], field: FieldOptions = {}) =>
  applyDecorators(
    api(field, { enum: values, isArray: true, minItems: 1, uniqueItems: true }),
    presence(field),
    IsArray({ message: '$property must be an array' }),
    ArrayMinSize(1, { message: '$property must name at least one value' }),
    ArrayMaxSize(values.length),
    ArrayUnique({ message: '$property must not repeat a value' }),
    IsIn(values as string[], { each: true, message: `$property must each be one of: ${values.join(', ')}` }),
  );

/** A whole number given in a query string ("?limit=100"): digits only, within [min, max]. */
export const QueryIntField = (field: FieldOptions & { min: number; max: number }) =>
  applyDecorators(
    api(field, { type: 'integer', minimum: field.min, maximum: field.max }),
    presence(field),
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : value,
    ),
    IsInt({ message: '$property must be a whole number' }),
    Min(field.min, { message: `$property must be at least ${field.min}` }),
    Max(field.max, { message: `$property must be at most ${field.max}` }),
  );
