import { Link } from 'react-router';
import { Figure, QuantityFigure } from '../api/types';
import { formatPence, formatQuantity } from '../money';
import { useView } from '../view/view-state';

/** Pounds from pence, not traceable (a figure the API gives without a reference). */
export function Money({ pence }: { pence: number }) {
  return <span className="app-figure">{formatPence(pence)}</span>;
}

/** A figure in pounds that opens its trace: the arithmetic and the events behind it. */
export function FigureLink({ figure }: { figure: Figure }) {
  const { link } = useView();
  const text = formatPence(figure.pence);
  if (!figure.ref) return <span className="app-figure">{text}</span>;
  return (
    <Link className="app-figure" to={link('/app/trace', { figure: figure.ref })} data-pence={figure.pence}>
      {text}
    </Link>
  );
}

/** A single line's figure with its reference when an answer gives one, else the plain amount. */
export function LineFigure({ figure, pence }: { figure: Figure | undefined | null; pence: number }) {
  return figure ? <FigureLink figure={figure} /> : <Money pence={pence} />;
}

/** A capacity quantity that opens its trace. */
export function QuantityLink({ figure, unit }: { figure: QuantityFigure; unit?: string }) {
  const { link } = useView();
  const text = `${formatQuantity(figure.quantity)}${unit ? ` ${unit}` : ''}`;
  if (!figure.ref) return <span className="app-figure">{text}</span>;
  return (
    <Link className="app-figure" to={link('/app/trace', { figure: figure.ref })} data-quantity={figure.quantity}>
      {text}
    </Link>
  );
}

/** `capacity` → `Capacity`, `cost-avoidance` → `Cost avoidance`. */
export function words(id: string): string {
  const text = id.replace(/-/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function StatusTag({ status }: { status: string }) {
  const colour: Record<string, string> = {
    validated: 'green',
    evidenced: 'green',
    active: 'green',
    claimed: 'blue',
    'partly-evidenced': 'yellow',
    approved: 'blue',
    registered: 'grey',
    rejected: 'red',
    unevidenced: 'red',
    stopped: 'red',
    paused: 'orange',
    closed: 'grey',
  };
  return <strong className={`nhsuk-tag nhsuk-tag--${colour[status] ?? 'grey'}`}>{words(status)}</strong>;
}

/** An instant as a person reads it, in UTC (the same for everyone who opens the link). */
export function When({ instant }: { instant: string }) {
  const date = new Date(instant);
  const text = Number.isNaN(date.getTime())
    ? instant
    : `${date.toLocaleString('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' })} UTC`;
  return <time dateTime={instant}>{text}</time>;
}
