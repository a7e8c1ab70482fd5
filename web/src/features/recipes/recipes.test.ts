/// <reference types="node" />
/**
 * The recipes are checked the way a user runs them: the shell snippets in bash (with the client
 * replaced by a program that prints what it was given), the JSON and TOML files parsed by real
 * parsers, the Node SDK snippets run with the repository's openai, @anthropic-ai/sdk and
 * @google/genai packages against a recorder that answers each vendor's path, the curl snippets run
 * with curl, and the Python snippets compiled by python3. A wrong base URL convention (root vs
 * `/v1`), a wrong key header or a quoting slip fails here.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECIPE_CLIENTS, type RecipeClient } from './recipe-clients';
import { buildRecipe, type CodeSnippet, gatewayOrigin, KEY_PLACEHOLDER, type Recipe } from './recipes';

const run = promisify(execFile);
const REPO_NODE_MODULES = new URL('../../../../node_modules', import.meta.url).pathname;
const KEY = `sk-${'A1b2C3d4'.repeat(6)}`;
/** What a pasted value may hold: every quoting hazard of shell, JSON, TOML and Python at once. */
const TRICKY = `it's "q" \\ $HOME \`id\` \${x} ''' """ \n\t 你好 🚀 \u007f end`;

function snippet(recipe: Recipe, id: CodeSnippet['id']): CodeSnippet {
  const found = recipe.snippets.find((item): item is CodeSnippet => item.kind === 'code' && item.id === id);
  if (!found) throw new Error(`no ${id} snippet in ${recipe.client}`);
  return found;
}

interface Recorded {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
}

/** Answers each vendor's endpoint with a minimal valid reply naming the endpoint, and records the request. */
function startRecorder(): Promise<{ server: Server; origin: string; requests: Recorded[] }> {
  const requests: Recorded[] = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => {
      raw += chunk;
    });
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0]!;
      requests.push({ method: req.method ?? '', path, headers: req.headers, body: raw ? JSON.parse(raw) : {} });
      const reply = replyFor(path);
      res.writeHead(reply ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify(reply ?? { error: { message: `no route ${path}` } }));
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, origin: `http://127.0.0.1:${port}`, requests });
    });
  });
}

function replyFor(path: string): unknown {
  const created = 1_700_000_000;
  if (path === '/v1/chat/completions') {
    return {
      id: 'chatcmpl-1',
      object: 'chat.completion',
      created,
      model: 'm',
      choices: [{ index: 0, message: { role: 'assistant', content: 'via chat' }, finish_reason: 'stop' }],
    };
  }
  if (path === '/v1/responses') {
    return {
      id: 'resp_1',
      object: 'response',
      created_at: created,
      status: 'completed',
      model: 'm',
      output: [
        {
          type: 'message',
          id: 'msg_1',
          role: 'assistant',
          status: 'completed',
          content: [{ type: 'output_text', text: 'via responses', annotations: [] }],
        },
      ],
    };
  }
  if (path === '/v1/messages') {
    return {
      id: 'msg_1',
      type: 'message',
      role: 'assistant',
      model: 'm',
      content: [{ type: 'text', text: 'via messages' }],
      stop_reason: 'end_turn',
      usage: { input_tokens: 1, output_tokens: 1 },
    };
  }
  if (/^\/v1beta\/models\/[^/]+:generateContent$/.test(path)) {
    return { candidates: [{ content: { role: 'model', parts: [{ text: 'via gemini' }] }, finishReason: 'STOP' }] };
  }
  return undefined;
}

