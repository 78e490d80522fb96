import { SubmitEvent, useState } from 'react';
import { Link } from 'react-router';
import { query } from '../api/client';
import { Reconciliation, SplitFigures } from '../api/types';
import { Loaded, useApi } from '../api/use-api';
import { LinesByIntervention, benefitLine, useInterventionLines } from '../api/use-lines';
import { currentSession } from '../auth/session';
import { Await, usePageReady } from '../components/Await';
import { FigureLink, LineFigure, Money, StatusTag, When, words } from '../components/Figures';
import { OrgLink } from '../components/OrgName';
import { PeriodNote } from '../components/PeriodNote';
import { useView, viewParams } from '../view/view-state';

const WHO =
  "An organisation's waste-reduction report and its reconciliation are read by that organisation's finance staff, auditors and admins.";

function Splits({ splits }: { splits: Reconciliation['splits'] }) {
  const sides: [string, SplitFigures][] = [
    ['Reported', splits.reported],
    ['Evidenced', splits.evidenced],
    ['Validated landed', splits.validatedLanded],
    ['Unclaimed', splits.unclaimed],
  ];
  return (
    <div className="app-table-scroll">
      <table className="nhsuk-table" data-table="splits">
        <caption className="nhsuk-table__caption nhsuk-table__caption--s">
          Cash-releasing or not, recurrent or not
        </caption>
        <thead className="nhsuk-table__head">
          <tr className="nhsuk-table__row">
            {['', 'Cash-releasing', 'Not cash-releasing', 'Recurrent', 'Non-recurrent'].map((h) => (
              <th scope="col" key={h} className={`nhsuk-table__header${h ? ' app-numeric' : ''}`}>
                {h || <span className="nhsuk-u-visually-hidden">Side</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {sides.map(([label, s]) => (
            <tr className="nhsuk-table__row" key={label}>
              <th scope="row" className="nhsuk-table__header">
                {label}
              </th>
              <td className="nhsuk-table__cell app-numeric">
                <FigureLink figure={s.cashReleasingPence} />
              </td>
              <td className="nhsuk-table__cell app-numeric">
                <FigureLink figure={s.nonCashReleasingPence} />
              </td>
              <td className="nhsuk-table__cell app-numeric">
                <FigureLink figure={s.recurrentPence} />
              </td>
              <td className="nhsuk-table__cell app-numeric">
                <FigureLink figure={s.nonRecurrentPence} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** What of a validated benefit the report's lines claim: each line's part of it, traceable; none linked: a dash. */
function Linked({ r, benefit }: { r: Reconciliation; benefit: Reconciliation['unclaimedBenefits'][number] }) {
  const parts = r.lines.flatMap((line) =>
    line.benefits
      .filter((x) => x.interventionId === benefit.interventionId && x.benefitId === benefit.benefitId)
      .map((x) => ({ lineId: line.lineId, figure: x.linkedPence })),
  );
  if (parts.length === 0)
    return benefit.linkedPence === 0 ? <span title="no line links it">—</span> : <Money pence={benefit.linkedPence} />;
  if (parts.length === 1) return <FigureLink figure={parts[0].figure} />;
  return (
    <>
      {parts.map((p, i) => (
        <span key={p.lineId}>
          {i > 0 && ' + '}
          {p.lineId} <FigureLink figure={p.figure} />
        </span>
      ))}
    </>
  );
}

function ReconciliationView({ r, lines }: { r: Reconciliation; lines: Loaded<LinesByIntervention> }) {
  const { link } = useView();
  return (
    <>
      <span className="nhsuk-caption-l">Reconciliation, {r.financialYear}</span>
      <h1>{r.name}</h1>
      <PeriodNote basis={r} />
      <p>
        Waste-reduction report version {r.report.version}, recorded <When instant={r.report.recordedAt} />
        {r.report.source ? ` from ${r.report.source.system}: ${r.report.source.reference}` : ''}.{' '}
        {r.report.signedOff ? (
          <strong className="nhsuk-tag nhsuk-tag--green">Signed off</strong>
        ) : (
          <strong className="nhsuk-tag nhsuk-tag--grey">Not signed off</strong>
        )}
        {r.report.signedOff?.note ? ` “${r.report.signedOff.note}”` : ''}
      </p>
      <dl className="nhsuk-summary-list" data-figures="reconciliation-totals">
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Reported</dt>
          <dd className="nhsuk-summary-list__value" data-figure="reported">
            <FigureLink figure={r.totals.reportedPence} />
          </dd>
        </div>
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Evidenced by validated benefits</dt>
          <dd className="nhsuk-summary-list__value" data-figure="evidenced">
            <FigureLink figure={r.totals.evidencedPence} />
          </dd>
        </div>
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Variance (reported − evidenced)</dt>
          <dd className="nhsuk-summary-list__value" data-figure="variance">
            <FigureLink figure={r.totals.variancePence} />
          </dd>
        </div>
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Validated value landed here</dt>
          <dd className="nhsuk-summary-list__value" data-figure="validated-landed">
            <FigureLink figure={r.totals.validatedLandedPence} />
          </dd>
        </div>
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Validated but claimed by no line</dt>
          <dd className="nhsuk-summary-list__value" data-figure="unclaimed">
            <FigureLink figure={r.totals.unclaimedPence} />
          </dd>
        </div>
      </dl>

      <h2>The report's lines</h2>
      <div className="app-table-scroll">
        <table className="nhsuk-table" data-table="lines">
          <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">
            Report lines and the benefits that evidence them
          </caption>
          <thead className="nhsuk-table__head">
            <tr className="nhsuk-table__row">
              {['Line', 'Status', 'Reported', 'Evidenced', 'Variance', 'Evidenced by'].map((h, i) => (
                <th scope="col" key={h} className={`nhsuk-table__header${i >= 2 && i <= 4 ? ' app-numeric' : ''}`}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {r.lines.map((l) => (
              <tr className="nhsuk-table__row" key={l.lineId} data-line={l.lineId}>
                <td className="nhsuk-table__cell">
                  {l.lineId}: {l.description}
                  <br />
                  <span className="nhsuk-body-s nhsuk-u-secondary-text-colour">
                    {l.cashReleasing ? 'cash-releasing' : 'not cash-releasing'},{' '}
                    {l.recurrent ? 'recurrent' : 'non-recurrent'}
                  </span>
                </td>
                <td className="nhsuk-table__cell">
                  <StatusTag status={l.status} />
                </td>
                <td className="nhsuk-table__cell app-numeric">
                  <FigureLink figure={l.reportedPence} />
                </td>
                <td className="nhsuk-table__cell app-numeric">
                  <FigureLink figure={l.evidencedPence} />
                </td>
                <td className="nhsuk-table__cell app-numeric">
                  <FigureLink figure={l.variancePence} />
                </td>
                <td className="nhsuk-table__cell">
                  {l.benefits.length === 0 ? (
                    'nothing'
                  ) : (
                    <ul className="nhsuk-list nhsuk-u-margin-bottom-0">
                      {l.benefits.map((b) => (
                        <li key={`${b.interventionId}/${b.benefitId}`}>
                          <Link to={link(`/app/interventions/${encodeURIComponent(b.interventionId)}`)}>
                            {b.benefitId}
                          </Link>{' '}
                          ({words(b.benefitType)}) <FigureLink figure={b.linkedPence} />
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>Validated benefits no line fully claims</h2>
      {r.unclaimedBenefits.length === 0 ? (
        <p>None: every validated benefit landing here is claimed by the report.</p>
      ) : (
        <table className="nhsuk-table" data-table="unclaimed">
          <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Validated benefits not claimed</caption>
          <thead className="nhsuk-table__head">
            <tr className="nhsuk-table__row">
              {['Benefit', 'Validated', 'Linked', 'Unclaimed'].map((h, i) => (
                <th scope="col" key={h} className={`nhsuk-table__header${i ? ' app-numeric' : ''}`}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {r.unclaimedBenefits.map((b) => (
              <tr className="nhsuk-table__row" key={`${b.interventionId}/${b.benefitId}`}>
                <td className="nhsuk-table__cell">
                  <Link to={link(`/app/interventions/${encodeURIComponent(b.interventionId)}`)}>{b.benefitId}</Link> (
                  {words(b.benefitType)})
                </td>
                <td className="nhsuk-table__cell app-numeric">
                  <LineFigure
                    figure={benefitLine(lines, b.interventionId, b.benefitId, 'validatedPence')}
                    pence={b.validatedPence}
                  />
                </td>
                <td className="nhsuk-table__cell app-numeric">
                  <Linked r={r} benefit={b} />
                </td>
                <td className="nhsuk-table__cell app-numeric">
                  <FigureLink figure={b.unclaimedPence} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Splits splits={r.splits} />
    </>
  );
}

export function ReconciliationPage() {
  const view = useView();
  const session = currentSession();
  const organisationId =
    view.search.get('organisationId') ?? (session?.role === 'finance' ? session.organisationId : null);
  const [chosen, setChosen] = useState(organisationId ?? '');
  // the field follows the organisation in the URL: adjusted while rendering, as React advises
  const [chosenOf, setChosenOf] = useState(organisationId);
  if (chosenOf !== organisationId) {
    setChosenOf(organisationId);
    setChosen(organisationId ?? '');
  }
  const ready = Boolean(organisationId && view.financialYear);
  const reconciliation = useApi<Reconciliation>(
    ready ? `/finance/reconciliation${query({ organisationId, ...viewParams(view) })}` : null,
  );
  // the unclaimed benefits' validated amounts are traced through their interventions' lines
  const unclaimedOf =
    reconciliation.state === 'loaded' ? reconciliation.data.unclaimedBenefits.map((b) => b.interventionId) : null;
  const lines = useInterventionLines(ready ? unclaimedOf : null, view.asAt);
  const settled = { state: 'loaded', data: null } as const;
  usePageReady(ready ? reconciliation : settled, ready && reconciliation.state === 'loaded' ? lines : settled);

  const choose = (event: SubmitEvent) => {
    event.preventDefault();
    view.change({ organisationId: chosen.trim() || null });
  };

  return (
    <>
      {reconciliation.state !== 'loaded' && <h1>Reconciliation</h1>}
      <form className="app-inline-form" onSubmit={choose} noValidate>
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="reconcile-organisation">
            Organisation id
          </label>
          <input
            className="nhsuk-input nhsuk-input--width-20"
            id="reconcile-organisation"
            value={chosen}
            onChange={(e) => setChosen(e.target.value)}
          />
        </div>
        <div className="nhsuk-form-group">
          <button className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0" type="submit">
            Reconcile
          </button>
        </div>
      </form>
      {!organisationId && (
        <p data-needs="organisation">Name the organisation whose waste-reduction report to reconcile. {WHO}</p>
      )}
      {organisationId && !view.financialYear && (
        <p data-needs="financial-year">A report is for one financial year: choose one above.</p>
      )}
      {ready && (
        <Await loaded={reconciliation} what="the reconciliation" whoMayRead={WHO}>
          {(r) => <ReconciliationView r={r} lines={lines} />}
        </Await>
      )}
      {organisationId && (
        <p className="nhsuk-body-s">
          The organisation: <OrgLink id={organisationId} />
        </p>
      )}
    </>
  );
}
