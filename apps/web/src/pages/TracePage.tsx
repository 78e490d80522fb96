import { Link } from 'react-router';
import { query } from '../api/client';
import { Trace, Verification } from '../api/types';
import { Loaded, useApi } from '../api/use-api';
import { mayVerifyLog } from '../auth/access';
import { currentSession } from '../auth/session';
import { Await, usePageReady } from '../components/Await';
import { Money, When, words } from '../components/Figures';
import { formatPence, formatQuantity } from '../money';
import { useView } from '../view/view-state';

const QUERY_NAMES: Record<string, string> = {
  'system-flows': 'System flows',
  'organisation-value': 'Organisation value',
  capacity: 'Capacity',
  'partnership-attribution': 'Partnership attribution',
  reconciliation: 'Reconciliation',
};

/** Capacity figures are quantities; every other figure is pence. */
function amount(trace: Trace, value: number): string {
  return trace.figure.query === 'capacity' && !String(trace.figure.key).includes('pence')
    ? formatQuantity(value)
    : formatPence(value);
}

/** `GET /audit/verify`, asked only for the roles that may run it. */
export function useVerification() {
  const session = currentSession();
  const allowed = session !== null && mayVerifyLog(session.role);
  const verify = useApi<Verification>(allowed ? '/audit/verify' : null);
  return { allowed, verify, settled: allowed ? verify : ({ state: 'loaded', data: null } as Loaded<unknown>) };
}

/** The hash chain's state. */
export function ChainStatus({ allowed, verify }: { allowed: boolean; verify: Loaded<Verification> }) {
  if (!allowed) {
    return (
      <p data-chain="not-checked">
        The whole log's hash chain is verified by auditors, finance and admins (<code>GET /audit/verify</code>); your
        role does not run it.
      </p>
    );
  }
  return (
    <Await loaded={verify} what="the chain's verification">
      {(v) =>
        v.ok ? (
          <p data-chain="ok">
            <strong className="nhsuk-tag nhsuk-tag--green">Verified</strong> Every hash chain verifies: {v.events}{' '}
            events in {v.streams} streams{v.seals.length ? `, ${v.seals.length} seals` : ''}.
          </p>
        ) : (
          <div className="nhsuk-error-summary" role="alert" data-chain="broken">
            <h3 className="nhsuk-error-summary__title">The log does not verify</h3>
            <div className="nhsuk-error-summary__body">
              <p>
                {v.firstBroken
                  ? `Broken at ${v.firstBroken.streamId} revision ${v.firstBroken.revision} (position ${v.firstBroken.position}): ${v.firstBroken.reason}`
                  : 'See the audit page.'}
              </p>
              {v.missingPositions.length > 0 && <p>Missing positions: {v.missingPositions.join(', ')}</p>}
            </div>
          </div>
        )
      }
    </Await>
  );
}

export function TracePage() {
  const view = useView();
  const figure = view.search.get('figure');
  const offset = Number(view.search.get('offset') ?? 0) || 0;
  const trace = useApi<Trace>(figure ? `/trace${query({ figure, offset: offset || null })}` : null);
  const chain = useVerification();
  usePageReady(figure ? trace : { state: 'loaded', data: null }, chain.settled);

  if (!figure) {
    return (
      <>
        <h1>Trace</h1>
        <p>Select any figure in the workspace to see the arithmetic behind it and the events it rests on.</p>
      </>
    );
  }
  return (
    <Await loaded={trace} what="the trace">
      {(t) => (
        <>
          <span className="nhsuk-caption-l">Trace of a figure: {QUERY_NAMES[t.figure.query] ?? t.figure.query}</span>
          <h1 data-trace-total={t.arithmetic.total}>{amount(t, t.arithmetic.total)}</h1>
          <dl className="nhsuk-summary-list">
            <div className="nhsuk-summary-list__row">
              <dt className="nhsuk-summary-list__key">The figure</dt>
              <dd className="nhsuk-summary-list__value">
                {Array.isArray(t.figure.key) ? t.figure.key.map(String).map(words).join(' · ') : String(t.figure.key)}
              </dd>
            </div>
            <div className="nhsuk-summary-list__row">
              <dt className="nhsuk-summary-list__key">Of the query</dt>
              <dd className="nhsuk-summary-list__value">
                {QUERY_NAMES[t.figure.query] ?? t.figure.query}{' '}
                {Object.entries(t.figure.parameters)
                  .flatMap(([k, v]) => (v === null ? [] : [`${k} ${v}`]))
                  .join(', ')}
              </dd>
            </div>
            <div className="nhsuk-summary-list__row">
              <dt className="nhsuk-summary-list__key">Its value then</dt>
              <dd className="nhsuk-summary-list__value">{amount(t, t.figure.value)}</dd>
            </div>
          </dl>

          <h2>The arithmetic</h2>
          <ol className="nhsuk-list nhsuk-list--number" data-list="terms" start={t.page.offset + 1}>
            {t.arithmetic.terms.map((term, n) => (
              <li key={n}>
                {term.note}{' '}
                <span className="nhsuk-u-secondary-text-colour">(events at positions {term.positions.join(', ')})</span>
              </li>
            ))}
          </ol>
          <p data-terms={t.page.terms}>
            {t.page.terms > t.arithmetic.terms.length
              ? `Terms ${t.page.offset + 1} to ${t.page.offset + t.arithmetic.terms.length} of ${t.page.terms}. `
              : `${t.page.terms} term${t.page.terms === 1 ? '' : 's'}. `}
            Total:{' '}
            <strong>
              {t.figure.query === 'capacity' ? amount(t, t.arithmetic.total) : <Money pence={t.arithmetic.total} />}
            </strong>
          </p>
          {t.page.nextOffset !== null && (
            <p>
              <Link to={view.link('/app/trace', { figure, offset: String(t.page.nextOffset) })}>Next terms</Link>
            </p>
          )}

          <h2>The events</h2>
          <ChainStatus allowed={chain.allowed} verify={chain.verify} />
          <div className="app-table-scroll">
            <table className="nhsuk-table" data-table="events">
              <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Events behind the figure</caption>
              <thead className="nhsuk-table__head">
                <tr className="nhsuk-table__row">
                  {['Position', 'Recorded', 'Type', 'Actor', 'Source', 'Hash'].map((h) => (
                    <th scope="col" key={h} className="nhsuk-table__header">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="nhsuk-table__body">
                {t.events.map((e) => (
                  <tr className="nhsuk-table__row" key={e.eventId} data-event-position={e.position}>
                    <td className="nhsuk-table__cell">
                      {e.position}
                      <br />
                      <span className="nhsuk-body-s nhsuk-u-secondary-text-colour">
                        {e.streamId} @ {e.revision}
                      </span>
                    </td>
                    <td className="nhsuk-table__cell">
                      <When instant={e.recordedAt} />
                    </td>
                    <td className="nhsuk-table__cell">{e.type}</td>
                    <td className="nhsuk-table__cell">
                      {e.actor.userId}
                      <br />
                      <span className="nhsuk-body-s nhsuk-u-secondary-text-colour">
                        {words(e.actor.role)}, {e.actor.organisationId}
                      </span>
                    </td>
                    <td className="nhsuk-table__cell">
                      {e.source ? (
                        <>
                          {e.source.system}: {e.source.reference}
                          {e.source.extractedOn ? ` (extracted ${e.source.extractedOn})` : ''}
                        </>
                      ) : (
                        '—'
                      )}
                    </td>
                    <td className="nhsuk-table__cell app-hash">{e.hash}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Await>
  );
}
