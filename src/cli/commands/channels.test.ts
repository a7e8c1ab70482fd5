import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore, type TestStore } from '../../../test/db-harness.js';
import { DEFAULT_API_KEY, type Emulator, startOpenAIEmulator } from '../../../test/emulators/index.js';
import { cliEnvironment, cliRunner, type RunCli } from '../test-fixtures.js';

const SECRET_KEY = Buffer.alloc(32, 7).toString('base64');

describe('aihub channels', () => {
  const dir = mkdtempSync(join(tmpdir(), 'aihub-channels-'));
  let store: TestStore;
  let second: TestStore;
  let aihub: RunCli;
  let aihubOnSecond: RunCli;
  let upstream: Emulator;
  beforeAll(async () => {
    [store, second, upstream] = await Promise.all([
      openTestStore('sqlite'),
      openTestStore('sqlite'),
      startOpenAIEmulator(),
    ]);
    const env = { ...cliEnvironment(store), AIHUB_SECRET_KEY: SECRET_KEY };
    // Another installation with a secret key of its own.
    const secondEnv = cliEnvironment(second);
    aihub = cliRunner(() => env);
    aihubOnSecond = cliRunner(() => secondEnv);
  });
  afterAll(async () => {
    await Promise.all([store.destroy(), second.destroy(), upstream.close()]);
  });

  const write = (name: string, text: string) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  it('imports channels from YAML and lists them', async () => {
    const file = write(
      'channels.yaml',
      [
        'channels:',
        '  - name: main',
        '    type: openai',
        `    base_url: ${upstream.url}`,
        `    keys: [${DEFAULT_API_KEY}, sk-secondsecretkey-0123456789]`,
        '    models: [gpt-4o-mini]',
        '    headers: { X-Org: org-secret-value }',
        '    proxy: http://user:proxy-password@127.0.0.1:3128',
        '    priority: 5',
        '    tags: [prod]',
        '  - name: spare',
        '    type: deepseek',
        '    keys: [sk-deepseeksecret-abcdefghij]',
        '    status: disabled',
        '',
      ].join('\n'),
    );
    const run = await aihub(['channels', 'import', file]);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/main\s+created\s+ch_\w+\s+2 added/);
    expect(run.out).toMatch(/spare\s+created\s+ch_\w+\s+1 added/);

    const listed = await aihub(['channels', 'list', '--json']);
    const channels = listed.json<Array<{ name: string; status: string; priority: number; keys: unknown[] }>>();
    expect(channels.map((channel) => [channel.name, channel.status, channel.priority, channel.keys.length])).toEqual([
      ['main', 'enabled', 5, 2],
      ['spare', 'disabled', 0, 1],
    ]);
    expect((await aihub(['channels', 'list'])).out).toMatch(/main\s+openai\s+admin\s+enabled\s+5/);
  });

  it('redacts secrets on export unless --with-secrets', async () => {
    const redacted = await aihub(['channels', 'export']);
    expect(redacted.code).toBe(0);
    for (const secret of [
      DEFAULT_API_KEY,
      'sk-secondsecretkey-0123456789',
      'org-secret-value',
      'proxy-password',
      'sk-deepseeksecret',
    ]) {
      expect(redacted.out).not.toContain(secret);
    }
    expect(redacted.out).toContain('X-Org: <redacted>');
    expect(redacted.out).toContain('key_hints:');
    expect(redacted.out).toContain('http://user:***@127.0.0.1:3128');

    const full = await aihub(['channels', 'export', '--with-secrets', '--json']);
    const document = full.json<{
      channels: Array<{ name: string; keys: string[]; headers?: Record<string, string>; proxy?: string }>;
    }>();
    const main = document.channels.find((channel) => channel.name === 'main');
    expect(main?.keys).toEqual([DEFAULT_API_KEY, 'sk-secondsecretkey-0123456789']);
    expect(main?.headers).toEqual({ 'X-Org': 'org-secret-value' });
    expect(main?.proxy).toBe('http://user:proxy-password@127.0.0.1:3128');

    const file = join(dir, 'secrets.yaml');
    expect((await aihub(['channels', 'export', '--with-secrets', '-o', file])).code).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('round-trips: an export with secrets imported elsewhere exports the same again', async () => {
    const exported = (await aihub(['channels', 'export', '--with-secrets'])).out;
    const run = await aihubOnSecond(['channels', 'import', write('round.yaml', exported)]);
    expect(run.code).toBe(0);
    expect((await aihubOnSecond(['channels', 'export', '--with-secrets'])).out).toBe(exported);
    // Importing the same document again changes nothing.
    expect((await aihubOnSecond(['channels', 'import', join(dir, 'round.yaml')])).out).toMatch(
      /main\s+updated\s+ch_\w+\s+0 added/,
    );
    expect((await aihubOnSecond(['channels', 'export', '--with-secrets'])).out).toBe(exported);
  });

  it('imports an edited redacted export: settings change, the secrets held stay', async () => {
    const before = (await aihub(['channels', 'export', '--with-secrets'])).out;
    const redacted = (await aihub(['channels', 'export'])).out.replace('priority: 5', 'priority: 9');
    expect((await aihub(['channels', 'import', write('edited.yaml', redacted)])).code).toBe(0);
    expect((await aihub(['channels', 'export', '--with-secrets'])).out).toBe(
      before.replace('priority: 5', 'priority: 9'),
    );

    // A new channel cannot take a redacted header from anywhere: nothing is written.
    const orphan = redacted.replace('name: main', 'name: brand-new');
    const run = await aihub(['channels', 'import', write('orphan.yaml', orphan)]);
    expect(run.code).toBe(1);
    expect(run.err).toContain('header X-Org is <redacted>');
    expect((await aihub(['channels', 'list', '--json'])).json<unknown[]>()).toHaveLength(2);
  });

  it('checks every entry before writing any, and --dry-run writes nothing', async () => {
    const bad = write(
      'bad.yaml',
      'channels:\n  - name: ok-one\n    type: openai\n    keys: [sk-x]\n  - name: broken\n    type: no-such-vendor\n',
    );
    const run = await aihub(['channels', 'import', bad]);
    expect(run.code).toBe(1);
    expect(run.err).toContain("channels[1] (broken): Unknown channel type 'no-such-vendor'");
    const dry = await aihub([
      'channels',
      'import',
      write('dry.yaml', 'channels:\n  - name: dry\n    type: openai\n    keys: [sk-dry]\n'),
      '--dry-run',
    ]);
    expect(dry.out).toMatch(/dry\s+would create/);
    expect((await aihub(['channels', 'list', '--json'])).json<unknown[]>()).toHaveLength(2);
    expect(readFileSync(bad, 'utf8')).toContain('broken');
  });

  it('tests a channel against the upstream: ok exits 0, a failing key exits 1, and the result is kept', async () => {
    // Straight to the emulator: the proxy in the document above does not exist.
    const direct = (await aihub(['channels', 'export', '--with-secrets'])).out.replace(/\n\s+proxy: .*\n/, '\n');
    expect((await aihub(['channels', 'import', write('direct.yaml', direct)])).code).toBe(0);
    const ok = await aihub(['channels', 'test', 'main', '--json']);
    expect(ok.err).toBe('');
    expect(ok.code).toBe(0);
    const [result] = ok.json<Array<{ ok: boolean; model: string; channelId: string }>>();
    expect(result).toMatchObject({ ok: true, model: 'gpt-4o-mini' });
    const kept = await store.db
      .selectFrom('channel_test_results')
      .selectAll()
      .where('channel_id', '=', result?.channelId ?? '')
      .executeTakeFirst();
    expect(kept).toMatchObject({ ok: 1, model: 'gpt-4o-mini' });

    const keys = (await aihub(['channels', 'list', '--json'])).json<
      Array<{ name: string; keys: Array<{ id: string }> }>
    >();
    const wrongKey = keys.find((channel) => channel.name === 'main')?.keys[1]?.id ?? '';
    const failed = await aihub(['channels', 'test', 'main', '--key', wrongKey]);
    expect(failed.code).toBe(1);
    expect(failed.out).toMatch(/main \(ch_\w+\)\s+NO/);

    expect((await aihub(['channels', 'test', 'nothing-here'])).code).toBe(1);
  });
});
