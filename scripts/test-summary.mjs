// Prints the one-line summary CI reads ("N passed, N failed, N skipped") from Vitest's JSON reports.
//
//   node scripts/test-summary.mjs <report.json> [--must-skip <report.json>]... [pass|fail]...
//
// - The first report is the main `npm test` run.
// - Each `--must-skip` report is a run that has to skip every test it collects (the recorded-fixture
//   suites run again from a clone with no ../shared beside it): its skipped tests join the total,
//   and each of its files that failed, collected no test, or ran a test instead of skipping it
//   counts as one failure, named on stderr. A missing or unreadable report counts as a failure too.
// - Each failed test of the main report is named on stderr (file, test, first line of the reason).
// - Extra checks outside Vitest (the benchmark smoke run) count as one test each: `pass` or `fail`.
// Exits 2 when anything failed (1 is left to a crash of this script), 0 otherwise.
import { readFileSync } from 'node:fs';

function readReport(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    console.error(`test-summary: cannot read ${file}: ${error.message}`);
    return undefined;
  }
}

/** passed / failed / skipped of one Vitest JSON report; a file that fails to load has no failed test but fails. */
function countsOf(report) {
  const passed = report.numPassedTests ?? 0;
  let failed = report.numFailedTests ?? 0;
  if (!report.success && failed === 0) failed = Math.max(1, report.numFailedTestSuites ?? 0);
  const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  return { passed, failed, skipped };
}

/** Each failed test (or file that failed to load) of a report, with the first line of its reason. */
function failuresOf(report) {
  const failures = [];
  for (const file of report.testResults ?? []) {
    const failedTests = (file.assertionResults ?? []).filter((test) => test.status === 'failed');
    for (const test of failedTests)
      failures.push(
        `${file.name} > ${test.fullName ?? test.title}: ${(test.failureMessages?.[0] ?? '').split('\n')[0]}`,
      );
    if (failedTests.length === 0 && file.status === 'failed')
      failures.push(`${file.name}: ${(file.message ?? '').split('\n')[0]}`);
  }
  return failures;
}

/** The files of a must-skip report that did not skip cleanly, each with the reason. */
function filesThatDidNotSkip(report) {
  const files = report.testResults ?? [];
  if (files.length === 0) return [['(no test file)', 'the run collected no test file']];
  const problems = [];
  for (const file of files) {
    const statuses = (file.assertionResults ?? []).map((test) => test.status);
    if (file.status === 'failed') problems.push([file.name, `failed: ${(file.message ?? '').split('\n')[0]}`]);
    else if (statuses.length === 0) problems.push([file.name, 'collected no test']);
    else if (statuses.some((status) => status !== 'skipped' && status !== 'pending' && status !== 'todo'))
      problems.push([file.name, `ran tests instead of skipping them (${[...new Set(statuses)].join(', ')})`]);
  }
  return problems;
}

const totals = { passed: 0, failed: 0, skipped: 0 };
const add = (counts) => {
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped;
};

const [mainFile, ...rest] = process.argv.slice(2);
const main = mainFile === undefined ? undefined : readReport(mainFile);
if (main) {
  add(countsOf(main));
  // Named again here because a CI log is often read from its tail, far below Vitest's own report.
  for (const failure of failuresOf(main)) console.error(`test-summary: failed: ${failure.slice(0, 400)}`);
} else totals.failed += 1;

for (let index = 0; index < rest.length; index += 1) {
  const argument = rest[index];
  if (argument === '--must-skip') {
    index += 1;
    const file = rest[index];
    const report = file === undefined ? undefined : readReport(file);
    if (!report) {
      totals.failed += 1;
      continue;
    }
    totals.skipped += countsOf(report).skipped;
    for (const [name, reason] of filesThatDidNotSkip(report)) {
      console.error(`test-summary: without ../shared, ${name} ${reason}`);
      totals.failed += 1;
    }
  } else if (argument === 'pass') totals.passed += 1;
  else totals.failed += 1;
}

console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exitCode = totals.failed > 0 ? 2 : 0;
