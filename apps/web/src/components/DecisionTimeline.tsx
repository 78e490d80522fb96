import { InterventionTimeline, TimelineEntry } from '../api/types';
import { formatPence } from '../money';
import { FigureLink, When, words } from './Figures';

/** The decision in words, its amount (where the sentence states it) a link to the amount's trace. */
function Summary({ entry }: { entry: TimelineEntry }) {
  const figure = entry.figure;
  const parts = figure ? entry.summary.split(formatPence(figure.pence)) : [entry.summary];
  if (!figure || parts.length < 2)
    return (
      <p className="app-timeline__summary">
        {entry.summary}
        {figure && (
          <>
            {' '}
            (<FigureLink figure={figure} />)
          </>
        )}
      </p>
    );
  return (
    <p className="app-timeline__summary">
      {parts.map((part, i) => (
        <span key={i}>
          {i > 0 && <FigureLink figure={figure} />}
          {part}
        </span>
      ))}
    </p>
  );
}

/**
 * An intervention's decisions in the order recorded (`GET /interventions/:id/timeline`). nhsuk-frontend has no
 * timeline component: an ordered list (the order is the meaning), each entry a small heading, who and when, the
 * decision in plain words with its note or reason, its source, and the amount it records as a link to its trace.
 */
export function DecisionTimeline({ timeline }: { timeline: InterventionTimeline }) {
  if (timeline.items.length === 0) return <p>Nothing recorded by then.</p>;
  const shown = timeline.items.length < timeline.total ? ` The first ${timeline.items.length} are shown.` : '';
  return (
    <>
      <p className="nhsuk-body-s nhsuk-u-secondary-text-colour">
        {timeline.total} decisions and records, oldest first.{shown}
      </p>
      <ol className="app-timeline" data-list="timeline">
        {timeline.items.map((entry) => (
          <li className="app-timeline__item" key={entry.position} data-position={entry.position} data-type={entry.type}>
            <h3 className="app-timeline__headline">{entry.headline}</h3>
            <p className="app-timeline__meta">
              <When instant={entry.recordedAt} /> · {entry.actor.userId} ({words(entry.actor.role)},{' '}
              {entry.actor.organisationId}) · log position {entry.position}
            </p>
            <Summary entry={entry} />
            {entry.source && (
              <p className="app-timeline__source">
                Source: {entry.source.system}, {entry.source.reference}
                {entry.source.extractedOn ? ` (extracted ${entry.source.extractedOn})` : ''}
              </p>
            )}
          </li>
        ))}
      </ol>
    </>
  );
}
