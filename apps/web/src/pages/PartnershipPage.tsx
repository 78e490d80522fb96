import { Link, useParams } from 'react-router';
import { query } from '../api/client';
import { Attribution, Partnership } from '../api/types';
import { useApi } from '../api/use-api';
import { Await, usePageReady } from '../components/Await';
import { FigureLink, LineFigure, words } from '../components/Figures';
import { OrgLink } from '../components/OrgName';
import { PeriodNote } from '../components/PeriodNote';
import { formatBasisPoints } from '../money';
import { useView, viewParams } from '../view/view-state';

const WHO = 'A partnership is read by its members, past and present, auditors and admins.';

function AttributionSection({ partnership, attribution }: { partnership: Partnership; attribution: Attribution }) {
  const { link } = useView();
  const costs = partnership.costs.filter((c) => c.financialYear === attribution.financialYear);
  return (
    <>
      <PeriodNote basis={attribution} />
      <dl className="nhsuk-summary-list" data-figures="attribution">
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Attributed to the partnership</dt>
          <dd className="nhsuk-summary-list__value" data-figure="attributed">
            <FigureLink figure={attribution.attributedPence} />
          </dd>
        </div>
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Partnership costs</dt>
          <dd className="nhsuk-summary-list__value" data-figure="costs">
            <FigureLink figure={attribution.costs.totalPence} />
          </dd>
        </div>
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Return</dt>
          <dd className="nhsuk-summary-list__value" data-figure="roi">
            {attribution.roi ? (
              attribution.roi.ref ? (
                <Link to={link('/app/trace', { figure: attribution.roi.ref })}>{attribution.roi.perPound}</Link>
              ) : (
                attribution.roi.perPound
              )
            ) : (
              'no partnership costs recorded'
            )}
          </dd>
        </div>
      </dl>
      <p>
        The return counts the partnership's own programme costs for {attribution.financialYear}
        {costs.length > 0
          ? `: ${costs.map((c) => `${c.category} (borne by ${c.bearerOrganisationId})`).join('; ')}`
          : ' (none recorded)'}
        . It does not count the enrolled interventions' own costs, which are on each intervention's page.
      </p>

      <h2>What each member gets</h2>
      <table className="nhsuk-table" data-table="members">
        <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Attributed value per member</caption>
        <thead className="nhsuk-table__head">
          <tr className="nhsuk-table__row">
            <th scope="col" className="nhsuk-table__header">
              Member
            </th>
            <th scope="col" className="nhsuk-table__header app-numeric">
              Share
            </th>
            <th scope="col" className="nhsuk-table__header app-numeric">
              Attributed value
            </th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {attribution.members.map((m) => (
            <tr className="nhsuk-table__row" key={m.organisationId} data-member={m.organisationId}>
              <td className="nhsuk-table__cell">
                <OrgLink id={m.organisationId} />
              </td>
              <td className="nhsuk-table__cell app-numeric">{formatBasisPoints(m.basisPoints)}</td>
              <td className="nhsuk-table__cell app-numeric">
                <FigureLink figure={m.attributedPence} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>Enrolled interventions</h2>
      <table className="nhsuk-table" data-table="enrolled">
        <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Enrolled interventions</caption>
        <thead className="nhsuk-table__head">
          <tr className="nhsuk-table__row">
            <th scope="col" className="nhsuk-table__header">
              Intervention
            </th>
            <th scope="col" className="nhsuk-table__header app-numeric">
              Enrolled share
            </th>
            <th scope="col" className="nhsuk-table__header app-numeric">
              Validated (types covered)
            </th>
            <th scope="col" className="nhsuk-table__header app-numeric">
              Attributed
            </th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {attribution.interventions.map((i) => (
            <tr className="nhsuk-table__row" key={i.interventionId}>
              <td className="nhsuk-table__cell">
                <Link to={link(`/app/interventions/${encodeURIComponent(i.interventionId)}`)}>{i.interventionId}</Link>
              </td>
              <td className="nhsuk-table__cell app-numeric">{formatBasisPoints(i.attributionBasisPoints)}</td>
              <td className="nhsuk-table__cell app-numeric">
                <FigureLink figure={i.validatedPence} />
              </td>
              <td className="nhsuk-table__cell app-numeric">
                <FigureLink figure={i.attributedPence} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export function PartnershipPage() {
  const { partnershipId = '' } = useParams();
  const view = useView();
  const path = `/partnerships/${encodeURIComponent(partnershipId)}`;
  const partnership = useApi<Partnership>(path);
  const attribution = useApi<Attribution>(view.financialYear ? `${path}/attribution${query(viewParams(view))}` : null);
  usePageReady(partnership, view.financialYear ? attribution : partnership);
  // the year's cost lines, traced, from the attribution (a line of another year is shown as an amount)
  const costLines = new Map(
    attribution.state === 'loaded' ? (attribution.data.costs.lines ?? []).map((l) => [l.costId, l.amountPence]) : [],
  );

  return (
    <Await loaded={partnership} what="the partnership" whoMayRead={WHO}>
      {(p) => (
        <>
          <span className="nhsuk-caption-l">Partnership</span>
          <h1>{p.name}</h1>
          <h2>Members</h2>
          <table className="nhsuk-table" data-table="membership">
            <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Members</caption>
            <thead className="nhsuk-table__head">
              <tr className="nhsuk-table__row">
                <th scope="col" className="nhsuk-table__header">
                  Organisation
                </th>
                <th scope="col" className="nhsuk-table__header">
                  Role
                </th>
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {p.members.map((m) => (
                <tr className="nhsuk-table__row" key={m.organisationId}>
                  <td className="nhsuk-table__cell">
                    <OrgLink id={m.organisationId} />
                  </td>
                  <td className="nhsuk-table__cell">{words(m.role)}</td>
                </tr>
              ))}
              {p.formerMembers.map((m) => (
                <tr className="nhsuk-table__row" key={m.organisationId}>
                  <td className="nhsuk-table__cell">
                    <OrgLink id={m.organisationId} />
                  </td>
                  <td className="nhsuk-table__cell">Left{m.reason ? `: ${m.reason}` : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>

          <h2>Attribution agreements</h2>
          {p.agreements.length === 0 ? (
            <p>No agreement yet.</p>
          ) : (
            <table className="nhsuk-table" data-table="agreements">
              <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">
                Attribution agreements by version
              </caption>
              <thead className="nhsuk-table__head">
                <tr className="nhsuk-table__row">
                  <th scope="col" className="nhsuk-table__header">
                    Version
                  </th>
                  <th scope="col" className="nhsuk-table__header">
                    From
                  </th>
                  <th scope="col" className="nhsuk-table__header">
                    Shares
                  </th>
                  <th scope="col" className="nhsuk-table__header">
                    Benefit types
                  </th>
                </tr>
              </thead>
              <tbody className="nhsuk-table__body">
                {p.agreements.map((a) => (
                  <tr className="nhsuk-table__row" key={a.version}>
                    <td className="nhsuk-table__cell">{a.version}</td>
                    <td className="nhsuk-table__cell">{a.effectiveFrom}</td>
                    <td className="nhsuk-table__cell">
                      {a.shares.map((s) => `${s.organisationId} ${formatBasisPoints(s.basisPoints)}`).join(', ')}
                    </td>
                    <td className="nhsuk-table__cell">{a.benefitTypes.map(words).join(', ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}

          <h2>Programme costs</h2>
          <table className="nhsuk-table" data-table="partnership-costs">
            <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Programme costs</caption>
            <thead className="nhsuk-table__head">
              <tr className="nhsuk-table__row">
                <th scope="col" className="nhsuk-table__header">
                  Cost
                </th>
                <th scope="col" className="nhsuk-table__header">
                  Year
                </th>
                <th scope="col" className="nhsuk-table__header">
                  Borne by
                </th>
                <th scope="col" className="nhsuk-table__header app-numeric">
                  Amount
                </th>
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {p.costs.map((c) => (
                <tr className="nhsuk-table__row" key={c.costId} data-cost={c.costId}>
                  <td className="nhsuk-table__cell">{c.category}</td>
                  <td className="nhsuk-table__cell">{c.financialYear}</td>
                  <td className="nhsuk-table__cell">
                    <OrgLink id={c.bearerOrganisationId} />
                  </td>
                  <td className="nhsuk-table__cell app-numeric">
                    <LineFigure figure={costLines.get(c.costId)} pence={c.amountPence} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>

          <h2>Attributed value{view.financialYear ? ` in ${view.financialYear}` : ''}</h2>
          {view.financialYear ? (
            <Await loaded={attribution} what="the attribution" whoMayRead={WHO}>
              {(a) => <AttributionSection partnership={p} attribution={a} />}
            </Await>
          ) : (
            <p data-needs="financial-year">
              Attribution is worked out a year at a time: choose a financial year above.
            </p>
          )}
        </>
      )}
    </Await>
  );
}
