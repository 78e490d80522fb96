/** Prints, after the summary, which server-backed suites did not run and why. */
class SkippedSuitesReporter {
  constructor(_globalConfig, options) {
    this.skipped = options.skipped || [];
  }
  onRunComplete() {
    if (this.skipped.length === 0) return;
    process.stdout.write('\nSKIPPED (no server configured on this machine):\n');
    for (const s of this.skipped) process.stdout.write(`  - ${s}\n`);
  }
}
module.exports = SkippedSuitesReporter;
