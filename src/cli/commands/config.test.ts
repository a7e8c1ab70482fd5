import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliRunner } from '../test-fixtures.js';

/** The config file's own `${NAME}` syntax, spelled without tripping the template-string lint. */
const variable = (name: string) => `$\{${name}}`;

describe('aihub config check', () => {
  const dir = mkdtempSync(join(tmpdir(), 'aihub-config-'));
  const write = (name: string, text: string) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };
  const run = (argv: string[], env: NodeJS.ProcessEnv = {}) => cliRunner(() => env)(['config', 'check', ...argv]);

  it('passes a valid file and environment (exit 0)', async () => {
    const file = write(
      'good.yaml',
      `channels:\n  - name: main\n    type: openai\n    key: ${variable('OPENAI_KEY')}\nsettings:\n  max_attempts: 3\n`,
    );
    const result = await run([file], {
      OPENAI_KEY: 'sk-x',
      DATABASE_URL: 'postgres://u@db.example:5432/aihub',
      REDIS_URL: 'redis://127.0.0.1:6379',
    });
    expect(result.code).toBe(0);
    expect(result.out).toBe(`OK: ${file} and the environment are valid.\n`);
  });

  it('reports a bad value and an unknown key at their lines (exit 1)', async () => {
    const file = write(
      'bad.yaml',
      [
        'channels:',
        '  - name: main',
        '    type: openai',
        '    weight: -3',
        '    colour: red',
        'settings:',
        '  max_attempts: 50',
        '',
      ].join('\n'),
    );
    const result = await run([file, '--json']);
    expect(result.code).toBe(1);
    const { problems, ok } = result.json<{
      ok: boolean;
      problems: Array<{ severity: string; where: string; message: string }>;
    }>();
    expect(ok).toBe(false);
    expect(problems).toEqual([
      { severity: 'error', where: `${file}:4:13`, message: expect.stringMatching(/^channels\[0\]\.weight: Too small/) },
      { severity: 'error', where: `${file}:5:5`, message: 'channels[0].colour: unknown setting (check its spelling).' },
      { severity: 'error', where: `${file}:7:17`, message: expect.stringMatching(/^settings\.max_attempts: Too big/) },
    ]);
    const table = await run([file]);
    expect(table.out).toMatch(
      new RegExp(`error\\s+${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:4:13\\s+channels\\[0\\]\\.weight`),
    );
    expect(table.out).toContain('3 error(s)');
  });

  it('reports YAML syntax errors, unknown channel types, duplicate names and unset variables', async () => {
    const syntax = write('syntax.yaml', 'channels:\n  - name: a\n    type: [openai\n');
    const broken = await run([syntax, '--json']);
    expect(broken.code).toBe(1);
    expect(broken.json<{ problems: Array<{ where: string }> }>().problems[0]?.where).toMatch(
      new RegExp(`^${syntax}:\\d+:\\d+$`),
    );

    const file = write(
      'channels.yaml',
      [
        'channels:',
        '  - name: one',
        '    type: openai',
        `    key: ${variable('UNSET_VARIABLE_FOR_TEST')}`,
        '  - name: two',
        '    type: nonsense',
        '  - name: ONE',
        '    type: openai',
        '',
      ].join('\n'),
    );
    const result = await run([file, '--json']);
    expect(result.code).toBe(1);
    const { problems } = result.json<{ problems: Array<{ severity: string; where: string; message: string }> }>();
    expect(problems).toContainEqual({
      severity: 'warning',
      where: `${file}:4:10`,
      message: `${variable('UNSET_VARIABLE_FOR_TEST')} is not set in the environment: the value becomes empty.`,
    });
    expect(problems).toContainEqual({
      severity: 'error',
      where: `${file}:5:5`,
      message: "Channel 'two': unknown type 'nonsense'.",
    });
    expect(problems).toContainEqual(
      expect.objectContaining({
        severity: 'error',
        where: `${file}:7:11`,
        message: expect.stringContaining('already the name of channels[0]'),
      }),
    );
  });

  it('checks the environment without a file', async () => {
    const result = await run(['--json'], {
      DATABASE_URL: 'mysql://db/aihub',
      REDIS_URL: 'http://cache',
      AIHUB_SECRET_KEY: 'too-short',
      AIHUB_JSON_MAX_DEPTH: 'deep',
      PORT: '99999',
    });
    expect(result.code).toBe(1);
    const wheres = result.json<{ problems: Array<{ where: string }> }>().problems.map((problem) => problem.where);
    expect(wheres).toEqual(
      expect.arrayContaining([
        'env DATABASE_URL',
        'env REDIS_URL',
        'env AIHUB_SECRET_KEY',
        'env (settings)',
        'env PORT',
      ]),
    );
    const missing = await run([join(dir, 'missing.yaml')]);
    expect(missing.code).toBe(1);
    expect(missing.out).toContain('Cannot read it');
  });
});
