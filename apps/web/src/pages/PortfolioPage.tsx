import { SubmitEvent, useState } from 'react';
import { Link } from 'react-router';
import { apiGet, query, saveFile } from '../api/client';
import { InterventionSummary, Lenses, ListAnswer } from '../api/types';
import { useApi } from '../api/use-api';
import { Await, usePageReady } from '../components/Await';
import { FigureLink, StatusTag, words } from '../components/Figures';
import { OrgLink } from '../components/OrgName';
import { useView, viewParams } from '../view/view-state';

const PAGE_SIZE = 25;
const STATUSES = ['registered', 'approved', 'active', 'paused', 'stopped', 'closed'];
const LENSES = ['economic', 'social', 'strategic'] as const;

/** The lenses an intervention is seen through, in LENSES order; none when the answer gives none. */
const lensesOf = (lenses: Lenses | undefined) => (lenses ? LENSES.filter((lens) => lenses[lens]) : []);
/** The list's own sort keys (docs/api-lists.md): the API sorts, so every page of a long list is in one order. */
type SortKey = 'title' | 'costs' | 'claimed' | 'validated' | 'rejected' | 'roi';

function csvCell(value: string | number | null | undefined): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The interventions as CSV, money in pence as the API gives it, one row each. */
function portfolioCsv(items: InterventionSummary[]): string {
  const header = [
    'interventionId',
    'title',
    'leadOrganisationId',
    'status',
    'pathway',
    'lenses',
    'costsPence',
    'claimedPence',
    'validatedPence',
    'rejectedPence',
    'roiPerPound',
  ];
  const rows = items.map((i) =>
    [
      i.interventionId,
      i.title,
      i.leadOrganisationId,
      i.status,
      i.pathway ?? '',
      lensesOf(i.lenses).join(';'),
      i.costsPence.pence,
      i.claimedPence.pence,
      i.validatedPence.pence,
      i.rejectedPence.pence,
      i.roi?.perPound ?? '',
    ]
      .map(csvCell)
      .join(','),
  );
  return [header.join(','), ...rows].join('\r\n') + '\r\n';
}

