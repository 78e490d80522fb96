import { useMemo } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { query } from '../api/client';
import {
  BenefitItem,
  Figure,
  Intervention,
  InterventionSummary,
  InterventionTimeline,
  InterventionValue,
  ListAnswer,
} from '../api/types';
import { useApi } from '../api/use-api';
import { Await, usePageReady } from '../components/Await';
import { Chart } from '../components/Chart';
import { DecisionTimeline } from '../components/DecisionTimeline';
import { FigureLink, LineFigure, StatusTag, When, words } from '../components/Figures';
import { OrgLink, useOrganisationNames } from '../components/OrgName';
import { formatPence, formatQuantity } from '../money';
import { useView, viewParams } from '../view/view-state';

const LENSES = ['economic', 'social', 'strategic'] as const;

/** Who validated or rejected a benefit, when, and the note or reason (from `GET /benefits`). */
function Judgement({ status, item }: { status: string; item: BenefitItem | undefined }) {
  if (status === 'claimed') return <>Awaiting finance</>;
  if (!item?.decision) return <>{words(status)}</>;
  const d = item.decision;
  return (
    <>
      {words(d.decision)} by {d.by.userId} ({words(d.by.role)}, {d.by.organisationId}), <When instant={d.recordedAt} />
      {d.note && <>: “{d.note}”</>}
    </>
  );
}