describe('recipes', () => {
  let dir: string;
  let recorder: Awaited<ReturnType<typeof startRecorder>>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'aihub-recipes-'));
    symlinkSync(REPO_NODE_MODULES, join(dir, 'node_modules'));
    recorder = await startRecorder();
  });
  afterAll(async () => {
    await new Promise((resolve) => recorder?.server.close(resolve));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Runs a shell snippet with `program` replaced by a function that prints the environment as JSON. */
  async function shellEnvironment(code: string, program: string): Promise<Record<string, string>> {
    const file = join(dir, `${program}.sh`);
    const dump = `${JSON.stringify(process.execPath)} -e 'process.stdout.write(JSON.stringify(process.env))'`;
    writeFileSync(file, `${program}() { ${dump}; }\n${code}`);
    const { stdout } = await run('bash', [file], {
      env: { PATH: process.env.PATH, ANTHROPIC_API_KEY: 'sk-ant-own-key' },
      timeout: 20_000,
    });
    return JSON.parse(stdout) as Record<string, string>;
  }

  describe('Claude Code', () => {
    const input = { origin: 'https://ai.example.com', key: KEY, model: 'gpt-5', smallModel: 'gpt-5-mini' };

    it('exports the host root, the key as a bearer token and both model slots, and drops a personal key', async () => {
      const env = await shellEnvironment(snippet(buildRecipe('claude-code', input), 'shell').code, 'claude');
      expect(env).toMatchObject({
        ANTHROPIC_BASE_URL: 'https://ai.example.com',
        ANTHROPIC_AUTH_TOKEN: KEY,
        ANTHROPIC_MODEL: 'gpt-5',
        ANTHROPIC_DEFAULT_OPUS_MODEL: 'gpt-5',
        ANTHROPIC_DEFAULT_SONNET_MODEL: 'gpt-5',
        ANTHROPIC_DEFAULT_HAIKU_MODEL: 'gpt-5-mini',
        ANTHROPIC_SMALL_FAST_MODEL: 'gpt-5-mini',
        CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
      });
      expect(env.ANTHROPIC_API_KEY).toBeUndefined();
    });

    it('writes the same variables as the env block of ~/.claude/settings.json', () => {
      const recipe = buildRecipe('claude-code', input);
      const settings = snippet(recipe, 'claude-settings');
      expect(settings.path).toBe('~/.claude/settings.json');
      expect(JSON.parse(settings.code)).toEqual({
        env: {
          ANTHROPIC_BASE_URL: 'https://ai.example.com',
          ANTHROPIC_AUTH_TOKEN: KEY,
          ANTHROPIC_MODEL: 'gpt-5',
          ANTHROPIC_DEFAULT_OPUS_MODEL: 'gpt-5',
          ANTHROPIC_DEFAULT_SONNET_MODEL: 'gpt-5',
          ANTHROPIC_DEFAULT_HAIKU_MODEL: 'gpt-5-mini',
          ANTHROPIC_SMALL_FAST_MODEL: 'gpt-5-mini',
          CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
        },
      });
      expect(recipe.surfaces).toEqual(['messages']);
      expect(recipe.notes).toContain('claude-onboarding');
    });

    it('uses the main model for background work when no small model is given', () => {
      const settings = JSON.parse(
        snippet(buildRecipe('claude-code', { ...input, smallModel: null }), 'claude-settings').code,
      );
      expect(settings.env.ANTHROPIC_DEFAULT_HAIKU_MODEL).toBe('gpt-5');
    });

    it('carries any key and model text through shell and JSON unchanged', async () => {
      const recipe = buildRecipe('claude-code', { origin: 'http://127.0.0.1:3000', key: TRICKY, model: TRICKY });
      const env = await shellEnvironment(snippet(recipe, 'shell').code, 'claude');
      expect(env.ANTHROPIC_AUTH_TOKEN).toBe(TRICKY.trim());
      expect(env.ANTHROPIC_MODEL).toBe(TRICKY);
      expect(JSON.parse(snippet(recipe, 'claude-settings').code).env.ANTHROPIC_MODEL).toBe(TRICKY);
    });
  });

  describe('Codex CLI', () => {
    it('declares a Responses provider on {origin}/v1 whose key comes from the exported variable', async () => {
      const recipe = buildRecipe('codex', { origin: 'https://ai.example.com', key: KEY, model: 'claude-sonnet-4-5' });
      const config = snippet(recipe, 'codex-config');
      expect(config.path).toBe('~/.codex/config.toml');
      const file = join(dir, 'config.toml');
      writeFileSync(file, config.code);
      const { stdout } = await run('python3', [
        '-c',
        'import json, sys, tomllib; print(json.dumps(tomllib.load(open(sys.argv[1], "rb"))))',
        file,
      ]);
      const parsed = JSON.parse(stdout);
      expect(parsed).toEqual({
        model: 'claude-sonnet-4-5',
        model_provider: 'aihub',
        model_providers: {
          aihub: {
            name: 'AIHub',
            base_url: 'https://ai.example.com/v1',
            env_key: 'AIHUB_API_KEY',
            wire_api: 'responses',
          },
        },
      });
      const env = await shellEnvironment(snippet(recipe, 'shell').code, 'codex');
      expect(env[parsed.model_providers.aihub.env_key]).toBe(KEY);
      expect(recipe.surfaces).toEqual(['responses']);
    });

    it('writes any model name as a valid TOML string', async () => {
      const file = join(dir, 'tricky.toml');
      writeFileSync(file, snippet(buildRecipe('codex', { origin: 'http://x', model: TRICKY }), 'codex-config').code);
      const { stdout } = await run('python3', [
        '-c',
        'import json, sys, tomllib; print(json.dumps(tomllib.load(open(sys.argv[1], "rb"))["model"]))',
        file,
      ]);
      expect(JSON.parse(stdout)).toBe(TRICKY);
    });
  });

  describe('Gemini CLI', () => {
    it('exports the host root, the key and the model, and selects API-key sign-in', async () => {
      const recipe = buildRecipe('gemini-cli', { origin: 'https://ai.example.com', key: KEY, model: 'gpt-5' });
      const env = await shellEnvironment(snippet(recipe, 'shell').code, 'gemini');
      expect(env).toMatchObject({
        GOOGLE_GEMINI_BASE_URL: 'https://ai.example.com',
        GEMINI_API_KEY: KEY,
        GEMINI_MODEL: 'gpt-5',
      });
      const settings = snippet(recipe, 'gemini-settings');
      expect(settings.path).toBe('~/.gemini/settings.json');
      expect(JSON.parse(settings.code)).toEqual({ security: { auth: { selectedType: 'gemini-api-key' } } });
      expect(recipe.notes).not.toContain('gemini-https');
    });

    it.each([
      ['http://192.168.1.20:3000', true],
      ['http://aihub.internal', true],
      ['http://localhost:3000', false],
      ['http://127.0.0.1:3000', false],
      ['http://[::1]:3000', false],
      ['https://aihub.internal', false],
    ])('warns that %s needs https: %s', (origin, warned) => {
      expect(buildRecipe('gemini-cli', { origin, key: KEY, model: 'm' }).notes.includes('gemini-https')).toBe(warned);
    });
  });

  it('gives Cherry Studio an OpenAI provider on the host root', () => {
    const recipe = buildRecipe('cherry-studio', { origin: 'https://ai.example.com/', key: KEY, model: 'qwen-max' });
    expect(recipe.snippets).toEqual([
      {
        kind: 'fields',
        id: 'cherry-provider',
        fields: [
          { name: 'providerType', value: 'OpenAI' },
          { name: 'apiKey', value: KEY },
          { name: 'apiHost', value: 'https://ai.example.com' },
          { name: 'model', value: 'qwen-max' },
        ],
      },
    ]);
  });

  describe('SDKs and curl against a recorder', () => {
    async function runNode(client: RecipeClient, model: string): Promise<string> {
      const recipe = buildRecipe(client, { origin: recorder.origin, key: KEY, model });
      const file = join(dir, `${client}.mjs`);
      writeFileSync(file, snippet(recipe, 'node').code);
      const { stdout } = await run(process.execPath, [file], { env: { PATH: process.env.PATH }, timeout: 30_000 });
      return stdout;
    }

    it('openai (Node): Chat Completions and Responses under /v1 with a bearer key', async () => {
      const before = recorder.requests.length;
      expect(await runNode('openai-sdk', 'claude-sonnet-4-5')).toBe('via chat\nvia responses\n');
      const [chat, responses] = recorder.requests.slice(before);
      expect(chat).toMatchObject({ method: 'POST', path: '/v1/chat/completions' });
      expect(chat!.headers.authorization).toBe(`Bearer ${KEY}`);
      expect(chat!.body).toEqual({ model: 'claude-sonnet-4-5', messages: [{ role: 'user', content: 'Hello!' }] });
      expect(responses).toMatchObject({ method: 'POST', path: '/v1/responses' });
      expect(responses!.body).toEqual({ model: 'claude-sonnet-4-5', input: 'Hello!' });
    });

    it('@anthropic-ai/sdk (Node): Messages at {root}/v1/messages with the key', async () => {
      const before = recorder.requests.length;
      expect(await runNode('anthropic-sdk', 'gpt-5')).toBe('via messages\n');
      const [messages] = recorder.requests.slice(before);
      expect(messages).toMatchObject({ method: 'POST', path: '/v1/messages' });
      // Older SDKs send `x-api-key`, 1.x sends `Authorization: Bearer`: AIHub reads both.
      const { authorization, 'x-api-key': apiKey } = messages!.headers;
      expect(apiKey === KEY || authorization === `Bearer ${KEY}`).toBe(true);
      expect(messages!.body).toMatchObject({ model: 'gpt-5', max_tokens: 1024 });
    });

    it('@google/genai (Node): generateContent at {root}/v1beta with x-goog-api-key', async () => {
      const before = recorder.requests.length;
      expect(await runNode('google-genai-sdk', 'deepseek-chat')).toBe('via gemini\n');
      const [generate] = recorder.requests.slice(before);
      expect(generate).toMatchObject({ method: 'POST', path: '/v1beta/models/deepseek-chat:generateContent' });
      expect(generate!.headers['x-goog-api-key']).toBe(KEY);
    });

    it('curl: one request per surface, each with its vendor key header', async () => {
      const recipe = buildRecipe('curl', { origin: recorder.origin, key: KEY, model: 'gemini-2.5-pro' });
      expect(recipe.surfaces).toEqual(['chat-completions', 'messages', 'responses', 'gemini']);
      const expected = [
        ['curl-chat-completions', '/v1/chat/completions', 'authorization', `Bearer ${KEY}`, 'via chat'],
        ['curl-responses', '/v1/responses', 'authorization', `Bearer ${KEY}`, 'via responses'],
        ['curl-messages', '/v1/messages', 'x-api-key', KEY, 'via messages'],
        ['curl-gemini', '/v1beta/models/gemini-2.5-pro:generateContent', 'x-goog-api-key', KEY, 'via gemini'],
      ] as const;
      for (const [id, path, header, value, reply] of expected) {
        const file = join(dir, `${id}.sh`);
        writeFileSync(file, snippet(recipe, id).code);
        const { stdout } = await run('bash', [file], { env: { PATH: process.env.PATH }, timeout: 20_000 });
        expect(stdout).toContain(reply);
        const request = recorder.requests[recorder.requests.length - 1]!;
        expect(request.path).toBe(path);
        expect(request.headers[header]).toBe(value);
      }
    });

    it.each(['openai-sdk', 'anthropic-sdk', 'google-genai-sdk'] as const)(
      'the %s Python snippet compiles with any key and model text',
      async (client) => {
        const file = join(dir, `${client}.py`);
        writeFileSync(
          file,
          snippet(buildRecipe(client, { origin: 'http://x', key: TRICKY, model: TRICKY }), 'python').code,
        );
        await expect(run('python3', ['-m', 'py_compile', file])).resolves.toBeDefined();
      },
    );
  });

  it('every client has a recipe with at least one snippet, and a visible placeholder without a key', () => {
    for (const { id } of RECIPE_CLIENTS) {
      const recipe = buildRecipe(id, { origin: 'https://ai.example.com', key: '  ', model: 'm' });
      expect(recipe.snippets.length).toBeGreaterThan(0);
      expect(recipe.notes).toContain('key-placeholder');
      const text = recipe.snippets
        .map((item) => (item.kind === 'code' ? item.code : item.fields.map((field) => field.value).join('\n')))
        .join('\n');
      expect(text).toContain(KEY_PLACEHOLDER);
      expect(buildRecipe(id, { origin: 'https://ai.example.com', key: KEY, model: 'm' }).notes).not.toContain(
        'key-placeholder',
      );
    }
  });
});

describe('gatewayOrigin', () => {
  it.each([
    [null, 'https://console.example.com'],
    ['', 'https://console.example.com'],
    ['https://api.example.com', 'https://api.example.com'],
    ['https://api.example.com/', 'https://api.example.com'],
    ['https://api.example.com/v1', 'https://api.example.com'],
    ['https://api.example.com/v1/', 'https://api.example.com'],
    ['https://example.com/aihub/', 'https://example.com/aihub'],
    ['ftp://example.com', 'https://console.example.com'],
    ['not a url', 'https://console.example.com'],
  ])('%s → %s', (configured, expected) => {
    expect(gatewayOrigin(configured, 'https://console.example.com/')).toBe(expected);
  });
});
