import { createContext, ReactNode, useCallback, useContext, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { apiGet } from '../api/client';
import { ListPage, Organisation } from '../api/types';
import { useView } from '../view/view-state';

interface Names {
  names: Record<string, string>;
  want: (organisationId: string) => void;
}

const NamesContext = createContext<Names>({ names: {}, want: () => undefined });

/**
 * Organisation names, read once from `GET /organisations` (up to 500). Should that list not answer, each name is
 * asked for once with `GET /organisations/:id`; until a name is known the id is shown.
 */
export function OrganisationNames({ children }: { children: ReactNode }) {
  const [names, setNames] = useState<Record<string, string>>({});
  const list = useRef<'asking' | 'answered' | 'failed'>('asking');
  const asked = useRef(new Set<string>());
  const waiting = useRef(new Set<string>());

  const askOne = useCallback((id: string) => {
    if (asked.current.has(id)) return;
    asked.current.add(id);
    apiGet<Organisation>(`/organisations/${encodeURIComponent(id)}`).then(
      (organisation) => setNames((known) => ({ ...known, [id]: organisation.name })),
      () => undefined, // the id stays shown
    );
  }, []);

  useEffect(() => {
    apiGet<ListPage<Organisation>>('/organisations?offset=0&limit=500').then(
      (page) => {
        list.current = 'answered';
        setNames((known) => ({ ...Object.fromEntries(page.items.map((o) => [o.organisationId, o.name])), ...known }));
      },
      () => {
        list.current = 'failed';
        waiting.current.forEach(askOne);
      },
    );
  }, [askOne]);

  const want = useCallback(
    (id: string) => {
      if (list.current === 'failed') askOne(id);
      else if (list.current === 'asking') waiting.current.add(id);
    },
    [askOne],
  );

  return <NamesContext.Provider value={{ names, want }}>{children}</NamesContext.Provider>;
}

export function useOrganisationName(id: string | null | undefined): string {
  const { names, want } = useContext(NamesContext);
  useEffect(() => {
    if (id) want(id);
  }, [id, want]);
  if (!id) return 'No recorded investment';
  return names[id] ?? id;
}

/** An organisation's name, linked to its page. */
export function OrgLink({ id }: { id: string | null | undefined }) {
  const name = useOrganisationName(id);
  const { link } = useView();
  if (!id) return <>{name}</>;
  return <Link to={link(`/app/organisations/${encodeURIComponent(id)}`)}>{name}</Link>;
}

export function OrgName({ id }: { id: string | null | undefined }) {
  return <>{useOrganisationName(id)}</>;
}

/** Several organisations' names at once (for a chart's labels). */
export function useOrganisationNames(ids: readonly string[]): Record<string, string> {
  const { names, want } = useContext(NamesContext);
  const key = ids.join('\n');
  useEffect(() => {
    if (key) key.split('\n').forEach(want);
  }, [key, want]);
  return names;
}
