/**
 * scripts/test-summary.mjs prints the line CI reads. The fresh-machine run (`--must-skip`) must turn
 * a recorded-fixture suite that fails, or runs instead of skipping, into a counted failure.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('../../scripts/test-summary.mjs', import.meta.url));
const directory = mkdtempSync(path.join(tmpdir(), 'aihub-test-summary-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

type TestStatus = 'passed' | 'failed' | 'skipped';
interface FileResult {
  name: string;
  status: 'passed' | 'failed';
  message?: string;
  tests: TestStatus[];
}

let reportCount = 0;
/** Writes a report shaped like Vitest's JSON reporter output and returns its path. */
function report(files: FileResult[]): string {
  const tests = files.flatMap((file) => file.tests);
  const failedFiles = files.filter((file) => file.status === 'failed').length;
  const body = {
    numPassedTests: tests.filter((status) => status === 'passed').length,
    numFailedTests: tests.filter((status) => status === 'failed').length,
    numPendingTests: tests.filter((status) => status === 'skipped').length,
    numTodoTests: 0,
    numFailedTestSuites: failedFiles,
    success: failedFiles === 0 && !tests.includes('failed'),
    testResults: files.map((file) => ({
      name: file.name,
      status: file.status,
      message: file.message ?? '',
      assertionResults: file.tests.map((status, index) => ({
        status,
        fullName: `test ${index + 1}`,
        failureMessages: status === 'failed' ? [`AssertionError: test ${index + 1} broke\n    at somewhere`] : [],
      })),
    })),
  };
  reportCount += 1;
  const file = path.join(directory, `report-${reportCount}.json`);
  writeFileSync(file, JSON.stringify(body));
  return file;
}

function summarize(...args: string[]) {
  const run = spawnSync(process.execPath, [script, ...args], { encoding: 'utf8' });
  return { line: run.stdout.trim(), errors: run.stderr, status: run.status };
}

const green = report([{ name: 'a.test.ts', status: 'passed', tests: ['passed', 'passed', 'skipped'] }]);
const allSkipped = report([
  { name: 'replay-one.test.ts', status: 'passed', tests: ['skipped', 'skipped'] },
  { name: 'replay-two.test.ts', status: 'passed', tests: ['skipped'] },
]);

describe('test-summary.mjs', () => {
  it('counts the main run and the extra checks', () => {
    expect(summarize(green, 'pass')).toMatchObject({ line: '3 passed, 0 failed, 1 skipped', status: 0 });
    expect(summarize(green, 'fail')).toMatchObject({ line: '2 passed, 1 failed, 1 skipped', status: 2 });
  });

  it('names each failed test of the main run on stderr, for a log read from its tail', () => {
    const red = report([{ name: 'flaky.test.ts', status: 'failed', tests: ['passed', 'failed'] }]);
    const result = summarize(red, 'pass');
    expect(result.line).toBe('2 passed, 1 failed, 0 skipped');
    expect(result.errors).toContain('failed: flaky.test.ts > test 2: AssertionError: test 2 broke');
    expect(result.errors).not.toContain('somewhere');
    expect(result.errors).not.toContain('test 1');
  });

  it('counts a file that fails to load, which has no failed test, as a failure', () => {
    const broken = report([{ name: 'broken.test.ts', status: 'failed', message: 'ENOENT', tests: [] }]);
    expect(summarize(broken)).toMatchObject({ line: '0 passed, 1 failed, 0 skipped', status: 2 });
  });

  it('adds the skipped tests of a must-skip run that skipped everything', () => {
    expect(summarize(green, '--must-skip', allSkipped, 'pass')).toMatchObject({
      line: '3 passed, 0 failed, 4 skipped',
      status: 0,
    });
  });

  it('fails a must-skip run whose file failed to load without ../shared (the ENOENT of issue 11)', () => {
    const enoent = report([
      { name: 'replay-one.test.ts', status: 'passed', tests: ['skipped'] },
      { name: 'response-replay.test.ts', status: 'failed', message: 'ENOENT: no such file\n  at x', tests: [] },
    ]);
    const result = summarize(green, '--must-skip', enoent);
    expect(result).toMatchObject({ line: '2 passed, 1 failed, 2 skipped', status: 2 });
    expect(result.errors).toContain('response-replay.test.ts failed: ENOENT: no such file');
  });

  it('fails a must-skip run in which a file ran a test instead of skipping it', () => {
    const ran = report([{ name: 'reads-shared.test.ts', status: 'passed', tests: ['skipped', 'passed'] }]);
    const result = summarize(green, '--must-skip', ran);
    expect(result.line).toBe('2 passed, 1 failed, 2 skipped');
    expect(result.errors).toContain('reads-shared.test.ts ran tests instead of skipping them');
  });

  it('fails a must-skip run that collected no file, or a file that collected no test', () => {
    expect(summarize(green, '--must-skip', report([])).line).toBe('2 passed, 1 failed, 1 skipped');
    const empty = report([{ name: 'empty.test.ts', status: 'passed', tests: [] }]);
    expect(summarize(green, '--must-skip', empty).line).toBe('2 passed, 1 failed, 1 skipped');
  });

  it('fails when a report is missing (the clone could not be made)', () => {
    const missing = path.join(directory, 'never-written.json');
    expect(summarize(green, '--must-skip', missing)).toMatchObject({
      line: '2 passed, 1 failed, 1 skipped',
      status: 2,
    });
    expect(summarize(missing).line).toBe('0 passed, 1 failed, 0 skipped');
  });
});
