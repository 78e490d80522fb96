import { Basis } from '../api/types';
import { formatPence, formatQuantity } from '../money';
import { FigureLink, QuantityLink, When } from './Figures';

/**
 * What the answer is: the ledger as at an instant, or a year as restated beside the year as closed. For a closed
 * year the figures shown are as restated (every event so far); what changed since the close is listed with both values.
 */
export function PeriodNote({ basis }: { basis: Basis }) {
  const period = basis.period;
  return (
    <div className="nhsuk-inset-text" data-basis={basis.upToPosition}>
      <span className="nhsuk-u-visually-hidden">Information: </span>
      <p>
        {basis.asAt ? (
          <>
            The ledger as it was at <When instant={basis.asAt} />
          </>
        ) : (
          'The ledger as it stands'
        )}
        : events up to position {basis.upToPosition}.
        {period &&
          (period.closed
            ? ` ${period.financialYear} is closed; figures are as restated, beside what changed since the close.`
            : ` ${period.financialYear} is open.`)}
      </p>
      {period?.closed && period.changedFigures && period.changedFigures.length > 0 && (
        <table className="nhsuk-table" data-table="changed-figures">
          <caption className="nhsuk-table__caption nhsuk-table__caption--s">Changed since the close</caption>
          <thead className="nhsuk-table__head">
            <tr className="nhsuk-table__row">
              <th scope="col" className="nhsuk-table__header">
                Figure
              </th>
              <th scope="col" className="nhsuk-table__header app-numeric">
                As closed
              </th>
              <th scope="col" className="nhsuk-table__header app-numeric">
                As restated
              </th>
              <th scope="col" className="nhsuk-table__header app-numeric">
                Difference
              </th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {period.changedFigures.map((c) => (
              <tr className="nhsuk-table__row" key={c.path}>
                <td className="nhsuk-table__cell">{c.path}</td>
                <td className="nhsuk-table__cell app-numeric">
                  <Amount unit={c.unit} figure={c.asClosed} />
                </td>
                <td className="nhsuk-table__cell app-numeric">
                  <Amount unit={c.unit} figure={c.asRestated} />
                </td>
                <td className="nhsuk-table__cell app-numeric">
                  {c.unit === 'pence' ? formatPence(c.difference) : formatQuantity(c.difference)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {period?.closed && period.restatements && period.restatements.length > 0 && (
        <ul className="nhsuk-list nhsuk-list--bullet">
          {period.restatements.map((r, n) => (
            <li key={n}>
              Restated <When instant={r.recordedAt} />
              {r.actor ? ` by ${r.actor.userId}` : ''}: {r.reason}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Amount({ unit, figure }: { unit: string; figure: { value: number; ref: string | null } }) {
  if (unit === 'pence') return <FigureLink figure={{ pence: figure.value, ref: figure.ref ?? undefined }} />;
  if (unit === 'quantity') return <QuantityLink figure={{ quantity: figure.value, ref: figure.ref ?? undefined }} />;
  return <>{formatPence(figure.value)} per £1</>;
}
