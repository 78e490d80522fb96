import { PackedSeal } from './pack-layout';

interface ReadmeFacts {
  organisation: { organisationId: string; name: string };
  financialYear: string;
  generatedAt: string;
  generatedBy: { userId: string; role: string };
  upToPosition: number;
  close: { scope: unknown; closedAt: string; seal: { position: number; root: string } } | null;
  reports: { id: string; title: string; file: string }[];
  skippedReports: { id: string; reason: string }[];
  counts: { figures: number; events: number; streams: number; seals: number };
  seals: PackedSeal[];
}

const scopeWords = (scope: unknown) =>
  scope === 'system' ? 'the whole system' : `organisation ${(scope as { organisationId: string }).organisationId}`;

/** The pack's README: what it holds and how to re-verify it with nothing but sha256sum and the documented canonical form. */
export function packReadme(facts: ReadmeFacts): string {
  const seals = facts.seals.map(
    (s) =>
      `- \`seals/\` ${s.financialYear} closed for ${scopeWords(s.scope)} at ${s.closedAt}: heads of ${s.seal.streamCount} streams at global position ${s.seal.position}, root \`${s.seal.root}\``,
  );
  return `# Audit pack: ${facts.organisation.name} (${facts.organisation.organisationId}), ${facts.financialYear}

Generated ${facts.generatedAt} by ${facts.generatedBy.userId} (${facts.generatedBy.role}) from the benefit ledger, taken at global log position ${facts.upToPosition}.
${
  facts.close
    ? `${facts.financialYear} is closed for ${scopeWords(facts.close.scope)} (${facts.close.closedAt}); figures are given as closed (at the seal's position ${facts.close.seal.position}) and as restated (at position ${facts.upToPosition}).`
    : `${facts.financialYear} is not closed for this organisation: figures are given as they stand (as restated), at position ${facts.upToPosition}.`
}

${[
  `${facts.counts.figures} figures in ${facts.reports.length} reports, ${facts.counts.events} events in ${facts.counts.streams} streams, ${facts.counts.seals} seals.`,
  ...facts.reports.map((r) => `- \`${r.file}\`: ${r.title}`),
  ...facts.skippedReports.map((r) => `- not included: ${r.id} (${r.reason})`),
  ...seals,
].join('\n')}

## Files

| file | holds |
|---|---|
| \`SHA256SUMS\` | the SHA-256 of every other file, in \`sha256sum\` format |
| \`manifest.json\` | organisation, year, log position, closes, reports, counts |
| \`reports/<report>.json\` | each report as the API answers it: \`asRestated\`, \`asClosed\`, \`changedFigures\` (both values side by side), \`restatements\` (why each closed figure changed) |
| \`figures.json\` | every figure of every report, both bases, with its trace: the arithmetic (terms that sum to it) and the events behind it (stream, revision, position, hash, actor, data source) |
| \`figures.csv\` | the same, one row per figure, for spreadsheets |
| \`events.json\` | the index of \`events/\`: stream, revision, global position, event id, type, hash, file |
| \`events/<stream>/<revision>.json\` | every event of every stream behind the figures, from revision 0: the exact bytes its hash covers |
| \`seals/<year>-<scope>.json\` | each close of the year: the PeriodClosed event and its seal, with every stream's head |

## Re-verify it with standard tools

1. **No file was edited since the pack was made**: in this directory, \`sha256sum -c SHA256SUMS\`.
   (Whoever can edit a file can also edit SHA256SUMS; steps 2 and 3 do not rely on it.)

2. **Every event is what the ledger recorded, in order.** Each \`events/<stream>/<revision>.json\` holds the RFC 8785
   (JSON Canonicalization Scheme) form of \`{streamId, revision, eventId, type, data, metadata, prevHash}\`: keys sorted,
   no whitespace, numbers in their shortest ECMAScript form, UTF-8, no trailing newline. Its SHA-256 *is* the event's
   hash, so \`sha256sum events/<stream>/000003.json\` must print the \`hash\` that \`events.json\` gives for it, and the
   \`prevHash\` inside the file must be the hash of revision 2 of the same stream (64 zeros for revision 0). Any JCS
   implementation, given the parsed file, must reproduce its bytes exactly.

3. **The streams are the ones sealed when the year was closed.** A seal lists every stream's head
   \`{streamId, revision, hash}\` at its position. Each leaf is the JCS of a head, i.e.
   \`{"hash":"<hex>","revision":<n>,"streamId":"<id>"}\`, leaves sorted by streamId; the root is the RFC 6962 Merkle Tree
   Hash with SHA-256: a leaf hashes as SHA-256(0x00 || leaf); a node as SHA-256(0x01 || left || right); n leaves split at
   the largest power of two below n. With a shell:

   \`\`\`sh
   printf '\\000%s' '{"hash":"<hex>","revision":3,"streamId":"<id>"}' | sha256sum            # a leaf
   { printf '\\001'; printf '%s%s' "$LEFT" "$RIGHT" | xxd -r -p; } | sha256sum              # a node from two hex hashes
   \`\`\`

   For each stream in this pack that the seal lists, the listed hash must be the hash of that revision's event file.
   The seal's PeriodClosed event is itself in \`events/\` (its \`data.seal\` is the seal). Finally compare the root with
   the one published when the year was closed (\`GET /periods/<year>\`, the annual report): the same root means every
   stream's history up to the sealed position is exactly what was sealed, not only consistent with itself.

4. **Every figure follows from those events.** In \`figures.json\` each figure's terms sum to its trace value (capacity
   quantities in hundredths), and every event a figure names is in \`events/\` with the same hash.

All of this at once, offline: \`npm run cli -- verify-pack <this directory or its .tar.gz> [--expect-root <root>]\`; it
names the file, and the event or figure, that does not verify.

## What it does not prove

Events recorded after the last seal are protected by their hash chains only: the chains show they were not edited,
reordered or removed from within a stream, but not that nothing was appended after the seal. Seals prove the past only
as far as the root is compared with one published independently.
`;
}
