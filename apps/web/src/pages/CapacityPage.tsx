import { query } from '../api/client';
import { Capacity } from '../api/types';
import { useApi } from '../api/use-api';
import { Await, usePageReady } from '../components/Await';
import { FigureLink, QuantityLink, words } from '../components/Figures';
import { OrgLink } from '../components/OrgName';
import { PeriodNote } from '../components/PeriodNote';
import { useView, viewParams } from '../view/view-state';

export function CapacityPage() {
  const view = useView();
  const organisationId = view.search.get('organisationId');
  const capacity = useApi<Capacity>(`/capacity${query({ organisationId, ...viewParams(view) })}`);
  usePageReady(capacity);
  return (
    <>
      <h1>Capacity</h1>
      <p>
        Capacity released by interventions (bed-days, theatre sessions…), by the organisation where it landed: how much
        was harvested as cash, kept for reinvestment or left unharvested, what is still undecided, the cash released and
        the value of the activity it was reinvested in.
        {organisationId && (
          <>
            {' '}
            Showing <OrgLink id={organisationId} /> only.
          </>
        )}
      </p>
      <Await loaded={capacity} what="capacity">
        {(c) => (
          <>
            <PeriodNote basis={c} />
            {c.rows.length === 0 ? (
              <p>No capacity has been released.</p>
            ) : (
              <div className="app-table-scroll">
                <table className="nhsuk-table" data-table="capacity">
                  <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">
                    Capacity by organisation and resource
                  </caption>
                  <thead className="nhsuk-table__head">
                    <tr className="nhsuk-table__row">
                      {[
                        'Organisation',
                        'Resource',
                        'Year',
                        'Released',
                        'As cash',
                        'For reinvestment',
                        'Unharvested',
                        'Undecided',
                        'Reinvested',
                        'Cash released',
                        'Value of reinvested activity',
                      ].map((h, i) => (
                        <th scope="col" key={h} className={`nhsuk-table__header${i > 2 ? ' app-numeric' : ''}`}>
                          {h}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody className="nhsuk-table__body">
                    {c.rows.map((r) => (
                      <tr
                        className="nhsuk-table__row"
                        key={`${r.organisationId}|${r.resource}|${r.financialYear}`}
                        data-row={`${r.organisationId}|${r.resource}|${r.financialYear}`}
                      >
                        <td className="nhsuk-table__cell">
                          <OrgLink id={r.organisationId} />
                        </td>
                        <td className="nhsuk-table__cell">{words(r.resource)}</td>
                        <td className="nhsuk-table__cell">{r.financialYear}</td>
                        <td className="nhsuk-table__cell app-numeric">
                          <QuantityLink figure={r.released} />
                        </td>
                        <td className="nhsuk-table__cell app-numeric">
                          <QuantityLink figure={r.harvestedAsCash} />
                        </td>
                        <td className="nhsuk-table__cell app-numeric">
                          <QuantityLink figure={r.harvestedForReinvestment} />
                        </td>
                        <td className="nhsuk-table__cell app-numeric">
                          <QuantityLink figure={r.unharvested} />
                        </td>
                        <td className="nhsuk-table__cell app-numeric">
                          <QuantityLink figure={r.undecided} />
                        </td>
                        <td className="nhsuk-table__cell app-numeric">
                          <QuantityLink figure={r.reinvested} />
                        </td>
                        <td className="nhsuk-table__cell app-numeric" data-figure="cash-released">
                          <FigureLink figure={r.cashReleasedPence} />
                        </td>
                        <td className="nhsuk-table__cell app-numeric" data-figure="reinvested-value">
                          <FigureLink figure={r.reinvestedValuePence} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </>
        )}
      </Await>
    </>
  );
}
