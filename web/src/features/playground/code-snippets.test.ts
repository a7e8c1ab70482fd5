/// <reference types="node" />
/**
 * The snippets are run for real: python3 (http.client), node (fetch and the openai package) and
 * curl against the OpenAI emulator, with text full of quotes, backslashes, `$`, newlines, emoji
 * and Chinese, an image and a tool-call turn. The emulator echoes the last user text, and records
 * the body it got, so a wrong escape shows up both in the output and in the request.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_API_KEY, startOpenAIEmulator } from '../../../../test/emulators/index.js';
import type { Emulator } from '../../../../test/emulators/types.js';
import {
  API_KEY_ENV,
  buildSnippet,
  buildSnippets,
  chatRequestBody,
  jsLiteral,
  pythonLiteral,
  SNIPPET_LANGUAGES,
  type SnippetConversation,
  type SnippetLanguage,
  shellQuote,
} from './code-snippets';

const run = promisify(execFile);
const REPO_NODE_MODULES = new URL('../../../../node_modules', import.meta.url).pathname;
const TINY_PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const TRICKY = `It's "quoted" \\ back\\slash $HOME \`id\` \${x} ''' """ %s {}\nnew line\ttab 你好 🚀 \u2028 end`;

function conversation(baseUrl: string, stream: boolean): SnippetConversation {
  return {
    baseUrl,
    model: 'gpt-4.1-mini',
    stream,
    temperature: 0.7,
    maxTokens: 512,
    reasoningEffort: 'low',
    tools: [
      {
        type: 'function',
        function: {
          name: 'get_weather',
          description: "The weather's forecast",
          parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
        },
      },
    ],
    messages: [
      { role: 'system', content: 'You are terse. Don\'t use "markdown".' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is in this picture?' },
          { type: 'image_url', image_url: { url: TINY_PNG } },
        ],
      },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'call_1', content: '{"temperature": 21}' },
      { role: 'assistant', content: 'It is 21 °C.' },
      { role: 'user', content: TRICKY },
    ],
  };
}

describe('code snippets', () => {
  let emulator: Emulator;
  let dir: string;

  beforeAll(async () => {
    emulator = await startOpenAIEmulator();
    dir = mkdtempSync(join(tmpdir(), 'aihub-snippets-'));
    // So `import OpenAI from 'openai'` in a snippet finds the repository's package.
    symlinkSync(REPO_NODE_MODULES, join(dir, 'node_modules'));
  });
  afterAll(async () => {
    await emulator?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function execute(language: SnippetLanguage, stream: boolean): Promise<string> {
    const info = SNIPPET_LANGUAGES.find((entry) => entry.id === language)!;
    const file = join(dir, `${stream ? 'stream-' : ''}${info.fileName}`);
    writeFileSync(file, buildSnippet(language, conversation(emulator.url, stream)));
    const command = info.highlight === 'python' ? 'python3' : info.highlight === 'bash' ? 'bash' : process.execPath;
    const { stdout } = await run(command, [file], {
      env: { PATH: process.env.PATH, [API_KEY_ENV]: DEFAULT_API_KEY },
      timeout: 20_000,
    });
    return stdout;
  }

  const expectedReply = `Hello from OpenAI emulator: ${TRICKY}`;

  function lastRequestBody(): Record<string, unknown> {
    return emulator.requests[emulator.requests.length - 1]!.body;
  }

  for (const stream of [false, true]) {
    const mode = stream ? 'streaming' : 'non-streaming';

    it(`python3 http.client (${mode}) prints the reply, having sent exactly the request body`, async () => {
      const stdout = await execute('python-http-client', stream);
      expect(stdout).toBe(`${expectedReply}\n`);
      expect(lastRequestBody()).toEqual(chatRequestBody(conversation(emulator.url, stream)));
    });

    it(`node fetch (${mode}) prints the reply, having sent exactly the request body`, async () => {
      const stdout = await execute('node-fetch', stream);
      expect(stdout).toBe(`${expectedReply}\n`);
      expect(lastRequestBody()).toEqual(chatRequestBody(conversation(emulator.url, stream)));
    });

    it(`node openai (${mode}) prints the reply`, async () => {
      const stdout = await execute('node-openai', stream);
      expect(stdout).toBe(`${expectedReply}\n`);
      expect(lastRequestBody()).toMatchObject(chatRequestBody(conversation(emulator.url, stream)));
    });

    it(`curl (${mode}) parses under bash -n, and runs`, async () => {
      const snippet = buildSnippet('curl', conversation(emulator.url, stream));
      const file = join(dir, `check-${mode}.sh`);
      writeFileSync(file, snippet);
      await run('bash', ['-n', file]);
      const stdout = await execute('curl', stream);
      if (stream) expect(stdout).toContain('data: [DONE]');
      else expect(JSON.parse(stdout).choices[0].message.content).toBe(expectedReply);
      expect(lastRequestBody()).toEqual(chatRequestBody(conversation(emulator.url, stream)));
    });

    it(`python openai (${mode}) is valid Python that passes every parameter`, async () => {
      const snippet = buildSnippet('python-openai', conversation(emulator.url, stream));
      const file = join(dir, `openai-${mode}.py`);
      writeFileSync(file, snippet);
      // The openai package is not installed here: check the syntax, and that the literal is the body.
      await run('python3', ['-c', 'import ast, sys; ast.parse(open(sys.argv[1]).read())', file]);
      for (const name of [
        'model=',
        'messages=',
        'tools=',
        'temperature=0.7',
        'max_tokens=512',
        'reasoning_effort="low"',
      ]) {
        expect(snippet).toContain(name);
      }
      expect(snippet).toContain(`stream=${stream ? 'True' : 'False'}`);
    });
  }

  it('never contains a key: every snippet reads the environment variable', () => {
    const snippets = buildSnippets(conversation('https://aihub.example.com/v1', false));
    expect(snippets.curl).toContain('-H "Authorization: Bearer $AIHUB_API_KEY"');
    expect(snippets['python-http-client']).toContain('os.environ["AIHUB_API_KEY"]');
    expect(snippets['python-openai']).toContain('api_key=os.environ["AIHUB_API_KEY"]');
    expect(snippets['node-fetch']).toContain('process.env.AIHUB_API_KEY');
    expect(snippets['node-openai']).toContain('apiKey: process.env.AIHUB_API_KEY');
    expect(Object.values(snippets).join('\n')).not.toMatch(/sk-[A-Za-z0-9]{8}/);
    expect(() => buildSnippet('curl', conversation('x', false), { apiKeyEnv: 'A; rm -rf /' })).toThrow();
  });

  it('leaves out unset options, and can shorten data URLs for display', () => {
    const minimal = chatRequestBody({
      baseUrl: 'http://h/v1',
      model: 'm',
      stream: false,
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(minimal).toEqual({ model: 'm', messages: [{ role: 'user', content: 'hi' }], stream: false });
    const shown = buildSnippet('curl', conversation('http://h/v1', false), { imageDataUrls: 'placeholder' });
    expect(shown).toContain('data:image/png;base64,<BASE64_IMAGE_DATA>');
    expect(shown).not.toContain('iVBORw0KGgo');
    expect(buildSnippet('curl', conversation('http://h/v1/', true))).toContain(
      "curl -N 'http://h/v1/chat/completions'",
    );
  });

  it('sends a thinking budget as `thinking`, in extra_body for the Python SDK', () => {
    const withBudget = { ...conversation('http://h/v1', true), reasoningEffort: undefined, thinkingBudget: 2048 };
    expect(chatRequestBody(withBudget).thinking).toEqual({ type: 'enabled', budget_tokens: 2048 });
    const python = buildSnippet('python-openai', withBudget);
    expect(python).toContain('extra_body={\n        "thinking": {');
    expect(python).not.toMatch(/^ {4}thinking=/m);
    expect(buildSnippet('node-openai', withBudget)).toContain('thinking: {');
  });

  it('quotes for the shell and writes Python and JavaScript literals', () => {
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(pythonLiteral({ a: [true, false, null, 1.5, 'x"y'], b: {} }, '')).toBe(
      '{\n    "a": [\n        True,\n        False,\n        None,\n        1.5,\n        "x\\"y",\n    ],\n    "b": {},\n}',
    );
    expect(jsLiteral({ ok: 1, 'content-type': 'x', __proto__: null }, '')).toBe(
      '{\n  ok: 1,\n  "content-type": "x",\n}',
    );
    const withProto = JSON.parse('{"__proto__": {"polluted": true}}');
    const printed = jsLiteral(withProto, '');
    expect(printed).toContain('["__proto__"]');
    // Evaluated as JavaScript, the literal is the same value (a property, not a prototype).
    const evaluated = new Function(`return (${printed});`)() as object;
    expect(Object.keys(evaluated)).toEqual(['__proto__']);
    expect(JSON.stringify(evaluated)).toBe(JSON.stringify(withProto));
  });
});
