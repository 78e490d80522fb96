/* What an audit pack's verification reports. */

/** Something in a pack that does not verify: the file, and the event or figure in it when there is one. */
export interface PackProblem {
  file: string;
  event?: { streamId: string; revision: number; position: number; eventId: string; type: string };
  figure?: string;
  reason: string;
}

export interface PackVerification {
  ok: boolean;
  organisationId: string | null;
  financialYear: string | null;
  files: number;
  events: number;
  streams: number;
  figures: number;
  seals: { file: string; financialYear: string; scope: unknown; position: number; root: string }[];
  problems: PackProblem[];
}
