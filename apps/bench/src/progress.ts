/** Progress lines go to stderr, so stdout holds only the report (and the JSON, with --json). */
export function progress(message: string): void {
  process.stderr.write(`… ${message}\n`);
}

/** How each part is told where to send its progress lines. */
export type Progress = (message: string) => void;
