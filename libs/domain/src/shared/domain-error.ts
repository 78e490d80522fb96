/**
 * Why the domain refused a command. The edges map each kind to a status:
 * `rule-violated` 422, `not-found` 404, `invalid-reference` 400 (names the field), `conflict` 409.
 */
export type DomainErrorKind = 'rule-violated' | 'not-found' | 'invalid-reference' | 'conflict';

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    /** A short stable name for the rule, e.g. `harvest-exceeds-release`. */
    readonly rule: string,
    message: string,
    /** The input field the error is about, when there is one (e.g. `benefitId`). */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const ruleViolated = (rule: string, message: string, field?: string) =>
  new DomainError('rule-violated', rule, message, field);
export const notFound = (rule: string, message: string, field?: string) =>
  new DomainError('not-found', rule, message, field);
export const invalidReference = (field: string, message: string) =>
  new DomainError('invalid-reference', 'unknown-reference', message, field);
export const conflict = (rule: string, message: string, field?: string) =>
  new DomainError('conflict', rule, message, field);
