import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openTestStore, type TestStore } from '../../../test/db-harness.js';
import { loadPriceRules } from '../../billing/price-rules.js';
import { cliEnvironment, cliRunner, type RunCli } from '../test-fixtures.js';

describe('aihub prices', () => {
  let store: TestStore;
  let aihub: RunCli;
  const dir = mkdtempSync(join(tmpdir(), 'aihub-prices-'));
  beforeAll(async () => {
    store = await openTestStore('sqlite');
    const env = cliEnvironment(store);
    aihub = cliRunner(() => env);
    return () => store.destroy();
  });

  const RULES = [
    'globalMultiplierPpm: 300000',
    'groups:',
    '  vip: 800000',
    'models:',
    '  gpt-4o-mini:',
    '    fixed: { input: 100000, output: 400000, cacheRead: 50000 }',
    '  openai/gpt-4o:',
    '    multiplierPpm: 500000',
    '',
  ].join('\n');

  it('imports rules from YAML, exports them as YAML and JSON, and the export imports back unchanged', async () => {
    const file = join(dir, 'rules.yaml');
    writeFileSync(file, RULES);
    const imported = await aihub(['prices', 'import', file]);
    expect(imported.code).toBe(0);
    expect(imported.out).toMatch(/global\s+\*\s+30\.00%/);
    expect(imported.out).toMatch(/model\s+gpt-4o-mini\s+-\s+input, output, cacheRead/);
    const stored = await loadPriceRules(store);
    expect(stored).toEqual({
      globalMultiplierPpm: 300_000,
      groups: { vip: 800_000 },
      models: {
        'gpt-4o-mini': { fixed: { input: 100_000, output: 400_000, cacheRead: 50_000 } },
        'openai/gpt-4o': { multiplierPpm: 500_000 },
      },
    });

    const yaml = await aihub(['prices', 'export']);
    const json = await aihub(['prices', 'export', '--json']);
    expect(JSON.parse(json.out)).toEqual(stored);
    // Replace the rules with something else, then bring the exported ones back: both forms.
    for (const [name, text] of [
      ['rules.json', json.out],
      ['exported.yaml', yaml.out],
    ] as const) {
      writeFileSync(join(dir, 'other.yaml'), 'globalMultiplierPpm: 1000000\n');
      expect((await aihub(['prices', 'import', join(dir, 'other.yaml')])).code).toBe(0);
      expect((await loadPriceRules(store)).models).toEqual({});
      writeFileSync(join(dir, name), text);
      expect((await aihub(['prices', 'import', join(dir, name), '--json'])).json()).toEqual(stored);
      expect(await loadPriceRules(store)).toEqual(stored);
    }
  });

  it('refuses an invalid document with the reason and changes nothing', async () => {
    const before = await loadPriceRules(store);
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'globalMultiplierPpm: -5\nmodels:\n  x: {}\n');
    const run = await aihub(['prices', 'import', file]);
    expect(run.code).toBe(1);
    expect(run.err).toContain('not a valid price rules document');
    expect(run.err).toContain('globalMultiplierPpm');
    writeFileSync(file, 'models: [unclosed\n');
    expect((await aihub(['prices', 'import', file])).err).toContain('not valid YAML or JSON');
    expect(await loadPriceRules(store)).toEqual(before);
  });
});
