import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signatureFor } from '../emulators/index.js';
import type { Emulator } from '../emulators/types.js';
import { type Gateway, postJson, sseData, startGateway } from './gateway-harness.js';

/**
 * Requests shaped as Codex CLI sends them (learned from codex-rs: its client headers, the
 * Responses body it builds, its tool specs), replayed against every upstream family over two
 * turns with a tool round trip: the first turn asks for a tool, the second brings its output and
 * the reasoning items back (`store: false`, `encrypted_content`). The shapes are written here from
 * what the source does, not copied from it.
 */
let gateway: Gateway;

beforeAll(async () => {
  gateway = await startGateway();
});
afterEach(() => {
  for (const emulator of [gateway.openai, gateway.anthropic, gateway.gemini, gateway.deepseek]) emulator.reset();
});
afterAll(async () => gateway?.close());

/** GPT on OpenAI itself passes through (OpenAI runs Codex's tools); the other families are translated. */
function passesThrough(model: string): boolean {
  return model.startsWith('gpt');
}

const FAMILIES: Array<[string, () => Emulator]> = [
  ['gpt-4.1-mini', () => gateway.openai],
  ['claude-sonnet-4-5', () => gateway.anthropic],
  ['gemini-2.5-flash', () => gateway.gemini],
  ['deepseek-chat', () => gateway.deepseek],
];

const PATCH = ['*** Begin Patch', '*** Add File: hello.txt', '+hello', '*** End Patch'].join('\n');

/** Codex's tool list: its shell function, freeform apply_patch, update_plan, and the default cached web search. */
function codexTools(shell: 'function' | 'local_shell'): unknown[] {
  return [
    shell === 'local_shell'
      ? { type: 'local_shell' }
      : {
          type: 'function',
          name: 'shell',
          description: 'Runs a shell command and returns its output.',
          strict: false,
          parameters: {
            type: 'object',
            properties: {
              command: { type: 'array', items: { type: 'string' }, description: 'The command to execute' },
              workdir: { type: 'string', description: 'The working directory' },
              timeout_ms: { type: 'number', description: 'The timeout in milliseconds' },
            },
            required: ['command'],
            additionalProperties: false,
          },
        },
    {
      type: 'custom',
      name: 'apply_patch',
      description: 'Use the `apply_patch` tool to edit files.',
      format: {
        type: 'grammar',
        syntax: 'lark',
        definition:
          'start: begin_patch hunk+ end_patch\nbegin_patch: "*** Begin Patch" LF\nend_patch: "*** End Patch" LF?',
      },
    },
    {
      type: 'function',
      name: 'update_plan',
      description: 'Updates the task plan.',
      strict: false,
      parameters: {
        type: 'object',
        properties: {
          explanation: { type: 'string' },
          plan: {
            type: 'array',
            items: {
              type: 'object',
              properties: { step: { type: 'string' }, status: { type: 'string' } },
              required: ['step', 'status'],
              additionalProperties: false,
            },
          },
        },
        required: ['plan'],
        additionalProperties: false,
      },
    },
    // Codex 0.17x groups its sub-agent tools in a `namespace` tool.
    {
      type: 'namespace',
      name: 'multi_agent_v1',
      description: 'Tools for spawning and managing sub-agents.',
      tools: [
        {
          type: 'function',
          name: 'spawn_agent',
          description: 'Spawn a sub-agent for a well-scoped task.',
          strict: false,
          parameters: {
            type: 'object',
            properties: { message: { type: 'string' } },
            required: ['message'],
            additionalProperties: false,
          },
        },
        {
          type: 'function',
          name: 'close_agent',
          description: 'Close an agent.',
          strict: false,
          parameters: {
            type: 'object',
            properties: { target: { type: 'string' } },
            required: ['target'],
            additionalProperties: false,
          },
        },
      ],
    },
    { type: 'web_search', external_web_access: false },
  ];
}

function codexHeaders(session: string): Record<string, string> {
  return {
    originator: 'codex_cli_rs',
    session_id: session,
    'openai-beta': 'responses=experimental',
    accept: 'text/event-stream',
    'user-agent': 'codex_cli_rs/0.58.0 (Linux; x86_64) xterm-256color',
    version: '0.58.0',
  };
}

