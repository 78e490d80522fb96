/**
 * Closes every jest run with two things a reader (or CI) can rely on: which server-backed suites did not run and why,
 * then one plain line, "jest: N passed, N failed", as the run's last line.
 */
class RunSummaryReporter {
  constructor(_globalConfig, options) {
    this.skipped = options.skipped || [];
  }
  onRunComplete(_contexts, results) {
    if (this.skipped.length > 0) {
      process.stdout.write('\nSKIPPED (no server configured on this machine):\n');
      for (const s of this.skipped) process.stdout.write(`  - ${s}\n`);
    }
    // a suite that failed to load runs no test but is a failure all the same
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    process.stdout.write(`\njest: ${results.numPassedTests} passed, ${failed} failed\n`);
  }
}
module.exports = RunSummaryReporter;
