/**
 * Gemini CLI's traffic through AIHub, replayed against every upstream family. The shapes follow
 * what the published CLI sends with an API key (built here, not copied): `POST
 * /v1beta/models/{model}:streamGenerateContent?alt=sse`, `x-goog-api-key`, `user-agent:
 * GeminiCLI/<version>/<model> (<platform>; <arch>)`, the genai SDK's `x-goog-api-client`; a body with
 * `systemInstruction`, one `tools` entry holding many `functionDeclarations` written with
 * `parametersJsonSchema`, and the chat `generationConfig` (temperature 1, topP 0.95, topK 64,
 * `thinkingConfig.includeThoughts` with a budget). A session: a question answered by parallel
 * function calls, the functionResponses (by id), then a follow-up question.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../emulators/types.js';
import { ADMIN_KEY, type Gateway, startGateway } from './gateway-harness.js';

let gateway: Gateway;

beforeAll(async () => {
  gateway = await startGateway();
});
afterAll(async () => gateway?.close());
beforeEach(() => {
  for (const emulator of [gateway.openai, gateway.anthropic, gateway.gemini, gateway.deepseek]) {
    emulator.reset();
    emulator.setScript({ reasoning: 'Looking at the files first.' });
  }
});

interface Part {
  text?: string;
  thought?: boolean;
  thoughtSignature?: string;
  functionCall?: { id?: string; name: string; args?: Record<string, unknown> };
  functionResponse?: { id?: string; name: string; response: Record<string, unknown> };
}
interface Content {
  role: 'user' | 'model';
  parts: Part[];
}

const stringProperty = (description: string) => ({ type: 'string', description });

/** The CLI's built-in tools, as declarations of our own in the same form: JSON Schema parameters. */
const CLI_TOOLS = [
  ['read_file', { absolute_path: stringProperty('file to read'), offset: { type: 'number' } }, ['absolute_path']],
  [
    'list_directory',
    { dir_path: stringProperty('directory'), ignore: { type: 'array', items: { type: 'string' } } },
    ['dir_path'],
  ],
  ['glob', { pattern: stringProperty('glob pattern'), case_sensitive: { type: 'boolean' } }, ['pattern']],
  [
    'search_file_content',
    { pattern: stringProperty('regular expression'), include: stringProperty('files') },
    ['pattern'],
  ],
  [
    'replace',
    {
      file_path: stringProperty('file'),
      old_string: stringProperty('old'),
      new_string: stringProperty('new'),
      expected_replacements: { type: 'integer', minimum: 1 },
    },
    ['file_path', 'old_string', 'new_string'],
  ],
  ['write_file', { file_path: stringProperty('file'), content: stringProperty('content') }, ['file_path', 'content']],
  [
    'run_shell_command',
    {
      command: stringProperty('shell command'),
      description: stringProperty('why'),
      directory: stringProperty('where'),
    },
    ['command'],
  ],
  ['web_fetch', { prompt: stringProperty('urls and what to do') }, ['prompt']],
  ['google_web_search', { query: stringProperty('search query') }, ['query']],
  ['save_memory', { fact: stringProperty('a fact to remember') }, ['fact']],
  [
    'read_many_files',
    {
      include: { type: 'array', items: { type: 'string' }, minItems: 1 },
      exclude: { type: 'array', items: { type: 'string' } },
    },
    ['include'],
  ],
  [
    'write_todos',
    {
      todos: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            description: { type: 'string' },
            status: { type: 'string', enum: ['pending', 'in_progress', 'completed', 'cancelled'] },
          },
          required: ['description', 'status'],
        },
      },
    },
    ['todos'],
  ],
] as const;

const functionDeclarations = CLI_TOOLS.map(([name, properties, required]) => ({
  name,
  description: `The ${name.replaceAll('_', ' ')} tool.`,
  parametersJsonSchema: { type: 'object', properties, required },
}));

const cliHeaders = (model: string) => ({
  'content-type': 'application/json',
  'x-goog-api-key': ADMIN_KEY,
  'user-agent': `GeminiCLI/0.24.0/${model} (linux; x64)`,
  'x-goog-api-client': 'google-genai-sdk/1.30.0 gl-node/v20.19.0',
});