function codexBody(model: string, session: string, input: unknown[], shell: 'function' | 'local_shell') {
  return {
    model,
    instructions: 'You are Codex, a coding agent running in a terminal. Keep going until the task is done.',
    input,
    tools: codexTools(shell),
    tool_choice: 'auto',
    parallel_tool_calls: false,
    reasoning: { effort: 'medium', summary: 'auto' },
    store: false,
    stream: true,
    include: ['reasoning.encrypted_content'],
    prompt_cache_key: session,
    text: { verbosity: 'medium' },
  };
}

const OPENING = [
  {
    type: 'message',
    role: 'developer',
    content: [
      { type: 'input_text', text: '<permissions instructions>sandbox: workspace-write</permissions instructions>' },
    ],
  },
  {
    type: 'message',
    role: 'user',
    content: [{ type: 'input_text', text: '<environment_context><cwd>/work</cwd></environment_context>' }],
  },
  { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Create hello.txt' }] },
];

/** Runs one Codex turn; returns the finished response and every event, after checking the stream's framing. */
async function codexTurn(body: unknown, session: string) {
  const reply = await postJson(gateway, '/v1/responses', body, codexHeaders(session));
  expect(reply.status, reply.text.slice(0, 300)).toBe(200);
  expect(reply.headers.get('content-type')).toContain('text/event-stream');
  const events = sseData(reply.text) as Array<Record<string, any>>;
  expect(events.map((event) => event.sequence_number)).toEqual(events.map((_, index) => index));
  expect(events[0]?.type).toBe('response.created');
  expect(events.at(-1)?.type).toBe('response.completed');
  return { response: events.at(-1)?.response, events, headers: reply.headers };
}

describe('Codex CLI request shapes against every upstream family', () => {
  it.each(FAMILIES)(
    '%s: apply_patch (freeform) round trip, reasoning carried, cached web search dropped',
    async (model, upstream) => {
      const session = randomUUID();
      upstream().enqueue({
        reasoning: 'I should write the file.',
        toolCalls: [{ name: 'apply_patch', arguments: { input: PATCH } }],
      });
      const body = codexBody(model, session, OPENING, 'function');
      const first = await codexTurn(body, session);
      if (passesThrough(model)) {
        // OpenAI itself gets Codex's body as sent: its freeform apply_patch and its web search.
        expect(first.headers.get('x-aihub-dropped-params')).toBeNull();
        expect(upstream().requests.at(-1)?.body).toEqual(body);
      } else {
        expect(first.headers.get('x-aihub-dropped-params')).toContain('tools.web_search');
        // The upstream saw apply_patch as a function of one string, and no web search.
        const sent = JSON.stringify(upstream().requests.at(-1)?.body);
        expect(sent).toContain('apply_patch');
        expect(sent).toContain('"input"');
        expect(sent).not.toContain('web_search');
      }

      const output = first.response.output as Array<Record<string, any>>;
      const call = output.find((item) => item.type === 'custom_tool_call');
      expect(call).toMatchObject({ name: 'apply_patch', input: PATCH, call_id: expect.any(String) });
      expect(output.some((item) => item.type === 'function_call')).toBe(false);
      const inputDone = first.events.find((event) => event.type === 'response.custom_tool_call_input.done');
      expect(inputDone?.input).toBe(PATCH);

      // Turn 2: Codex sends everything back, its tool output answering the call.
      const second = await codexTurn(
        codexBody(
          model,
          session,
          [
            ...OPENING,
            ...output,
            { type: 'custom_tool_call_output', call_id: call?.call_id, output: 'Success. Updated: A hello.txt' },
          ],
          'function',
        ),
        session,
      );
      const answer = second.response.output.find((item: Record<string, any>) => item.type === 'message');
      expect(answer?.content[0]?.text).toContain('tool result');
      const followUp = JSON.stringify(upstream().requests.at(-1)?.body);
      expect(followUp).toContain('Success. Updated: A hello.txt');
      // The patch went back as the call's input, the reasoning with it where the vendor signs it.
      expect(followUp).toContain('*** Add File: hello.txt');
      if (model.startsWith('claude') || model.startsWith('gemini')) {
        expect(followUp).toContain(signatureFor('I should write the file.'));
      }
    },
  );

  it.each(FAMILIES.filter(([model]) => !passesThrough(model)))(
    '%s: a namespace tool member is offered, called and continued with its namespace apart',
    async (model, upstream) => {
      const session = randomUUID();
      upstream().enqueue({
        toolCalls: [{ name: 'multi_agent_v1__spawn_agent', arguments: { message: 'Check tests' } }],
      });
      const first = await codexTurn(codexBody(model, session, OPENING, 'function'), session);
      // The vendor saw each member as a tool of its own, the namespace's description leading its own.
      const offered = JSON.stringify(upstream().requests.at(-1)?.body);
      expect(offered).toContain('multi_agent_v1__spawn_agent');
      expect(offered).toContain('multi_agent_v1__close_agent');
      expect(offered).toContain('Tools for spawning and managing sub-agents.');
      expect(offered).not.toContain('"namespace"');

      const output = first.response.output as Array<Record<string, any>>;
      const call = output.find((item) => item.type === 'function_call');
      expect(call).toMatchObject({ name: 'spawn_agent', namespace: 'multi_agent_v1', status: 'completed' });
      const done = first.events.find((event) => event.type === 'response.function_call_arguments.done');
      expect(done?.name).toBe('spawn_agent');
      const added = first.events.find(
        (event) => event.type === 'response.output_item.added' && event.item.type === 'function_call',
      );
      expect(added?.item).toMatchObject({ name: 'spawn_agent', namespace: 'multi_agent_v1' });

      const second = await codexTurn(
        codexBody(
          model,
          session,
          [...OPENING, ...output, { type: 'function_call_output', call_id: call?.call_id, output: 'agent-1 started' }],
          'function',
        ),
        session,
      );
      expect(second.response.status).toBe('completed');
      // The call went back to the vendor under the name it was offered.
      const followUp = JSON.stringify(upstream().requests.at(-1)?.body);
      expect(followUp).toContain('multi_agent_v1__spawn_agent');
      expect(followUp).toContain('agent-1 started');
    },
  );

  it.each(FAMILIES)('%s: shell function and update_plan calls round trip', async (model, upstream) => {
    const session = randomUUID();
    upstream().enqueue({
      toolCalls: [{ name: 'shell', arguments: { command: ['bash', '-lc', 'ls'], workdir: '/work' } }],
    });
    const first = await codexTurn(codexBody(model, session, OPENING, 'function'), session);
    const call = (first.response.output as Array<Record<string, any>>).find((item) => item.type === 'function_call');
    expect(call).toMatchObject({ name: 'shell', status: 'completed' });
    expect(JSON.parse(call?.arguments)).toEqual({ command: ['bash', '-lc', 'ls'], workdir: '/work' });
    const output = first.response.output as unknown[];
    upstream().enqueue({
      toolCalls: [{ name: 'update_plan', arguments: { plan: [{ step: 'write', status: 'completed' }] } }],
    });
    const second = await codexTurn(
      codexBody(
        model,
        session,
        [...OPENING, ...output, { type: 'function_call_output', call_id: call?.call_id, output: 'hello.txt\n' }],
        'function',
      ),
      session,
    );
    const plan = (second.response.output as Array<Record<string, any>>).find((item) => item.type === 'function_call');
    expect(plan?.name).toBe('update_plan');
    expect(JSON.stringify(upstream().requests.at(-1)?.body)).toContain('hello.txt\\n');
  });

  it.each(FAMILIES)(
    '%s: local_shell (codex-mini models) answered as local_shell_call and continued',
    async (model, upstream) => {
      const session = randomUUID();
      upstream().enqueue({
        toolCalls: [{ name: 'local_shell', arguments: { command: ['ls', '-a'], timeout_ms: 10_000 } }],
      });
      const first = await codexTurn(codexBody(model, session, OPENING, 'local_shell'), session);
      const output = first.response.output as Array<Record<string, any>>;
      const call = output.find((item) => item.type === 'local_shell_call');
      expect(call).toMatchObject({
        status: 'completed',
        call_id: expect.any(String),
        action: { type: 'exec', command: ['ls', '-a'], timeout_ms: 10_000 },
      });
      await codexTurn(
        codexBody(
          model,
          session,
          // Codex answers a shell call with a function_call_output naming its call id.
          [...OPENING, ...output, { type: 'function_call_output', call_id: call?.call_id, output: '.\n..\nsrc' }],
          'local_shell',
        ),
        session,
      );
      const followUp = JSON.stringify(upstream().requests.at(-1)?.body);
      expect(followUp).toContain('local_shell');
      expect(followUp).toContain('src');
    },
  );
});
