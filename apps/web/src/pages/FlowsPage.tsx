import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import { query } from '../api/client';
import { SystemFlows } from '../api/types';
import { useApi } from '../api/use-api';
import { Await, usePageReady } from '../components/Await';
import { Chart, ChartClick } from '../components/Chart';
import { FigureLink } from '../components/Figures';
import { OrgLink } from '../components/OrgName';
import { PeriodNote } from '../components/PeriodNote';
import { formatPence } from '../money';
import { useView, viewParams } from '../view/view-state';

function FlowsChart({ flows }: { flows: SystemFlows }) {
  const navigate = useNavigate();
  const { link } = useView();
  const names = useMemo(() => new Map(flows.nodes.map((n) => [n.id, n.name])), [flows]);
  const option = useMemo(
    () => ({
      tooltip: {
        trigger: 'item',
        // what this option gives the chart: links carry source, target and value; nodes a name and a value
        formatter: (
          p:
            | { dataType: 'edge'; data: { source: string; target: string; value: number } }
            | { dataType: 'node'; data: { name: string; value?: number } },
        ) =>
          p.dataType === 'edge'
            ? `${names.get(p.data.source)} → ${names.get(p.data.target)}: ${formatPence(p.data.value)}`
            : `${names.get(p.data.name)}: ${formatPence(p.data.value ?? 0)}`,
      },
      series: [
        {
          type: 'sankey',
          // Landing organisations are labelled to the right of their nodes: room for the longest NHS trust name.
          left: 8,
          right: 300,
          top: 8,
          bottom: 8,
          nodeWidth: 18,
          nodeGap: 14,
          draggable: false,
          emphasis: { focus: 'adjacency' },
          data: flows.nodes.map((n) => ({ name: n.id, value: n.valuePence.pence, ref: n.valuePence.ref })),
          links: flows.links.map((l) => ({ source: l.source, target: l.target, value: l.valuePence, ref: l.ref })),
          label: { formatter: (p: { name: string }) => names.get(p.name) ?? p.name, color: '#212b32', fontSize: 14 },
          lineStyle: { color: 'gradient', opacity: 0.4 },
        },
      ],
    }),
    [flows, names],
  );
  const open = (click: ChartClick) => {
    const ref = (click.data as { ref?: string } | undefined)?.ref;
    if (ref) void navigate(link('/app/trace', { figure: ref }));
  };
  const described = flows.links
    .map((l) => `${names.get(l.source)} to ${names.get(l.target)} ${formatPence(l.valuePence)}`)
    .join('; ');
  return (
    <Chart
      option={option}
      onClick={open}
      label={`Validated value flowing from investing organisations (left) to the organisations where it lands (right): ${described}`}
    />
  );
}

export function FlowsPage() {
  const view = useView();
  const flows = useApi<SystemFlows>(`/system/flows${query(viewParams(view))}`);
  usePageReady(flows);
  return (
    <>
      <h1>System flows</h1>
      <p>
        Validated value from the organisations that paid for the work (left, in proportion to the costs each bore) to
        the organisations where it lands (right){view.financialYear ? ` in ${view.financialYear}` : ', all years'}.
        Select a flow or an organisation, in the chart or the table, to see its trace.
      </p>
      <Await loaded={flows} what="the system's flows">
        {(f) => (
          <>
            <PeriodNote basis={f} />
            {f.links.length === 0 ? (
              <p>No validated value {view.asAt ? 'had been recorded by then' : 'has been recorded'}.</p>
            ) : (
              <FlowsChart flows={f} />
            )}
            <dl className="nhsuk-summary-list" data-figures="flow-totals">
              <div className="nhsuk-summary-list__row">
                <dt className="nhsuk-summary-list__key">Validated value</dt>
                <dd className="nhsuk-summary-list__value" data-figure="validated">
                  <FigureLink figure={f.totals.validatedPence} />
                </dd>
              </div>
              <div className="nhsuk-summary-list__row">
                <dt className="nhsuk-summary-list__key">Of which crosses organisations</dt>
                <dd className="nhsuk-summary-list__value" data-figure="cross">
                  <FigureLink figure={f.totals.crossOrganisationPence} />
                </dd>
              </div>
            </dl>
            <div className="app-table-scroll">
              <table className="nhsuk-table" data-table="flows">
                <caption className="nhsuk-table__caption nhsuk-table__caption--s">Flows</caption>
                <thead className="nhsuk-table__head">
                  <tr className="nhsuk-table__row">
                    <th scope="col" className="nhsuk-table__header">
                      Invested by
                    </th>
                    <th scope="col" className="nhsuk-table__header">
                      Lands at
                    </th>
                    <th scope="col" className="nhsuk-table__header app-numeric">
                      Validated value
                    </th>
                  </tr>
                </thead>
                <tbody className="nhsuk-table__body">
                  {f.links.map((l) => (
                    <tr
                      className="nhsuk-table__row"
                      key={`${l.source}>${l.target}`}
                      data-flow={`${l.from ?? 'none'}>${l.to}`}
                    >
                      <td className="nhsuk-table__cell">
                        <OrgLink id={l.from} />
                      </td>
                      <td className="nhsuk-table__cell">
                        <OrgLink id={l.to} />
                      </td>
                      <td className="nhsuk-table__cell app-numeric">
                        <FigureLink figure={{ pence: l.valuePence, ref: l.ref }} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div className="app-table-scroll">
              <table className="nhsuk-table" data-table="flow-nodes">
                <caption className="nhsuk-table__caption nhsuk-table__caption--s">By organisation</caption>
                <thead className="nhsuk-table__head">
                  <tr className="nhsuk-table__row">
                    <th scope="col" className="nhsuk-table__header">
                      Organisation
                    </th>
                    <th scope="col" className="nhsuk-table__header">
                      Side
                    </th>
                    <th scope="col" className="nhsuk-table__header app-numeric">
                      Value
                    </th>
                  </tr>
                </thead>
                <tbody className="nhsuk-table__body">
                  {f.nodes.map((n) => (
                    <tr className="nhsuk-table__row" key={n.id} data-node={n.id}>
                      <td className="nhsuk-table__cell">
                        <OrgLink id={n.organisationId} />
                      </td>
                      <td className="nhsuk-table__cell">
                        {n.side === 'investor' ? 'Its investment produced' : 'Landed here'}
                      </td>
                      <td className="nhsuk-table__cell app-numeric">
                        <FigureLink figure={n.valuePence} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </Await>
    </>
  );
}
