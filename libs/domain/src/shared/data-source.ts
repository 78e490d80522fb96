/** Where a figure came from: required wherever a number enters the ledger. */
export interface DataSource {
  readonly system: string;
  readonly reference: string;
  readonly extractedOn?: string;
}
