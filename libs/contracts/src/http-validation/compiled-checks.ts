import { ID_PATTERN } from '@benefit-ledger/domain';

/**
 * A compiled check of one DTO: plain code that answers the instance class-transformer would make of `plain` when
 * `plain` certainly passes the DTO's class-validator rules (with validatorOptions: no unknown field, nested ones
 * included), and null otherwise. Null means "not sure", never "refused": the validation pipe then runs
 * class-transformer and class-validator as before, which decide and word every refusal. So the decorators stay the
 * contract, and a check may leave rare valid bodies to them (a restatement, text longer than its limit in UTF-16
 * units but not in characters); it must never accept what they refuse (property-tested against them).
 */
export type CompiledCheck<Dto extends object> = (plain: unknown) => Dto | null;

export type PlainObject = Record<string, unknown>;

/** A JSON object (not null, not an array), as class-validator's IsObject, and only those keys. */
export function isObjectWithOnly(value: unknown, allowed: ReadonlySet<string>): value is PlainObject {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  for (const key of Object.keys(value)) if (!allowed.has(key)) return false;
  return true;
}

/**
 * TextField: a non-empty string of at most `max` UTF-16 units. class-validator's MaxLength counts characters (a
 * surrogate pair once), never more than `length`, so anything within `max` units is within `max` characters.
 */
export const isText = (value: unknown, max: number): boolean =>
  typeof value === 'string' && value.length > 0 && value.length <= max;

/** IdField: a string of the id pattern. */
export const isIdText = (value: unknown): boolean => typeof value === 'string' && ID_PATTERN.test(value);

/** PenceField: a whole number from 0 to the largest safe integer. */
export const isPence = (value: unknown): boolean => Number.isSafeInteger(value) && (value as number) >= 0;

/** An instance of `type` with the plain object's own keys copied on, as class-transformer's plainToInstance does. */
export function instanceOf<Dto extends object>(
  type: new () => Dto,
  plain: PlainObject,
  nested: Partial<Dto> = {},
): Dto {
  return Object.assign(new type(), plain, nested);
}
