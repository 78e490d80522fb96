import { useEffect, useState } from 'react';
import { apiGet, query } from './client';
import { Figure, InterventionTimeline } from './types';
import { Loaded } from './use-api';

/** Each intervention's single lines (`GET /interventions/:id/timeline`'s `lines`), by intervention id. */
export type LinesByIntervention = Map<string, InterventionTimeline['lines']>;

/**
 * The traceable single lines of a few interventions, as at the view's instant: a page whose own answer gives a
 * claim's or a validation's amount without a reference (the validation queue, a reconciliation's unclaimed benefits)
 * links it to its trace through these. One small request per intervention (a page of one decision, and the lines).
 * Settles (loaded or failed) once every intervention has answered; `null` ids: nothing to ask yet.
 */
export function useInterventionLines(
  interventionIds: string[] | null,
  asAt: string | null,
): Loaded<LinesByIntervention> {
  const ids = interventionIds === null ? null : [...new Set(interventionIds)].sort();
  const key = ids === null ? null : `${asAt ?? ''} ${ids.join(' ')}`;
  const [answer, setAnswer] = useState<{ key: string; loaded: Loaded<LinesByIntervention> } | null>(null);
  useEffect(() => {
    if (key === null || ids === null) return;
    const controller = new AbortController();
    Promise.all(
      ids.map((id) =>
        apiGet<InterventionTimeline>(
          `/interventions/${encodeURIComponent(id)}/timeline${query({ asAt, limit: 1 })}`,
          controller.signal,
        ).then((t): [string, InterventionTimeline['lines']] => [id, t.lines]),
      ),
    ).then(
      (entries) => setAnswer({ key, loaded: { state: 'loaded', data: new Map(entries) } }),
      (error: unknown) => {
        if (!controller.signal.aborted)
          setAnswer({
            key,
            loaded: { state: 'failed', error: error instanceof Error ? error : new Error(String(error)) },
          });
      },
    );
    return () => controller.abort();
  }, [key]); // eslint-disable-line react-hooks/exhaustive-deps -- key is the ids and the instant
  if (key === null) return { state: 'loading' };
  return answer && answer.key === key ? answer.loaded : { state: 'loading' };
}

/** A benefit's claimed or validated line, if the lines have it. */
export function benefitLine(
  lines: Loaded<LinesByIntervention>,
  interventionId: string,
  benefitId: string,
  which: 'claimedPence' | 'validatedPence',
): Figure | null {
  if (lines.state !== 'loaded') return null;
  return lines.data.get(interventionId)?.benefits.find((b) => b.benefitId === benefitId)?.[which] ?? null;
}
