/**
 * The request shape Claude Code sends, built here (not copied) from what its public package and
 * documentation show: `POST /v1/messages?beta=true` through the Anthropic SDK's beta resource, a
 * Bearer token (ANTHROPIC_AUTH_TOKEN), `x-app: cli`, a `claude-cli/<version>` user agent, browser
 * access allowed (`anthropic-dangerous-direct-browser-access`), the SDK's `x-stainless-*` headers,
 * `anthropic-beta: claude-code-20250219,interleaved-thinking-2025-05-14,...`; a body with ~20 tools
 * whose input schemas are zod-generated JSON Schema (`$schema`, `additionalProperties: false`,
 * nested arrays of objects, enums), system blocks with `cache_control` (the identity line and the
 * long prompt, one of them kept an hour), `metadata.user_id` as `user_<hash>_account_<uuid>_session_<uuid>`,
 * thinking enabled with a budget, `stream: true`, and a cache breakpoint on the last user block.
 */
import Anthropic from '@anthropic-ai/sdk';

export const CLAUDE_CODE_BETAS = [
  'claude-code-20250219',
  'interleaved-thinking-2025-05-14',
  'fine-grained-tool-streaming-2025-05-14',
  'context-management-2025-06-27',
];

export const CLAUDE_CODE_USER_AGENT = 'claude-cli/1.0.128 (external, cli)';

export const CLAUDE_CODE_USER_ID =
  'user_3f1c9a7e5b2d4c6a8e0f1a3b5c7d9e1f3a5b7c9d1e3f5a7b9c1d3e5f7a9b1c3d_account_7d3e2f10-4b6a-4c8e-9a1b-2c3d4e5f6a7b_session_0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e';

/** A request as the SDK sent it: its URL, headers and body bytes. */
export interface SentRequest {
  url: string;
  headers: Headers;
  body: string;
}

/** A `fetch` that records each request the SDK sends, then sends it. */
export function recordingFetch(sent: SentRequest[]): typeof fetch {
  return async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    sent.push({ url, headers: new Headers(init?.headers), body: typeof init?.body === 'string' ? init.body : '' });
    return fetch(input, init);
  };
}

/** An Anthropic client configured as Claude Code configures its own. */
export function claudeCodeClient(baseURL: string, authToken: string, sent: SentRequest[]): Anthropic {
  return new Anthropic({
    apiKey: null,
    authToken,
    baseURL,
    maxRetries: 0,
    dangerouslyAllowBrowser: true,
    defaultHeaders: { 'x-app': 'cli', 'User-Agent': CLAUDE_CODE_USER_AGENT },
    fetch: recordingFetch(sent),
  });
}

const draft07 = 'http://json-schema.org/draft-07/schema#';

/** A zod-to-json-schema style object schema; the descriptions are long, as Claude Code's are. */
function objectSchema(properties: Record<string, unknown>, required: string[]): Anthropic.Tool.InputSchema {
  return { type: 'object', properties, required, additionalProperties: false, $schema: draft07 };
}

const describe = (what: string) =>
  `${what}. ${'Use it carefully: paths are absolute, results are truncated past a limit, and errors are reported back to the model as text. '.repeat(4)}`;

const path = { type: 'string', description: describe('The absolute path of the file') };
const text = (what: string) => ({ type: 'string', description: describe(what) });
const number = (what: string) => ({ type: 'number', description: describe(what) });
const flag = (what: string) => ({ type: 'boolean', description: describe(what) });

