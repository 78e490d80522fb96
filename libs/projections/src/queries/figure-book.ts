/** One step of the arithmetic behind a figure, and the events (global positions) it rests on. */
export interface Term {
  note: string;
  amount: number;
  positions: number[];
}

/**
 * Accumulates a query's figures by key. With `withTerms`, also keeps the terms that make each figure up (or one
 * figure's), for /trace; without, the terms are never built, so the query itself stays fast.
 */
export class FigureBook {
  private readonly values = new Map<string, number>();
  private readonly terms = new Map<string, Term[]>();

  /** `onlyKey`: keep the terms of that one figure only (a trace), every figure's value still adds up. */
  constructor(
    readonly withTerms: boolean,
    private readonly onlyKey: string | null = null,
  ) {}

  add(key: string, amount: number, term?: () => Term): void {
    this.values.set(key, (this.values.get(key) ?? 0) + amount);
    if (this.withTerms && term && (this.onlyKey === null || key === this.onlyKey)) {
      const list = this.terms.get(key) ?? [];
      list.push(term());
      this.terms.set(key, list);
    }
  }

  value(key: string): number {
    return this.values.get(key) ?? 0;
  }

  has(key: string): boolean {
    return this.values.has(key);
  }

  keys(): string[] {
    return [...this.values.keys()];
  }

  termsOf(key: string): Term[] {
    return this.terms.get(key) ?? [];
  }
}
