import { useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { query } from '../api/client';
import { Figure, OrganisationValue } from '../api/types';
import { useApi } from '../api/use-api';
import { currentSession } from '../auth/session';
import { Await, usePageReady } from '../components/Await';
import { Chart } from '../components/Chart';
import { FigureLink, words } from '../components/Figures';
import { OrgLink } from '../components/OrgName';
import { PeriodNote } from '../components/PeriodNote';
import { formatPence } from '../money';
import { useView, viewParams } from '../view/view-state';

function Row({ label, figure, name }: { label: string; figure: Figure; name: string }) {
  return (
    <div className="nhsuk-summary-list__row">
      <dt className="nhsuk-summary-list__key">{label}</dt>
      <dd className="nhsuk-summary-list__value" data-figure={name}>
        <FigureLink figure={figure} />
      </dd>
    </div>
  );
}

function ByTable({ caption, entries, name }: { caption: string; entries: [string, Figure][]; name: string }) {
  if (entries.length === 0) return <p>{caption}: nothing landed.</p>;
  return (
    <table className="nhsuk-table" data-table={name}>
      <caption className="nhsuk-table__caption nhsuk-table__caption--s">{caption}</caption>
      <thead className="nhsuk-table__head">
        <tr className="nhsuk-table__row">
          <th scope="col" className="nhsuk-table__header">
            {name === 'by-type' ? 'Type' : 'Lens'}
          </th>
          <th scope="col" className="nhsuk-table__header app-numeric">
            Value landed
          </th>
        </tr>
      </thead>
      <tbody className="nhsuk-table__body">
        {entries.map(([key, figure]) => (
          <tr className="nhsuk-table__row" key={key} data-key={key}>
            <td className="nhsuk-table__cell">{words(key)}</td>
            <td className="nhsuk-table__cell app-numeric">
              <FigureLink figure={figure} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function TypeChart({ value }: { value: OrganisationValue }) {
  const entries = Object.entries(value.landedHere.byType);
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => formatPence(v) },
      grid: { left: 150, right: 24, top: 16, bottom: 40 },
      xAxis: {
        type: 'value',
        axisLabel: { formatter: (v: number) => (Number.isSafeInteger(v) ? formatPence(v).replace(/\.00$/, '') : '') },
      },
      yAxis: { type: 'category', data: entries.map(([k]) => words(k)) },
      series: [{ type: 'bar', data: entries.map(([, f]) => f.pence), barMaxWidth: 28 }],
    }),
    [entries],
  );
  if (entries.length === 0) return null;
  return (
    <Chart
      small
      option={option}
      label={`Value landed at ${value.name} by type: ${entries.map(([k, f]) => `${words(k)} ${formatPence(f.pence)}`).join('; ')}`}
    />
  );
}

export function OrganisationPage() {
  const { organisationId = '' } = useParams();
  const view = useView();
  const session = currentSession();
  const value = useApi<OrganisationValue>(
    `/organisations/${encodeURIComponent(organisationId)}/value${query(viewParams(view))}`,
  );
  usePageReady(value);
  const mayReconcile =
    session &&
    (session.role === 'auditor' ||
      session.role === 'admin' ||
      (session.role === 'finance' && session.organisationId === organisationId));

  return (
    <Await loaded={value} what="the organisation's value">
      {(v) => (
        <>
          <span className="nhsuk-caption-l">
            Organisation{view.financialYear ? `, ${view.financialYear}` : ', all years'}
          </span>
          <h1>{v.name}</h1>
          <PeriodNote basis={v} />
          <dl className="nhsuk-summary-list" data-figures="organisation-value">
            <Row label="Invested (costs it bore)" figure={v.investedPence} name="invested" />
            <Row label="Value landed here" figure={v.landedHere.totalPence} name="landed" />
            <Row
              label="of which from its own investment"
              figure={v.landedHere.fromOwnInvestmentPence}
              name="landed-own"
            />
            <Row
              label="Its investment's value, landed anywhere"
              figure={v.investmentLanded.totalPence}
              name="investment-landed"
            />
            <Row label="landed here" figure={v.investmentLanded.herePence} name="investment-here" />
            <Row label="landed elsewhere" figure={v.investmentLanded.elsewherePence} name="investment-elsewhere" />
            <Row label="Net (landed here − invested)" figure={v.netPence} name="net" />
          </dl>

          <h2>Value landed here</h2>
          <TypeChart value={v} />
          <div className="nhsuk-grid-row">
            <div className="nhsuk-grid-column-one-half">
              <ByTable caption="By type" entries={Object.entries(v.landedHere.byType)} name="by-type" />
            </div>
            <div className="nhsuk-grid-column-one-half">
              <ByTable caption="By lens" entries={Object.entries(v.landedHere.byLens)} name="by-lens" />
            </div>
          </div>
          <dl className="nhsuk-summary-list">
            <Row label="Cash-releasing" figure={v.landedHere.cashPence} name="cash" />
            <Row label="Not cash-releasing" figure={v.landedHere.nonCashPence} name="non-cash" />
            <Row label="Recurrent" figure={v.landedHere.recurrentPence} name="recurrent" />
            <Row label="Non-recurrent" figure={v.landedHere.nonRecurrentPence} name="non-recurrent" />
          </dl>

          <h2>Where its investment's value landed</h2>
          <table className="nhsuk-table" data-table="investment-landed">
            <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">
              Where its investment's value landed
            </caption>
            <thead className="nhsuk-table__head">
              <tr className="nhsuk-table__row">
                <th scope="col" className="nhsuk-table__header">
                  Organisation
                </th>
                <th scope="col" className="nhsuk-table__header app-numeric">
                  Value
                </th>
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {v.investmentLanded.byOrganisation.map((o) => (
                <tr className="nhsuk-table__row" key={o.organisationId}>
                  <td className="nhsuk-table__cell">
                    <OrgLink id={o.organisationId} />
                  </td>
                  <td className="nhsuk-table__cell app-numeric">
                    <FigureLink figure={{ pence: o.pence, ref: o.ref }} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>
            <Link to={view.link('/app/capacity', { organisationId })}>Capacity landed here</Link>
            {mayReconcile && (
              <>
                {' '}
                ·{' '}
                <Link to={view.link('/app/reconciliation', { organisationId })}>
                  Reconciliation of its waste-reduction report
                </Link>
              </>
            )}
          </p>
        </>
      )}
    </Await>
  );
}