const cliBody = (contents: Content[]) => ({
  contents,
  systemInstruction: {
    role: 'user',
    parts: [{ text: 'You are an interactive command-line agent for software tasks.' }],
  },
  tools: [{ functionDeclarations }],
  generationConfig: {
    temperature: 1,
    topP: 0.95,
    topK: 64,
    thinkingConfig: { includeThoughts: true, thinkingBudget: 8192 },
  },
});

/** One CLI turn: the SSE events (as Gemini CLI parses them) and the parts they carried. */
async function cliTurn(model: string, contents: Content[]) {
  const response = await fetch(`${gateway.origin}/v1beta/models/${model}:streamGenerateContent?alt=sse`, {
    method: 'POST',
    headers: cliHeaders(model),
    body: JSON.stringify(cliBody(contents)),
  });
  const text = await response.text();
  expect(response.status, text).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const events = text
    .split(/\r?\n\r?\n/)
    .filter((frame) => frame.startsWith('data: '))
    .map(
      (frame) =>
        JSON.parse(frame.slice(6)) as {
          candidates?: Array<{ content?: { parts?: Part[] }; finishReason?: string }>;
          usageMetadata?: Record<string, number>;
        },
    );
  const parts = events.flatMap((event) => event.candidates?.[0]?.content?.parts ?? []);
  return { events, parts, finishReason: events.at(-1)?.candidates?.[0]?.finishReason };
}

/**
 * The model turn as the CLI keeps it in history: thought parts are shown to the user and dropped;
 * streamed text pieces are joined; function calls keep the thoughtSignature they came with. A
 * call without one in the current loop gets the CLI's placeholder signature, as it sends for
 * Gemini 3 models (other upstreams must ignore it).
 */
function historyTurn(parts: Part[]): Content {
  const kept: Part[] = [];
  for (const part of parts) {
    if (part.thought) continue;
    const previous = kept.at(-1);
    if (part.text !== undefined && previous?.text !== undefined && !part.thoughtSignature) {
      previous.text += part.text;
      continue;
    }
    kept.push({ ...part });
  }
  const firstCall = kept.find((part) => part.functionCall);
  if (firstCall && !firstCall.thoughtSignature) firstCall.thoughtSignature = 'skip_thought_signature_validator';
  return { role: 'model', parts: kept };
}

const FAMILIES: Array<{ family: string; model: string; upstream: () => Emulator }> = [
  { family: 'Gemini (pass-through)', model: 'gemini-2.5-flash-lite', upstream: () => gateway.gemini },
  { family: 'OpenAI', model: 'gpt-4.1-mini', upstream: () => gateway.openai },
  { family: 'Anthropic', model: 'claude-sonnet-4-5', upstream: () => gateway.anthropic },
  { family: 'DeepSeek (OpenAI-compatible)', model: 'deepseek-chat', upstream: () => gateway.deepseek },
];

describe.each(FAMILIES)('a Gemini CLI session → $family', ({ model, upstream }) => {
  it('parallel function calls, their responses by id, then a follow-up question', async () => {
    const question: Content = {
      role: 'user',
      parts: [{ text: 'Check the weather files in two cities, in parallel.' }],
    };
    const first = await cliTurn(model, [question]);
    const calls = first.parts.filter((part) => part.functionCall).map((part) => part.functionCall!);
    expect(calls.map((call) => call.name)).toEqual(['read_file', 'read_file']);
    expect(calls.every((call) => typeof call.args?.absolute_path === 'string')).toBe(true);
    expect(first.finishReason).toBe('STOP');
    expect(first.events.at(-1)?.usageMetadata?.totalTokenCount).toBeGreaterThan(0);

    const modelTurn = historyTurn(first.parts);
    const responses: Content = {
      role: 'user',
      parts: calls.map((call, index) => ({
        functionResponse: { id: call.id, name: call.name, response: { output: `contents of file ${index}` } },
      })),
    };
    const second = await cliTurn(model, [question, modelTurn, responses]);
    const answer = second.parts
      .filter((part) => !part.thought && part.text)
      .map((part) => part.text)
      .join('');
    expect(answer).toContain('tool result');
    expect(second.finishReason).toBe('STOP');

    const followUp: Content = { role: 'user', parts: [{ text: 'Thanks. Now summarise what you found.' }] };
    const third = await cliTurn(model, [question, modelTurn, responses, historyTurn(second.parts), followUp]);
    expect(
      third.parts
        .filter((part) => !part.thought)
        .map((part) => part.text)
        .join(''),
    ).toContain('Now summarise');

    // Every tool reached the upstream on every turn, and the two results came back paired with their calls.
    const lastUpstream = JSON.stringify(upstream().requests.at(-1)?.body);
    for (const [name] of CLI_TOOLS) expect(lastUpstream).toContain(`"${name}"`);
    expect(lastUpstream).toContain('contents of file 0');
    expect(lastUpstream).toContain('contents of file 1');
    expect(upstream().requests.length).toBe(3);
  });
});