const toolSchemas: Record<string, Anthropic.Tool.InputSchema> = {
  Task: objectSchema(
    { description: text('A short task summary'), prompt: text('The task'), subagent_type: text('Agent kind') },
    ['description', 'prompt', 'subagent_type'],
  ),
  Bash: objectSchema(
    {
      command: text('The command to run'),
      timeout: number('Milliseconds before it is stopped'),
      description: text('What the command does'),
      run_in_background: flag('Run without waiting'),
    },
    ['command'],
  ),
  Glob: objectSchema({ pattern: text('A glob pattern'), path: text('Where to search') }, ['pattern']),
  Grep: objectSchema(
    {
      pattern: text('A regular expression'),
      path: text('Where to search'),
      glob: text('A file filter'),
      output_mode: { type: 'string', enum: ['content', 'files_with_matches', 'count'], description: describe('Mode') },
      '-i': flag('Ignore case'),
      '-n': flag('Show line numbers'),
      head_limit: number('At most this many results'),
      multiline: flag('Let patterns span lines'),
    },
    ['pattern'],
  ),
  LS: objectSchema({ path, ignore: { type: 'array', items: { type: 'string' }, description: describe('Globs') } }, [
    'path',
  ]),
  ExitPlanMode: objectSchema({ plan: text('The plan, in markdown') }, ['plan']),
  Read: objectSchema({ file_path: path, offset: number('First line'), limit: number('How many lines') }, ['file_path']),
  Edit: objectSchema(
    {
      file_path: path,
      old_string: text('Text to replace'),
      new_string: text('Replacement'),
      replace_all: { type: 'boolean', default: false, description: describe('Every occurrence') },
    },
    ['file_path', 'old_string', 'new_string'],
  ),
  MultiEdit: objectSchema(
    {
      file_path: path,
      edits: {
        type: 'array',
        minItems: 1,
        description: describe('Edits applied in order'),
        items: {
          type: 'object',
          properties: {
            old_string: text('Text to replace'),
            new_string: text('Replacement'),
            replace_all: { type: 'boolean', default: false, description: describe('Every occurrence') },
          },
          required: ['old_string', 'new_string'],
          additionalProperties: false,
        },
      },
    },
    ['file_path', 'edits'],
  ),
  Write: objectSchema({ file_path: path, content: text('The whole file') }, ['file_path', 'content']),
  NotebookEdit: objectSchema(
    {
      notebook_path: path,
      cell_id: text('The cell'),
      new_source: text('Its new source'),
      cell_type: { type: 'string', enum: ['code', 'markdown'], description: describe('Cell kind') },
      edit_mode: { type: 'string', enum: ['replace', 'insert', 'delete'], description: describe('Operation') },
    },
    ['notebook_path', 'new_source'],
  ),
  WebFetch: objectSchema(
    { url: { type: 'string', format: 'uri', description: describe('URL') }, prompt: text('Ask') },
    ['url', 'prompt'],
  ),
  TodoWrite: objectSchema(
    {
      todos: {
        type: 'array',
        description: describe('The whole list'),
        items: {
          type: 'object',
          properties: {
            content: { type: 'string', minLength: 1 },
            status: { type: 'string', enum: ['pending', 'in_progress', 'completed'] },
            activeForm: { type: 'string', minLength: 1 },
          },
          required: ['content', 'status', 'activeForm'],
          additionalProperties: false,
        },
      },
    },
    ['todos'],
  ),
  WebSearch: objectSchema(
    {
      query: { type: 'string', minLength: 2, description: describe('Query') },
      allowed_domains: { type: 'array', items: { type: 'string' }, description: describe('Only these') },
      blocked_domains: { type: 'array', items: { type: 'string' }, description: describe('Never these') },
    },
    ['query'],
  ),
  BashOutput: objectSchema({ bash_id: text('Shell id'), filter: text('A regular expression') }, ['bash_id']),
  KillShell: objectSchema({ shell_id: text('Shell id') }, ['shell_id']),
  SlashCommand: objectSchema({ command: text('The command and its arguments') }, ['command']),
  ListMcpResourcesTool: objectSchema({ server: text('Server name') }, []),
  ReadMcpResourceTool: objectSchema({ server: text('Server name'), uri: text('Resource URI') }, ['server', 'uri']),
  mcp__ide__getDiagnostics: objectSchema({ uri: text('File URI') }, []),
};

export const CLAUDE_CODE_TOOLS: Anthropic.Tool[] = Object.entries(toolSchemas).map(([name, input_schema]) => ({
  name,
  description: describe(`The ${name} tool`),
  input_schema,
}));

const SYSTEM: Anthropic.TextBlockParam[] = [
  {
    type: 'text',
    text: "You are Claude Code, Anthropic's official CLI for Claude.",
    cache_control: { type: 'ephemeral', ttl: '1h' },
  },
  {
    type: 'text',
    text: `You are an interactive CLI tool that helps users with software engineering tasks. ${'Keep answers short; prefer tools to guesses. '.repeat(200)}`,
    cache_control: { type: 'ephemeral' },
  },
];

const CLAUDE_CODE_SAMPLING: Record<string, unknown> = { temperature: 1 };

/** The first request of a session: the user's task, with the reminders Claude Code prepends. */
export function firstTurn(model: string): Anthropic.Beta.MessageCreateParamsStreaming {
  return {
    model,
    max_tokens: 32_000,
    stream: true,
    // Claude Code sends it; this SDK's types no longer list it, and a spread is not excess-checked.
    ...CLAUDE_CODE_SAMPLING,
    system: SYSTEM,
    tools: CLAUDE_CODE_TOOLS,
    metadata: { user_id: CLAUDE_CODE_USER_ID },
    thinking: { type: 'enabled', budget_tokens: 31_999 },
    messages: [
      {
        role: 'user',
        content: [
          { type: 'text', text: '<system-reminder>\nThe working directory is /repo.\n</system-reminder>' },
          { type: 'text', text: 'Read README.md and summarise it', cache_control: { type: 'ephemeral' } },
        ],
      },
    ],
  };
}

/** The next request: the answer sent back whole (thinking with its signature, tool_use) and the tool's result. */
export function nextTurn(
  previous: Anthropic.Beta.MessageCreateParamsStreaming,
  answer: Anthropic.Beta.BetaMessage,
  toolUseId: string,
): Anthropic.Beta.MessageCreateParamsStreaming {
  // Claude Code keeps one cache breakpoint on the newest user block: the older one moves.
  const messages = previous.messages.map((message) => ({
    ...message,
    content: Array.isArray(message.content)
      ? message.content.map((block) => {
          if (!('cache_control' in block)) return block;
          const { cache_control: _moved, ...rest } = block;
          return rest as typeof block;
        })
      : message.content,
  })) as Anthropic.Beta.BetaMessageParam[];
  return {
    ...previous,
    messages: [
      ...messages,
      { role: 'assistant', content: answer.content as Anthropic.Beta.BetaContentBlockParam[] },
      {
        role: 'user',
        content: [
          {
            type: 'tool_result',
            tool_use_id: toolUseId,
            content: '     1\t# Demo\n     2\tA small demo repository.\n',
            cache_control: { type: 'ephemeral' },
          },
        ],
      },
    ],
  };
}
