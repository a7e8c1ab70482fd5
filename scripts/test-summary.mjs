// Prints the one-line summary CI reads ("N passed, N failed, N skipped") from Vitest's JSON report,
// plus any extra checks named on the command line (`pass` / `fail`).
import { readFileSync } from 'node:fs';

const report = JSON.parse(readFileSync(process.argv[2], 'utf8'));
let passed = report.numPassedTests ?? 0;
let failed = report.numFailedTests ?? 0;
// A test file that fails to load has no failed tests but fails the run: count it.
if (!report.success && failed === 0) failed = Math.max(1, report.numFailedTestSuites ?? 0);
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
// Extra checks outside Vitest (the benchmark smoke run) count as one test each: `pass` or `fail`.
for (const extra of process.argv.slice(3)) {
  if (extra === 'pass') passed += 1;
  else failed += 1;
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
