/**
 * Where the recorded provider traffic lives (`../shared/fixtures-raw`, beside the repository) and
 * the one rule for suites that read it: run when present; in CI a missing folder is an error
 * (CI must never skip replays silently); on a developer machine, a visible skip with the reason.
 * Recordings a test file loads at collection time must be read only when `fixturesAvailable`, so the
 * file loads (and skips) without them; `.ci/run` checks this from a clone with no ../shared.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe } from 'vitest';

const repositoryRoot = fileURLToPath(new URL('../', import.meta.url));
export const FIXTURES_ROOT = path.resolve(repositoryRoot, '../shared/fixtures-raw');
export const fixturesAvailable = existsSync(path.join(FIXTURES_ROOT, 'INDEX.md'));

export function describeWithFixtures(name: string, body: () => void): void {
  if (fixturesAvailable) {
    describe(name, body);
    return;
  }
  if (process.env.CI) {
    throw new Error(`Recorded fixtures not found at ${FIXTURES_ROOT}: CI must not skip replay tests.`);
  }
  const reason = `recorded fixtures not found at ${FIXTURES_ROOT}`;
  // The default reporter names no skipped suite: say it on stderr too, where it shows beside the file.
  console.warn(`SKIPPED "${name}": ${reason}`);
  describe.skip(`${name} [SKIPPED: ${reason}]`, body);
}
