/**
 * "View code" for the playground: the conversation on screen as a ready-to-run program in curl,
 * Python (`http.client`, standard library only; the `openai` package) and Node (fetch; the
 * `openai` package). The key is never written into a snippet: every one reads the
 * `AIHUB_API_KEY` environment variable. Values are embedded as literals of the target language
 * (JSON strings are valid Python and JavaScript string literals), and the curl body is one
 * single-quoted shell word, so any text a user typed — quotes, backslashes, `$`, newlines,
 * emoji, Chinese — arrives byte for byte.
 *
 * Pure functions, no React, no DOM: `buildSnippet('curl', conversation)`.
 */

export const API_KEY_ENV = 'AIHUB_API_KEY';

export interface TextPart {
  type: 'text';
  text: string;
}

export interface ImagePart {
  type: 'image_url';
  image_url: { url: string; detail?: 'auto' | 'low' | 'high' };
}

export type ContentPart = TextPart | ImagePart;

export interface ToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export interface ToolDefinition {
  type: 'function';
  function: { name: string; description?: string; parameters?: Record<string, unknown>; strict?: boolean };
}

/** Messages in the Chat Completions wire format, as the playground sends them to `/v1`. */
export type ChatMessage =
  | { role: 'system' | 'developer'; content: string | TextPart[]; name?: string }
  | { role: 'user'; content: string | ContentPart[]; name?: string }
  | {
      role: 'assistant';
      content: string | null;
      tool_calls?: ToolCall[];
      /** Reasoning text and its signatures, sent back as received so thinking continues. */
      reasoning_content?: string;
      reasoning_details?: unknown[];
    }
  | { role: 'tool'; tool_call_id: string; content: string };

export interface SnippetConversation {
  /** The `/v1` base URL, as an OpenAI SDK takes it: `https://aihub.example.com/v1`. */
  baseUrl: string;
  model: string;
  messages: ChatMessage[];
  tools?: ToolDefinition[];
  temperature?: number;
  maxTokens?: number;
  /** `minimal`, `low`, `medium`, `high` (AIHub maps it to each vendor's thinking switch). */
  reasoningEffort?: string;
  /** Thinking tokens allowed (`thinking: {type: 'enabled', budget_tokens}`; AIHub maps it per vendor). */
  thinkingBudget?: number;
  stream: boolean;
}

export type SnippetLanguage = 'curl' | 'python-http-client' | 'python-openai' | 'node-fetch' | 'node-openai';

export interface SnippetLanguageInfo {
  id: SnippetLanguage;
  /** A tab label (a proper name: not translated). */
  label: string;
  /** The highlighter's language name. */
  highlight: 'bash' | 'python' | 'javascript';
  /** A file name that runs as is (`node chat.mjs`, `python3 chat.py`, `bash chat.sh`). */
  fileName: string;
}

export const SNIPPET_LANGUAGES: readonly SnippetLanguageInfo[] = [
  { id: 'curl', label: 'curl', highlight: 'bash', fileName: 'chat.sh' },
  { id: 'python-http-client', label: 'Python (http.client)', highlight: 'python', fileName: 'chat.py' },
  { id: 'python-openai', label: 'Python (openai)', highlight: 'python', fileName: 'chat_openai.py' },
  { id: 'node-fetch', label: 'Node.js (fetch)', highlight: 'javascript', fileName: 'chat.mjs' },
  { id: 'node-openai', label: 'Node.js (openai)', highlight: 'javascript', fileName: 'chat-openai.mjs' },
];

export interface SnippetOptions {
  /**
   * `placeholder` replaces `data:` image URLs (often megabytes of base64) with a short stand-in,
   * for display; the snippet then needs the real data to run. Default `inline`: runnable as is.
   */
  imageDataUrls?: 'inline' | 'placeholder';
  /** The environment variable holding the key (default `AIHUB_API_KEY`). */
  apiKeyEnv?: string;
}