/** Costs by type and by the organisation that bore them, for the view's year and as-at, each traceable. */
function CostsByTypeAndBearer({ costs }: { costs: InterventionValue['costs'] }) {
  const bearers = Object.entries(costs.byBearer).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return (
    <dl className="nhsuk-summary-list" data-figures="costs-by">
      <div className="nhsuk-summary-list__row">
        <dt className="nhsuk-summary-list__key">Direct</dt>
        <dd className="nhsuk-summary-list__value" data-figure="direct">
          <FigureLink figure={costs.directPence} />
        </dd>
      </div>
      <div className="nhsuk-summary-list__row">
        <dt className="nhsuk-summary-list__key">Indirect</dt>
        <dd className="nhsuk-summary-list__value" data-figure="indirect">
          <FigureLink figure={costs.indirectPence} />
        </dd>
      </div>
      {bearers.map(([id, figure]) => (
        <div className="nhsuk-summary-list__row" key={id}>
          <dt className="nhsuk-summary-list__key">
            Borne by <OrgLink id={id} />
          </dt>
          <dd className="nhsuk-summary-list__value" data-bearer={id}>
            <FigureLink figure={figure} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

function ValueLands({
  intervention,
  landings,
}: {
  intervention: Intervention;
  landings: InterventionTimeline['lines']['landings'];
}) {
  const navigate = useNavigate();
  const { link } = useView();
  const landing = useMemo(
    () =>
      landings
        .filter((l) => l.validatedPence.pence !== 0)
        .map((l): [string, number, Figure] => [l.organisationId, l.validatedPence.pence, l.validatedPence]),
    [landings],
  );
  const names = useOrganisationNames(landing.map(([id]) => id));
  const option = useMemo(
    () => ({
      tooltip: {
        trigger: 'item',
        formatter: (p: { data: { value?: number; source?: string; target?: string } }) =>
          p.data.value !== undefined ? formatPence(p.data.value) : '',
      },
      series: [
        {
          type: 'sankey',
          left: 8,
          right: 300,
          top: 8,
          bottom: 8,
          nodeWidth: 16,
          data: [{ name: intervention.interventionId }, ...landing.map(([id]) => ({ name: `landing:${id}` }))],
          links: landing.map(([id, pence]) => ({
            source: intervention.interventionId,
            target: `landing:${id}`,
            value: pence,
          })),
          label: {
            formatter: (p: { name: string }) =>
              p.name === intervention.interventionId ? intervention.title : (names[p.name.slice(8)] ?? p.name.slice(8)),
            color: '#212b32',
          },
          lineStyle: { color: 'target', opacity: 0.35 },
        },
      ],
    }),
    [intervention, landing, names],
  );
  if (landing.length === 0) return <p>No validated value has landed yet.</p>;
  return (
    <>
      <Chart
        small
        option={option}
        label={`Where the validated value of ${intervention.title} lands: ${landing.map(([id, p]) => `${names[id] ?? id} ${formatPence(p)}`).join('; ')}`}
        onClick={(click) => {
          const data = click.data as { name?: string; target?: string } | undefined;
          const name = data?.target ?? data?.name;
          if (name?.startsWith('landing:'))
            void navigate(link(`/app/organisations/${encodeURIComponent(name.slice(8))}`));
        }}
      />
      <table className="nhsuk-table">
        <caption className="nhsuk-table__caption nhsuk-table__caption--s">
          Validated value by the organisation where it lands
        </caption>
        <thead className="nhsuk-table__head">
          <tr className="nhsuk-table__row">
            <th scope="col" className="nhsuk-table__header">
              Lands at
            </th>
            <th scope="col" className="nhsuk-table__header app-numeric">
              Validated
            </th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {landing.map(([id, , figure]) => (
            <tr className="nhsuk-table__row" key={id} data-landing={id}>
              <td className="nhsuk-table__cell">
                <OrgLink id={id} />
              </td>
              <td className="nhsuk-table__cell app-numeric">
                <FigureLink figure={figure} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function CapacityFunnel({
  releases,
  lines,
}: {
  releases: Intervention['capacityReleases'];
  lines: Map<string, InterventionTimeline['lines']['releases'][number]>;
}) {
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: { left: 140, right: 24, top: 16, bottom: 64 },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', data: releases.map((r) => `${r.resource} (${r.financialYear})`) },
      series: [
        { name: 'Cash', type: 'bar', stack: 'released', data: releases.map((r) => r.harvested['cash-release']) },
        { name: 'Reinvested', type: 'bar', stack: 'released', data: releases.map((r) => r.harvested.reinvest) },
        { name: 'Unharvested', type: 'bar', stack: 'released', data: releases.map((r) => r.harvested.unharvested) },
        { name: 'Undecided', type: 'bar', stack: 'released', data: releases.map((r) => r.undecided) },
      ],
    }),
    [releases],
  );
  if (releases.length === 0) return <p>No capacity has been released.</p>;
  return (
    <>
      <Chart
        small
        option={option}
        label={`What happened to released capacity: ${releases.map((r) => `${formatQuantity(r.released)} ${r.resource} released, ${formatQuantity(r.harvested['cash-release'])} as cash, ${formatQuantity(r.harvested.reinvest)} reinvested, ${formatQuantity(r.harvested.unharvested)} unharvested, ${formatQuantity(r.undecided)} undecided`).join('; ')}`}
      />
      <div className="app-table-scroll">
        <table className="nhsuk-table" data-table="capacity-funnel">
          <caption className="nhsuk-table__caption nhsuk-table__caption--s">
            Released capacity: what became of it
          </caption>
          <thead className="nhsuk-table__head">
            <tr className="nhsuk-table__row">
              {[
                'Release',
                'Lands at',
                'Released',
                'As cash',
                'Reinvested',
                'Unharvested',
                'Undecided',
                'Cash released',
                'Value of reinvested activity',
              ].map((h, i) => (
                <th scope="col" key={h} className={`nhsuk-table__header${i > 1 ? ' app-numeric' : ''}`}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {releases.map((r) => (
              <tr className="nhsuk-table__row" key={r.releaseId} data-release={r.releaseId}>
                <td className="nhsuk-table__cell">
                  {r.releaseId} ({r.resource}, {r.financialYear})
                </td>
                <td className="nhsuk-table__cell">
                  <OrgLink id={r.landingOrganisationId} />
                </td>
                <td className="nhsuk-table__cell app-numeric">{formatQuantity(r.released)}</td>
                <td className="nhsuk-table__cell app-numeric">{formatQuantity(r.harvested['cash-release'])}</td>
                <td className="nhsuk-table__cell app-numeric">{formatQuantity(r.harvested.reinvest)}</td>
                <td className="nhsuk-table__cell app-numeric">{formatQuantity(r.harvested.unharvested)}</td>
                <td className="nhsuk-table__cell app-numeric">{formatQuantity(r.undecided)}</td>
                <td className="nhsuk-table__cell app-numeric">
                  <LineFigure figure={lines.get(r.releaseId)?.cashReleasedPence} pence={r.cashReleasedPence} />
                </td>
                <td className="nhsuk-table__cell app-numeric">
                  <LineFigure
                    figure={lines.get(r.releaseId)?.reinvestedValuePence}
                    pence={r.reinvestments.reduce((sum, x) => sum + (x.valuePence ?? 0), 0)}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

export function InterventionPage() {
  const { interventionId = '' } = useParams();
  const view = useView();
  const path = `/interventions/${encodeURIComponent(interventionId)}`;
  const intervention = useApi<Intervention>(path);
  // The list's answers carry what the intervention's own answer does not: figures with references (for the view's
  // year and as-at), and finance's decisions with who made them, when and why.
  const listed = useApi<ListAnswer<InterventionSummary>>(
    `/interventions${query({ q: interventionId, ...viewParams(view), limit: 500 })}`,
  );
  const benefits = useApi<ListAnswer<BenefitItem>>(
    `/benefits${query({ interventionId, ...viewParams(view), limit: 500 })}`,
  );
  // costs by type and bearer and the net value for the view, each traceable; the decisions and every single line
  const value = useApi<InterventionValue>(`${path}/value${query(viewParams(view))}`);
  const timeline = useApi<InterventionTimeline>(`${path}/timeline${query({ asAt: view.asAt, limit: 500 })}`);
  usePageReady(intervention, listed, benefits, value, timeline);
  const lines =
    timeline.state === 'loaded' ? timeline.data.lines : { costs: [], benefits: [], releases: [], landings: [] };
  const costLines = new Map(lines.costs.map((c) => [c.costId, c.amountPence]));
  const benefitLines = new Map(lines.benefits.map((b) => [b.benefitId, b]));
  const releaseLines = new Map(lines.releases.map((r) => [r.releaseId, r]));
  const summary =
    listed.state === 'loaded' ? listed.data.items.find((item) => item.interventionId === interventionId) : undefined;
  const decisions = new Map(benefits.state === 'loaded' ? benefits.data.items.map((b) => [b.benefitId, b]) : []);

  return (
    <Await loaded={intervention} what="the intervention">
      {(i) => (
        <>
          <span className="nhsuk-caption-l">Intervention</span>
          <h1>{i.title}</h1>
          <dl className="nhsuk-summary-list">
            <div className="nhsuk-summary-list__row">
              <dt className="nhsuk-summary-list__key">Lead organisation</dt>
              <dd className="nhsuk-summary-list__value">
                <OrgLink id={i.leadOrganisationId} />
              </dd>
            </div>
            <div className="nhsuk-summary-list__row">
              <dt className="nhsuk-summary-list__key">Status</dt>
              <dd className="nhsuk-summary-list__value">
                <StatusTag status={i.status} />
              </dd>
            </div>
            {i.pathway && (
              <div className="nhsuk-summary-list__row">
                <dt className="nhsuk-summary-list__key">Pathway</dt>
                <dd className="nhsuk-summary-list__value">{i.pathway}</dd>
              </div>
            )}
            {i.method && (
              <div className="nhsuk-summary-list__row">
                <dt className="nhsuk-summary-list__key">Method</dt>
                <dd className="nhsuk-summary-list__value">{i.method}</dd>
              </div>
            )}
            <div className="nhsuk-summary-list__row">
              <dt className="nhsuk-summary-list__key">Lenses</dt>
              <dd className="nhsuk-summary-list__value">
                {LENSES.filter((l) => i.lenses[l])
                  .map(words)
                  .join(', ')}
              </dd>
            </div>
          </dl>

          <h2>What it is worth</h2>
          <>
            <Await loaded={listed} what="its figures">
              {() =>
                summary ? (
                  <dl className="nhsuk-summary-list" data-figures="intervention-value">
                    <div className="nhsuk-summary-list__row">
                      <dt className="nhsuk-summary-list__key">Costs</dt>
                      <dd className="nhsuk-summary-list__value" data-figure="costs">
                        <FigureLink figure={summary.costsPence} />
                      </dd>
                    </div>
                    <div className="nhsuk-summary-list__row">
                      <dt className="nhsuk-summary-list__key">Claimed</dt>
                      <dd className="nhsuk-summary-list__value" data-figure="claimed">
                        <FigureLink figure={summary.claimedPence} />
                      </dd>
                    </div>
                    <div className="nhsuk-summary-list__row">
                      <dt className="nhsuk-summary-list__key">Validated by finance</dt>
                      <dd className="nhsuk-summary-list__value" data-figure="validated">
                        <FigureLink figure={summary.validatedPence} />
                      </dd>
                    </div>
                    <div className="nhsuk-summary-list__row">
                      <dt className="nhsuk-summary-list__key">Rejected</dt>
                      <dd className="nhsuk-summary-list__value" data-figure="rejected">
                        <FigureLink figure={summary.rejectedPence} />
                      </dd>
                    </div>
                    <div className="nhsuk-summary-list__row">
                      <dt className="nhsuk-summary-list__key">Return (validated ÷ costs)</dt>
                      <dd className="nhsuk-summary-list__value" data-figure="roi">
                        {summary.roi ? (
                          summary.roi.ref ? (
                            <Link to={view.link('/app/trace', { figure: summary.roi.ref })}>
                              {summary.roi.perPound}
                            </Link>
                          ) : (
                            summary.roi.perPound
                          )
                        ) : (
                          'no costs recorded'
                        )}
                      </dd>
                    </div>
                  </dl>
                ) : (
                  <p>
                    No costs or benefits {view.financialYear ? `in ${view.financialYear}` : 'recorded'}
                    {view.asAt ? ' by then' : ''}.
                  </p>
                )
              }
            </Await>
            {summary && value.state === 'loaded' && (
              <dl className="nhsuk-summary-list" data-figures="intervention-net">
                <div className="nhsuk-summary-list__row">
                  <dt className="nhsuk-summary-list__key">Net value (validated − costs)</dt>
                  <dd className="nhsuk-summary-list__value" data-figure="net">
                    <FigureLink figure={value.data.netValuePence} />
                  </dd>
                </div>
              </dl>
            )}

            <h2>Decisions</h2>
            <Await loaded={timeline} what="its decisions">
              {(t) => <DecisionTimeline timeline={t} />}
            </Await>

            <h2>Costs{view.financialYear ? ` in ${view.financialYear}` : ', all years'}</h2>
            <Await loaded={value} what="its costs">
              {(v) => <CostsByTypeAndBearer costs={v.costs} />}
            </Await>
            <div className="app-table-scroll">
              <table className="nhsuk-table" data-table="costs">
                <caption className="nhsuk-table__caption nhsuk-table__caption--s">
                  Every cost recorded, all years
                </caption>
                <thead className="nhsuk-table__head">
                  <tr className="nhsuk-table__row">
                    {['Cost', 'Type', 'Year', 'Borne by', 'Amount'].map((h) => (
                      <th scope="col" key={h} className={`nhsuk-table__header${h === 'Amount' ? ' app-numeric' : ''}`}>
                        {h}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody className="nhsuk-table__body">
                  {i.costs.map((c) => (
                    <tr className="nhsuk-table__row" key={c.costId} data-cost={c.costId}>
                      <td className="nhsuk-table__cell">{c.category ?? c.costId}</td>
                      <td className="nhsuk-table__cell">{words(c.costType)}</td>
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
            </div>

            <h2>Benefits</h2>
            <div className="app-table-scroll">
              <table className="nhsuk-table" data-table="benefits">
                <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Benefits claimed</caption>
                <thead className="nhsuk-table__head">
                  <tr className="nhsuk-table__row">
                    {['Benefit', 'Type and lens', 'Year', 'Lands at', 'Claimed', 'Validated', 'Status', 'Finance'].map(
                      (h) => (
                        <th
                          scope="col"
                          key={h}
                          className={`nhsuk-table__header${h === 'Claimed' || h === 'Validated' ? ' app-numeric' : ''}`}
                        >
                          {h}
                        </th>
                      ),
                    )}
                  </tr>
                </thead>
                <tbody className="nhsuk-table__body">
                  {i.benefits.map((b) => (
                    <tr className="nhsuk-table__row" key={b.benefitId} data-benefit={b.benefitId}>
                      <td className="nhsuk-table__cell">
                        {decisions.get(b.benefitId)?.description ?? b.benefitId}
                        <br />
                        <span className="nhsuk-body-s nhsuk-u-secondary-text-colour">
                          {formatQuantity(b.quantity.value)} {b.quantity.unit}, {b.valuation.method}
                        </span>
                      </td>
                      <td className="nhsuk-table__cell">
                        {words(b.benefitType)}, {b.lens}
                      </td>
                      <td className="nhsuk-table__cell">{b.financialYear}</td>
                      <td className="nhsuk-table__cell">
                        <OrgLink id={b.landingOrganisationId} />
                      </td>
                      <td className="nhsuk-table__cell app-numeric">
                        <LineFigure figure={benefitLines.get(b.benefitId)?.claimedPence} pence={b.valuePence} />
                      </td>
                      <td className="nhsuk-table__cell app-numeric">
                        {b.validatedValuePence !== null ? (
                          <LineFigure
                            figure={benefitLines.get(b.benefitId)?.validatedPence}
                            pence={b.validatedValuePence}
                          />
                        ) : (
                          '—'
                        )}
                      </td>
                      <td className="nhsuk-table__cell">
                        <StatusTag status={b.status} />
                      </td>
                      <td className="nhsuk-table__cell">
                        <Judgement status={b.status} item={decisions.get(b.benefitId)} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>

            <h2>Released capacity</h2>
            <CapacityFunnel releases={i.capacityReleases} lines={releaseLines} />

            <h2>Where its value lands</h2>
            <ValueLands intervention={i} landings={lines.landings} />
          </>
        </>
      )}
    </Await>
  );
}
