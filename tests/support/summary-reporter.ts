import type { Reporter, SerializedError, TestModule, TestRunEndReason } from 'vitest/node';

export interface RunSummary {
  passed: number;
  /** Failed tests, plus every error outside a test: a file's import, a beforeAll/afterAll hook, an unhandled error. */
  failed: number;
  skipped: number;
  /** One line for each failure that is not a failed test, so the count can be traced. */
  outsideTests: string[];
}

const firstLine = (error: SerializedError | undefined) => (error?.message ?? String(error ?? 'unknown error')).split('\n')[0].slice(0, 160);

/** Counts a finished run so that `failed` is 0 exactly when vitest reports success (and exits 0). */
export function summarizeRun(
  testModules: ReadonlyArray<TestModule>,
  unhandledErrors: ReadonlyArray<SerializedError>,
  reason: TestRunEndReason = 'passed',
): RunSummary {
  const summary: RunSummary = { passed: 0, failed: 0, skipped: 0, outsideTests: [] };
  for (const mod of testModules) {
    let failedTests = 0;
    for (const test of mod.children.allTests()) {
      const state = test.result().state;
      if (state === 'passed') summary.passed++;
      else if (state === 'failed') failedTests++;
      else summary.skipped++;
    }
    summary.failed += failedTests;
    // Errors of the file itself (import, top-level hooks) and of its describe blocks (their hooks).
    const errors = [
      ...mod.errors().map((e) => ({ where: '', e })),
      ...[...mod.children.allSuites()].flatMap((suite) => suite.errors().map((e) => ({ where: `${suite.fullName}: `, e }))),
    ];
    for (const { where, e } of errors) summary.outsideTests.push(`${mod.relativeModuleId}: ${where}${firstLine(e)}`);
    summary.failed += errors.length;
    if (mod.state() === 'failed' && !errors.length && !failedTests) {
      summary.outsideTests.push(`${mod.relativeModuleId}: failed without a failed test`);
      summary.failed++;
    }
  }
  for (const e of unhandledErrors) summary.outsideTests.push(`unhandled error: ${firstLine(e)}`);
  summary.failed += unhandledErrors.length;
  if (reason !== 'passed' && !summary.failed) {
    summary.outsideTests.push(`the run ended as ${reason}`);
    summary.failed++;
  }
  return summary;
}

/**
 * Prints one plain closing line, `N passed, N failed[, N skipped]`, that any CI log reader understands.
 * `failed` counts failed tests and failures outside tests (listed on the lines just before it), so the
 * line agrees with vitest's exit code.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>, reason: TestRunEndReason) {
    const { passed, failed, skipped, outsideTests } = summarizeRun(testModules, unhandledErrors, reason);
    let out = '\n';
    if (outsideTests.length) {
      out += `summary: ${outsideTests.length} of the failures ${outsideTests.length === 1 ? 'is' : 'are'} outside any test (a file that failed to run, a hook or an unhandled error):\n`;
      out += outsideTests.map((line) => `  ${line}\n`).join('');
    }
    out += `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`;
    process.stdout.write(out);
  }
}