/** The JSON body the snippets post: what the playground itself sends, without playground-only fields. */
export function chatRequestBody(
  conversation: SnippetConversation,
  options: SnippetOptions = {},
): Record<string, unknown> {
  const body: Record<string, unknown> = {
    model: conversation.model,
    messages: conversation.messages.map((message) => cleanMessage(message, options)),
  };
  if (conversation.tools && conversation.tools.length > 0) body.tools = conversation.tools;
  if (conversation.temperature !== undefined) body.temperature = conversation.temperature;
  if (conversation.maxTokens !== undefined) body.max_tokens = conversation.maxTokens;
  if (conversation.reasoningEffort) body.reasoning_effort = conversation.reasoningEffort;
  if (conversation.thinkingBudget !== undefined) {
    body.thinking = { type: 'enabled', budget_tokens: conversation.thinkingBudget };
  }
  body.stream = conversation.stream;
  return withoutUndefined(body) as Record<string, unknown>;
}

/** The endpoint a conversation posts to: `{baseUrl}/chat/completions`. */
export function chatCompletionsUrl(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/chat/completions`;
}

export function buildSnippet(
  language: SnippetLanguage,
  conversation: SnippetConversation,
  options: SnippetOptions = {},
): string {
  const env = options.apiKeyEnv ?? API_KEY_ENV;
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(env)) throw new Error(`Not an environment variable name: ${env}`);
  switch (language) {
    case 'curl':
      return curlSnippet(conversation, options, env);
    case 'python-http-client':
      return pythonHttpClientSnippet(conversation, options, env);
    case 'python-openai':
      return pythonOpenAISnippet(conversation, options, env);
    case 'node-fetch':
      return nodeFetchSnippet(conversation, options, env);
    case 'node-openai':
      return nodeOpenAISnippet(conversation, options, env);
    default: {
      const exhaustive: never = language;
      throw new Error(`Unknown snippet language: ${String(exhaustive)}`);
    }
  }
}

/** Every language at once, e.g. for tabs. */
export function buildSnippets(
  conversation: SnippetConversation,
  options: SnippetOptions = {},
): Record<SnippetLanguage, string> {
  const out = {} as Record<SnippetLanguage, string>;
  for (const { id } of SNIPPET_LANGUAGES) out[id] = buildSnippet(id, conversation, options);
  return out;
}

// ---- curl -----------------------------------------------------------------------------------

function curlSnippet(conversation: SnippetConversation, options: SnippetOptions, env: string): string {
  const body = JSON.stringify(chatRequestBody(conversation, options), null, 2);
  const lines = [
    `curl${conversation.stream ? ' -N' : ''} ${shellQuote(chatCompletionsUrl(conversation.baseUrl))} \\`,
    `  -H "Authorization: Bearer $${env}" \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  -d ${shellQuote(body)}`,
  ];
  return `${lines.join('\n')}\n`;
}

/** One POSIX shell word: single quotes, with each `'` closed, escaped and reopened. */
export function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

// ---- Python -----------------------------------------------------------------------------------

function pythonHttpClientSnippet(conversation: SnippetConversation, options: SnippetOptions, env: string): string {
  const payload = pythonLiteral(chatRequestBody(conversation, options), '');
  const head = [
    'import http.client',
    'import json',
    'import os',
    'from urllib.parse import urlsplit',
    '',
    `url = urlsplit(${JSON.stringify(chatCompletionsUrl(conversation.baseUrl))})`,
    `payload = ${payload}`,
    '',
    'Connection = http.client.HTTPSConnection if url.scheme == "https" else http.client.HTTPConnection',
    'connection = Connection(url.netloc, timeout=600)',
    'connection.request(',
    '    "POST",',
    '    url.path,',
    '    body=json.dumps(payload),',
    `    headers={"Authorization": "Bearer " + os.environ[${JSON.stringify(env)}], "Content-Type": "application/json"},`,
    ')',
    'response = connection.getresponse()',
    'if response.status != 200:',
    '    raise SystemExit(f"HTTP {response.status}: {response.read().decode()}")',
  ];
  const tail = conversation.stream
    ? [
        'for raw_line in response:',
        '    line = raw_line.decode("utf-8").strip()',
        '    if not line.startswith("data:"):',
        '        continue',
        '    data = line[len("data:"):].strip()',
        '    if data == "[DONE]":',
        '        break',
        '    chunk = json.loads(data)',
        '    if "error" in chunk:',
        '        raise SystemExit(chunk["error"]["message"])',
        '    for choice in chunk.get("choices", []):',
        '        print((choice.get("delta") or {}).get("content") or "", end="", flush=True)',
        'print()',
      ]
    : [
        'message = json.loads(response.read())["choices"][0]["message"]',
        'print(message.get("content") or json.dumps(message.get("tool_calls"), indent=2))',
      ];
  return `${[...head, ...tail].join('\n')}\n`;
}

function pythonOpenAISnippet(conversation: SnippetConversation, options: SnippetOptions, env: string): string {
  const body = chatRequestBody(conversation, options);
  // The SDK refuses keyword arguments it does not know: AIHub's extensions go in `extra_body`.
  const standard = Object.entries(body).filter(([name]) => PYTHON_SDK_PARAMS.has(name));
  const extra = Object.fromEntries(Object.entries(body).filter(([name]) => !PYTHON_SDK_PARAMS.has(name)));
  if (Object.keys(extra).length > 0) standard.push(['extra_body', extra]);
  const args = standard.map(([name, value]) => `    ${name}=${pythonLiteral(value, '    ')},`).join('\n');
  const call = `client.chat.completions.create(\n${args}\n)`;
  const head = [
    'import os',
    '',
    'from openai import OpenAI',
    '',
    `client = OpenAI(base_url=${JSON.stringify(conversation.baseUrl)}, api_key=os.environ[${JSON.stringify(env)}])`,
  ];
  const tail = conversation.stream
    ? [
        `stream = ${call}`,
        'for chunk in stream:',
        '    if chunk.choices and chunk.choices[0].delta.content:',
        '        print(chunk.choices[0].delta.content, end="", flush=True)',
        'print()',
      ]
    : [
        `completion = ${call}`,
        'message = completion.choices[0].message',
        'print(message.content or message.tool_calls)',
      ];
  return `${[...head, ...tail].join('\n')}\n`;
}

const PYTHON_SDK_PARAMS = new Set([
  'model',
  'messages',
  'tools',
  'temperature',
  'max_tokens',
  'reasoning_effort',
  'stream',
]);

/** A Python expression for a JSON value: dicts, lists, str (JSON escapes are Python escapes), True/False/None. */
export function pythonLiteral(value: unknown, indent: string): string {
  return literal(value, indent, {
    step: '    ',
    nullText: 'None',
    trueText: 'True',
    falseText: 'False',
    key: (name) => JSON.stringify(name),
  });
}

// ---- Node -----------------------------------------------------------------------------------

function nodeFetchSnippet(conversation: SnippetConversation, options: SnippetOptions, env: string): string {
  const body = jsLiteral(chatRequestBody(conversation, options), '  ');
  const head = [
    '// node chat.mjs (Node.js 18 or newer)',
    `const response = await fetch(${JSON.stringify(chatCompletionsUrl(conversation.baseUrl))}, {`,
    "  method: 'POST',",
    `  headers: { Authorization: \`Bearer \${process.env.${env}}\`, 'Content-Type': 'application/json' },`,
    `  body: JSON.stringify(${body}),`,
    '});',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the snippet's own template literal
    'if (!response.ok) throw new Error(`HTTP ${response.status}: ${await response.text()}`);',
  ];
  const tail = conversation.stream
    ? [
        'const decoder = new TextDecoder();',
        "let buffered = '';",
        'for await (const bytes of response.body) {',
        '  buffered += decoder.decode(bytes, { stream: true });',
        "  const lines = buffered.split('\\n');",
        '  buffered = lines.pop();',
        '  for (const line of lines) {',
        "    if (!line.startsWith('data:')) continue;",
        '    const data = line.slice(5).trim();',
        "    if (data === '[DONE]') continue;",
        '    const chunk = JSON.parse(data);',
        '    if (chunk.error) throw new Error(chunk.error.message);',
        "    process.stdout.write(chunk.choices?.[0]?.delta?.content ?? '');",
        '  }',
        '}',
        "process.stdout.write('\\n');",
      ]
    : [
        'const { choices } = await response.json();',
        'console.log(choices[0].message.content ?? JSON.stringify(choices[0].message.tool_calls, null, 2));',
      ];
  return `${[...head, ...tail].join('\n')}\n`;
}

function nodeOpenAISnippet(conversation: SnippetConversation, options: SnippetOptions, env: string): string {
  const body = jsLiteral(chatRequestBody(conversation, options), '');
  const head = [
    '// npm install openai; node chat-openai.mjs',
    "import OpenAI from 'openai';",
    '',
    `const client = new OpenAI({ baseURL: ${JSON.stringify(conversation.baseUrl)}, apiKey: process.env.${env} });`,
  ];
  const tail = conversation.stream
    ? [
        `const stream = await client.chat.completions.create(${body});`,
        'for await (const chunk of stream) {',
        "  process.stdout.write(chunk.choices[0]?.delta?.content ?? '');",
        '}',
        "process.stdout.write('\\n');",
      ]
    : [
        `const completion = await client.chat.completions.create(${body});`,
        'const { message } = completion.choices[0];',
        'console.log(message.content ?? JSON.stringify(message.tool_calls, null, 2));',
      ];
  return `${[...head, ...tail].join('\n')}\n`;
}

/** A JavaScript expression for a JSON value (identifier keys bare, `__proto__` computed so it stays a property). */
export function jsLiteral(value: unknown, indent: string): string {
  return literal(value, indent, {
    step: '  ',
    nullText: 'null',
    trueText: 'true',
    falseText: 'false',
    key: (name) =>
      name === '__proto__'
        ? `[${JSON.stringify(name)}]`
        : /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name)
          ? name
          : JSON.stringify(name),
  });
}