export function PortfolioPage() {
  const view = useView();
  const filters = {
    q: view.search.get('q') ?? '',
    leadOrganisationId: view.search.get('leadOrganisationId') ?? '',
    status: view.search.get('status') ?? '',
    lens: view.search.get('lens') ?? '',
  };
  const offset = Math.max(0, Number(view.search.get('offset') ?? 0) || 0);
  const sort = (view.search.get('sort') ?? 'title') as SortKey;
  const order = view.search.get('order') === 'desc' ? 'desc' : view.search.get('order') === 'asc' ? 'asc' : null;
  const listQuery = { ...filters, sort: sort === 'title' ? null : sort, order, ...viewParams(view) };

  const list = useApi<ListAnswer<InterventionSummary>>(
    `/interventions${query({ ...listQuery, offset, limit: PAGE_SIZE })}`,
  );
  usePageReady(list);

  const [draft, setDraft] = useState(filters);
  // the draft follows the filters when the URL changes: adjusted while rendering, as React advises
  const filtersKey = [filters.q, filters.leadOrganisationId, filters.status, filters.lens].join('\u0000');
  const [draftOf, setDraftOf] = useState(filtersKey);
  if (draftOf !== filtersKey) {
    setDraftOf(filtersKey);
    setDraft(filters);
  }
  const filter = (event: SubmitEvent) => {
    event.preventDefault();
    view.change({ ...draft, offset: null });
  };

  // The API's default order is ascending by title and descending by a figure.
  const effectiveOrder = order ?? (sort === 'title' ? 'asc' : 'desc');
  const sortButton = (key: SortKey, label: string) => {
    const next = sort === key ? (effectiveOrder === 'asc' ? 'desc' : 'asc') : key === 'title' ? 'asc' : 'desc';
    return (
      <button
        type="button"
        className="app-link-button"
        onClick={() => view.change({ sort: key === 'title' ? null : key, order: next, offset: null })}
      >
        {label}
        <span className="nhsuk-u-visually-hidden">: sort {next === 'asc' ? 'ascending' : 'descending'}</span>
        {sort === key ? (effectiveOrder === 'asc' ? ' ▲' : ' ▼') : ''}
      </button>
    );
  };
  const ariaSort = (key: SortKey) =>
    sort === key ? (effectiveOrder === 'asc' ? 'ascending' : 'descending') : undefined;

  const [downloading, setDownloading] = useState(false);
  const download = async (total: number) => {
    setDownloading(true);
    try {
      const items: InterventionSummary[] = [];
      for (let from = 0; from < total; from += 500) {
        const page = await apiGet<ListAnswer<InterventionSummary>>(
          `/interventions${query({ ...listQuery, offset: from, limit: 500 })}`,
        );
        items.push(...page.items);
      }
      saveFile(new Blob([portfolioCsv(items)], { type: 'text/csv' }), 'portfolio.csv');
    } finally {
      setDownloading(false);
    }
  };

  return (
    <>
      <h1>Portfolio</h1>
      <p>
        Every intervention with its costs and the value claimed, validated by finance and rejected
        {view.financialYear ? ` in ${view.financialYear} (only that year's costs and benefits)` : ', all years'}. Select
        a figure for its trace.
      </p>
      <details className="nhsuk-details" open={Object.values(filters).some(Boolean)}>
        <summary className="nhsuk-details__summary">
          <span className="nhsuk-details__summary-text">Filter interventions</span>
        </summary>
        <div className="nhsuk-details__text">
          <form className="app-inline-form" onSubmit={filter} noValidate>
            <div className="nhsuk-form-group">
              <label className="nhsuk-label" htmlFor="filter-text">
                Title or id contains
              </label>
              <input
                className="nhsuk-input nhsuk-input--width-20"
                id="filter-text"
                value={draft.q}
                onChange={(e) => setDraft({ ...draft, q: e.target.value })}
              />
            </div>
            <div className="nhsuk-form-group">
              <label className="nhsuk-label" htmlFor="filter-lead">
                Lead organisation id
              </label>
              <input
                className="nhsuk-input nhsuk-input--width-20"
                id="filter-lead"
                value={draft.leadOrganisationId}
                onChange={(e) => setDraft({ ...draft, leadOrganisationId: e.target.value })}
              />
            </div>
            <div className="nhsuk-form-group">
              <label className="nhsuk-label" htmlFor="filter-status">
                Status
              </label>
              <select
                className="nhsuk-select"
                id="filter-status"
                value={draft.status}
                onChange={(e) => setDraft({ ...draft, status: e.target.value })}
              >
                <option value="">Any</option>
                {STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {words(s)}
                  </option>
                ))}
              </select>
            </div>
            <div className="nhsuk-form-group">
              <label className="nhsuk-label" htmlFor="filter-lens">
                Lens
              </label>
              <select
                className="nhsuk-select"
                id="filter-lens"
                value={draft.lens}
                onChange={(e) => setDraft({ ...draft, lens: e.target.value })}
              >
                <option value="">Any</option>
                {LENSES.map((l) => (
                  <option key={l} value={l}>
                    {words(l)}
                  </option>
                ))}
              </select>
            </div>
            <div className="nhsuk-form-group">
              <button className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0" type="submit">
                Filter
              </button>
            </div>
          </form>
        </div>
      </details>
      <Await loaded={list} what="the interventions">
        {(page) => (
          <>
            <p className="nhsuk-body" data-total={page.total}>
              {page.total === 0
                ? 'No interventions match.'
                : `Interventions ${page.offset + 1} to ${page.offset + page.items.length} of ${page.total}`}
              {page.upToPosition !== undefined &&
                page.total > 0 &&
                `, from the ledger up to position ${page.upToPosition}`}
              .
            </p>
            <div className="app-table-scroll">
              <table className="nhsuk-table" data-table="portfolio">
                <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Interventions</caption>
                <thead className="nhsuk-table__head">
                  <tr className="nhsuk-table__row">
                    <th scope="col" className="nhsuk-table__header" aria-sort={ariaSort('title')}>
                      {sortButton('title', 'Intervention')}
                    </th>
                    <th scope="col" className="nhsuk-table__header">
                      Lead organisation
                    </th>
                    <th scope="col" className="nhsuk-table__header">
                      Status
                    </th>
                    <th scope="col" className="nhsuk-table__header">
                      Pathway
                    </th>
                    <th scope="col" className="nhsuk-table__header">
                      Lenses
                    </th>
                    <th scope="col" className="nhsuk-table__header app-numeric" aria-sort={ariaSort('costs')}>
                      {sortButton('costs', 'Costs')}
                    </th>
                    <th scope="col" className="nhsuk-table__header app-numeric" aria-sort={ariaSort('claimed')}>
                      {sortButton('claimed', 'Claimed')}
                    </th>
                    <th scope="col" className="nhsuk-table__header app-numeric" aria-sort={ariaSort('validated')}>
                      {sortButton('validated', 'Validated')}
                    </th>
                    <th scope="col" className="nhsuk-table__header app-numeric" aria-sort={ariaSort('rejected')}>
                      {sortButton('rejected', 'Rejected')}
                    </th>
                    <th scope="col" className="nhsuk-table__header app-numeric" aria-sort={ariaSort('roi')}>
                      {sortButton('roi', 'Return')}
                    </th>
                  </tr>
                </thead>
                <tbody className="nhsuk-table__body">
                  {page.items.map((row) => (
                    <tr className="nhsuk-table__row" key={row.interventionId} data-intervention={row.interventionId}>
                      <td className="nhsuk-table__cell">
                        <Link to={view.link(`/app/interventions/${encodeURIComponent(row.interventionId)}`)}>
                          {row.title}
                        </Link>
                      </td>
                      <td className="nhsuk-table__cell">
                        <OrgLink id={row.leadOrganisationId} />
                      </td>
                      <td className="nhsuk-table__cell">
                        <StatusTag status={row.status} />
                      </td>
                      <td className="nhsuk-table__cell">{row.pathway ?? ''}</td>
                      <td className="nhsuk-table__cell">{lensesOf(row.lenses).map(words).join(', ')}</td>
                      <td className="nhsuk-table__cell app-numeric" data-column="cost">
                        <FigureLink figure={row.costsPence} />
                      </td>
                      <td className="nhsuk-table__cell app-numeric" data-column="claimed">
                        <FigureLink figure={row.claimedPence} />
                      </td>
                      <td className="nhsuk-table__cell app-numeric" data-column="validated">
                        <FigureLink figure={row.validatedPence} />
                      </td>
                      <td className="nhsuk-table__cell app-numeric" data-column="rejected">
                        <FigureLink figure={row.rejectedPence} />
                      </td>
                      <td className="nhsuk-table__cell app-numeric" data-column="roi">
                        {row.roi ? (
                          row.roi.ref ? (
                            <Link to={view.link('/app/trace', { figure: row.roi.ref })}>{row.roi.perPound}</Link>
                          ) : (
                            row.roi.perPound
                          )
                        ) : (
                          'no costs'
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pagination
              total={page.total}
              offset={page.offset}
              limit={PAGE_SIZE}
              onPage={(next) => view.change({ offset: next ? String(next) : null })}
            />
            {page.total > 0 && (
              <button
                className="nhsuk-button nhsuk-button--secondary"
                type="button"
                disabled={downloading}
                onClick={() => void download(page.total)}
              >
                Download all {page.total} as CSV
              </button>
            )}
            <p className="nhsuk-body-s nhsuk-u-secondary-text-colour">
              The CSV holds money in pence, as the ledger records it.
            </p>
          </>
        )}
      </Await>
    </>
  );
}

export function Pagination({
  total,
  offset,
  limit,
  onPage,
}: {
  total: number;
  offset: number;
  limit: number;
  onPage: (offset: number) => void;
}) {
  if (total <= limit) return null;
  const previous = offset > 0 ? Math.max(0, offset - limit) : null;
  const next = offset + limit < total ? offset + limit : null;
  return (
    <nav className="nhsuk-pagination" role="navigation" aria-label="Pages of results">
      <ul className="nhsuk-list nhsuk-pagination__list">
        {previous !== null && (
          <li className="nhsuk-pagination-item--previous">
            <button
              type="button"
              className="app-link-button nhsuk-pagination__link nhsuk-pagination__link--prev"
              onClick={() => onPage(previous)}
            >
              <span className="nhsuk-pagination__title">Previous</span>
            </button>
          </li>
        )}
        {next !== null && (
          <li className="nhsuk-pagination-item--next">
            <button
              type="button"
              className="app-link-button nhsuk-pagination__link nhsuk-pagination__link--next"
              onClick={() => onPage(next)}
            >
              <span className="nhsuk-pagination__title">Next</span>
            </button>
          </li>
        )}
      </ul>
    </nav>
  );
}
