import { ReactNode, useEffect } from 'react';
import { useLocation } from 'react-router';
import { Loaded } from '../api/use-api';
import { Problem } from './Problem';

/** Shows what is loading, the refusal explained, or the page's content. */
export function Await<T>({
  loaded,
  what,
  whoMayRead,
  children,
}: {
  loaded: Loaded<T>;
  what: string;
  whoMayRead?: string;
  children: (data: T) => ReactNode;
}) {
  if (loaded.state === 'loading')
    return (
      <p className="nhsuk-body" aria-live="polite">
        Loading {what}…
      </p>
    );
  if (loaded.state === 'failed') return <Problem error={loaded.error} whoMayRead={whoMayRead} />;
  return <>{children(loaded.data)}</>;
}

/**
 * Marks the page ready once everything it asked for has answered (or been refused): `data-page-ready` on <html>
 * and a `page-ready` performance mark, which the browser tests wait for and time.
 */
export function usePageReady(...states: Loaded<unknown>[]) {
  const settled = states.every((s) => s.state !== 'loading');
  const { pathname, search } = useLocation();
  useEffect(() => {
    if (!settled) return;
    document.documentElement.dataset.pageReady = pathname + search;
    performance.mark('page-ready');
  }, [settled, pathname, search]);
}

/** Marks a page that asks nothing of the API as ready. */
export function useStaticPageReady() {
  usePageReady();
}
