/** The actor may not do this (403). Nothing was appended. */
export class ForbiddenError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'ForbiddenError';
  }
}

/** The stream moved on since the client read it (409). Nothing was appended. */
export class ConcurrencyConflictError extends Error {
  constructor(
    readonly streamId: string,
    readonly expectedRevision: number,
    readonly actualRevision: number,
  ) {
    super(`stream '${streamId}' is at revision ${actualRevision}, not ${expectedRevision}: read it again and retry`);
    this.name = 'ConcurrencyConflictError';
  }
}
