/** The targets for the read-model part (ledger-report.ts holds each result to them). */
export const TARGETS = { rebuildRatio: 0.4, traceP99Ms: 10, flowsAsAtMs: 500, peakRssMB: 300 };

/** The targets for the HTTP part (http-report.ts). */
export const HTTP_TARGETS = { rateAt16: 3_000, p99At16Ms: 25, ratioToRaw: 0.5, p50At1Ms: 2, flatWithin: 0.15 };
