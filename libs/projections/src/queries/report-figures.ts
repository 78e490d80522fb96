import { present } from '../required';

/** One figure of a query's answer, found by walking it: its place in the answer, its value and its reference. */
export interface ReportFigure {
  /** Where it sits in the answer, e.g. `landedHere.byType.capacity` or `rows[riverside|bed-days|2019/20].released`. */
  path: string;
  value: number;
  unit: 'pence' | 'quantity' | 'pence-per-pound';
  ref: string;
}

/** The numeric fields that make an object with a `ref` a figure, and what each measures. */
const VALUE_FIELDS: [field: string, unit: ReportFigure['unit']][] = [
  ['pence', 'pence'],
  ['quantity', 'quantity'],
  ['valuePence', 'pence'],
  ['pencePerPound', 'pence-per-pound'],
];

/**
 * Every figure in a query's answer: any object carrying a `ref` beside a value ({pence, ref}, {quantity, ref},
 * a flow link, an ROI). Rows of arrays are named by their identifying text fields rather than their index, so
 * the same figure has the same path in two answers (as closed and as restated) even when rows were added.
 */
export function reportFigures(answer: unknown): ReportFigure[] {
  const found: ReportFigure[] = [];
  const walk = (node: unknown, path: string) => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => walk(item, `${path}[${rowName(item) ?? i}]`));
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown>;
    const valueField =
      typeof record.ref === 'string' ? VALUE_FIELDS.find(([f]) => typeof record[f] === 'number') : undefined;
    if (valueField)
      found.push({ path, value: record[valueField[0]] as number, unit: valueField[1], ref: record.ref as string });
    for (const [key, child] of Object.entries(record))
      if (typeof child === 'object') walk(child, path ? `${path}.${key}` : key);
  };
  walk(answer, '');
  return found;
}

/** A row's name: its text fields but its reference, e.g. `riverside|bed-days|2019/20`. */
function rowName(item: unknown): string | null {
  if (typeof item !== 'object' || item === null) return null;
  const texts = Object.entries(item as Record<string, unknown>)
    .filter(([k, v]) => k !== 'ref' && typeof v === 'string')
    .map(([, v]) => v as string);
  return texts.length ? texts.join('|') : null;
}

export interface ChangedFigure {
  path: string;
  unit: ReportFigure['unit'];
  asClosed: { value: number; ref: string | null };
  asRestated: { value: number; ref: string | null };
  difference: number;
}

/** The figures whose value differs between two answers of the same query (a figure missing from one counts as 0). */
export function changedFigures(asClosed: unknown, asRestated: unknown): ChangedFigure[] {
  const before = new Map(reportFigures(asClosed).map((f) => [f.path, f]));
  const after = new Map(reportFigures(asRestated).map((f) => [f.path, f]));
  const paths = [...new Set([...before.keys(), ...after.keys()])];
  return paths.flatMap((path) => {
    const closedFigure = before.get(path);
    const restatedFigure = after.get(path);
    const was = closedFigure?.value ?? 0;
    const now = restatedFigure?.value ?? 0;
    if (was === now) return [];
    return [
      {
        path,
        unit: present(restatedFigure ?? closedFigure, `report figure ${path}`).unit,
        asClosed: { value: was, ref: closedFigure?.ref ?? null },
        asRestated: { value: now, ref: restatedFigure?.ref ?? null },
        difference: Math.round((now - was) * 100) / 100,
      },
    ];
  });
}