describe('Gemini CLI specifics per upstream', () => {
  it('Gemini: the CLI body reaches the upstream untouched', async () => {
    const contents: Content[] = [{ role: 'user', parts: [{ text: 'Say hello' }] }];
    await cliTurn('gemini-2.5-flash-lite', contents);
    expect(gateway.gemini.requests.at(-1)?.body).toEqual(cliBody(contents));
  });

  it('OpenAI: the sampling settings and the tools arrive in Chat Completions form', async () => {
    await cliTurn('gpt-4.1-mini', [{ role: 'user', parts: [{ text: 'Say hello' }] }]);
    const body = gateway.openai.requests.at(-1)?.body as Record<string, any>;
    expect(body).toMatchObject({ temperature: 1, top_p: 0.95, stream: true });
    expect(body.tools).toHaveLength(CLI_TOOLS.length);
    expect(body.tools[0]).toMatchObject({
      type: 'function',
      function: { name: 'read_file', parameters: { type: 'object' } },
    });
    expect(body.messages[0]).toMatchObject({ role: 'system' });
  });

  it('Anthropic: a history without thoughts (as the CLI keeps it) never sends thinking beside an unsigned tool_use turn', async () => {
    const question: Content = {
      role: 'user',
      parts: [{ text: 'Check the weather files in two cities, in parallel.' }],
    };
    const first = await cliTurn('claude-sonnet-4-5', [question]);
    const firstBody = gateway.anthropic.requests.at(-1)?.body as { thinking?: { type: string } } | undefined;
    expect(firstBody?.thinking?.type).toBe('enabled');
    expect(first.parts.some((part) => part.thought)).toBe(true);
    const calls = first.parts.filter((part) => part.functionCall).map((part) => part.functionCall!);
    await cliTurn('claude-sonnet-4-5', [
      question,
      historyTurn(first.parts),
      {
        role: 'user',
        parts: calls.map((call) => ({
          functionResponse: { id: call.id, name: call.name, response: { output: 'ok' } },
        })),
      },
    ]);
    // Claude refuses thinking when the last assistant turn has tool_use but no signed thinking block
    // ahead of it: the gateway must either restore that block or leave thinking off for this turn.
    const body = gateway.anthropic.requests.at(-1)?.body as Record<string, any>;
    const assistant = body.messages.findLast((message: { role: string }) => message.role === 'assistant');
    const startsWithThinking = assistant.content[0]?.type === 'thinking' && Boolean(assistant.content[0].signature);
    expect(body.thinking === undefined || startsWithThinking).toBe(true);
    expect(assistant.content.filter((block: { type: string }) => block.type === 'tool_use')).toHaveLength(2);
  });

  it('Anthropic: thinking on with the budget, and only sampling settings Claude accepts with thinking', async () => {
    await cliTurn('claude-sonnet-4-5', [{ role: 'user', parts: [{ text: 'Say hello' }] }]);
    const body = gateway.anthropic.requests.at(-1)?.body as Record<string, any>;
    expect(body.thinking).toEqual({ type: 'enabled', budget_tokens: 8192 });
    expect(body.max_tokens).toBeGreaterThan(8192);
    expect(body.tools).toHaveLength(CLI_TOOLS.length);
    expect(body.tools[0]).toMatchObject({ name: 'read_file', input_schema: { type: 'object' } });
    // With thinking on, Claude refuses top_k, and a temperature other than 1; Sonnet 4.5 refuses
    // temperature and top_p together.
    expect(body.top_k).toBeUndefined();
    expect(body.temperature === undefined || body.temperature === 1).toBe(true);
    expect(body.temperature !== undefined && body.top_p !== undefined).toBe(false);
  });
});
