import { useCallback, useEffect, useState } from 'react';
import { apiGet } from './client';

export type Loaded<T> = { state: 'loading' } | { state: 'failed'; error: Error } | { state: 'loaded'; data: T };

/**
 * GETs `path` (nothing while it is null) and follows it when it changes. An answer always belongs to the path that
 * asked: while a new path is on its way the old answer is not shown as if it were the new one, and a late answer to
 * an earlier path is dropped. `reload` asks again (after a write).
 */
export function useApi<T>(path: string | null): Loaded<T> & { reload: () => void } {
  const [answer, setAnswer] = useState<{ key: string; loaded: Loaded<T> } | null>(null);
  const [generation, setGeneration] = useState(0);
  const key = `${generation} ${path}`;
  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    apiGet<T>(path, controller.signal).then(
      (data) => setAnswer({ key, loaded: { state: 'loaded', data } }),
      (error: unknown) => {
        if (!controller.signal.aborted)
          setAnswer({
            key,
            loaded: { state: 'failed', error: error instanceof Error ? error : new Error(String(error)) },
          });
      },
    );
    return () => controller.abort();
  }, [key]); // eslint-disable-line react-hooks/exhaustive-deps -- key is path and generation
  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  const loaded: Loaded<T> = answer && answer.key === key ? answer.loaded : { state: 'loading' };
  return { ...loaded, reload };
}