// ---- shared ---------------------------------------------------------------------------------

interface LiteralStyle {
  step: string;
  nullText: string;
  trueText: string;
  falseText: string;
  key: (name: string) => string;
}

/** Pretty-prints a JSON value as a literal: one element per line, `indent` being the current line's. */
function literal(value: unknown, indent: string, style: LiteralStyle): string {
  if (value === null || value === undefined) return style.nullText;
  if (typeof value === 'boolean') return value ? style.trueText : style.falseText;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`Not a JSON number: ${value}`);
    return JSON.stringify(value);
  }
  if (typeof value === 'string') return JSON.stringify(value);
  const inner = indent + style.step;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((item) => `${inner}${literal(item, inner, style)},`).join('\n')}\n${indent}]`;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined);
    if (entries.length === 0) return '{}';
    const lines = entries.map(([name, item]) => `${inner}${style.key(name)}: ${literal(item, inner, style)},`);
    return `{\n${lines.join('\n')}\n${indent}}`;
  }
  throw new Error(`Not a JSON value: ${typeof value}`);
}

const DATA_URL_PLACEHOLDER = 'data:image/png;base64,<BASE64_IMAGE_DATA>';

function cleanMessage(message: ChatMessage, options: SnippetOptions): ChatMessage {
  if (message.role !== 'user' || typeof message.content === 'string' || options.imageDataUrls !== 'placeholder') {
    return message;
  }
  return {
    ...message,
    content: message.content.map((part) =>
      part.type === 'image_url' && part.image_url.url.startsWith('data:')
        ? { ...part, image_url: { ...part.image_url, url: placeholderFor(part.image_url.url) } }
        : part,
    ),
  };
}

function placeholderFor(dataUrl: string): string {
  const mediaType = /^data:([^;,]+)/.exec(dataUrl)?.[1];
  return mediaType ? `data:${mediaType};base64,<BASE64_IMAGE_DATA>` : DATA_URL_PLACEHOLDER;
}

function withoutUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutUndefined);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [name, item] of Object.entries(value)) if (item !== undefined) out[name] = withoutUndefined(item);
    return out;
  }
  return value;
}
