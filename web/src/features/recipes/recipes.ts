/**
 * Copy-paste set-up for each client against this AIHub server, with the user's key and chosen
 * model filled in: `buildRecipe('claude-code', {origin, key, model, smallModel})`. Pure functions,
 * no React, no DOM. Every value is written as a literal of its file's language
 * (recipe-quoting.ts), so a recipe runs as written whatever the key or URL holds.
 *
 * Base URLs mean what each client means by them: Claude Code, the Anthropic SDK, Gemini CLI, the
 * Google Gen AI SDK and Cherry Studio take the host root (they add `/v1/messages`,
 * `/v1beta/models/...` or `/v1/chat/completions` themselves); Codex and the OpenAI SDK take the
 * root plus `/v1`.
 */
import { type RecipeClient, type RecipeSurface, recipeClient } from './recipe-clients';
import { jsString, pythonString, shellWord, tomlString } from './recipe-quoting';

/** Shown where the key goes when the user has not given one. */
export const KEY_PLACEHOLDER = '<YOUR_AIHUB_KEY>';

/** The environment variable Codex reads the key from (its provider's `env_key`). */
export const CODEX_KEY_ENV = 'AIHUB_API_KEY';

/** The prompt the SDK and curl examples send. */
const SAMPLE_PROMPT = 'Hello!';

export interface RecipeInput {
  /** The gateway's origin, `https://aihub.example.com` (see gatewayOrigin). */
  origin: string;
  /** The user's key; null or empty for the placeholder. */
  key?: string | null;
  model: string;
  /** Claude Code's small/fast (background) model; the main model when absent. */
  smallModel?: string | null;
}

export type SnippetLanguage = 'bash' | 'json' | 'toml' | 'python' | 'javascript';

/** Which snippet it is (the page names it in the user's language). */
export type RecipeSnippetId =
  | 'shell'
  | 'claude-settings'
  | 'codex-config'
  | 'gemini-settings'
  | 'python'
  | 'node'
  | 'curl-chat-completions'
  | 'curl-responses'
  | 'curl-messages'
  | 'curl-gemini';

export interface CodeSnippet {
  kind: 'code';
  id: RecipeSnippetId;
  language: SnippetLanguage;
  /** Where it goes, when it is a file: `~/.claude/settings.json`. */
  path?: string;
  code: string;
}

/** A form to fill in an app's settings (Cherry Studio): each field copied on its own. */
export interface FieldsSnippet {
  kind: 'fields';
  id: 'cherry-provider';
  fields: { name: 'providerType' | 'apiKey' | 'apiHost' | 'model'; value: string }[];
}

export type RecipeSnippet = CodeSnippet | FieldsSnippet;

/** Something the user must know for the recipe to work (the page words it). */
export type RecipeNote =
  | 'claude-onboarding'
  | 'codex-config-order'
  | 'gemini-https'
  | 'cherry-other-types'
  | 'key-placeholder';

export interface Recipe {
  client: RecipeClient;
  surfaces: readonly RecipeSurface[];
  snippets: RecipeSnippet[];
  notes: RecipeNote[];
}

export function buildRecipe(client: RecipeClient, input: RecipeInput): Recipe {
  const values = resolve(input);
  const snippets = snippetsFor(client, values);
  const notes: RecipeNote[] = [];
  if (client === 'claude-code') notes.push('claude-onboarding');
  if (client === 'codex') notes.push('codex-config-order');
  if (client === 'gemini-cli' && !httpsOrLoopback(values.origin)) notes.push('gemini-https');
  if (client === 'cherry-studio') notes.push('cherry-other-types');
  if (!values.hasKey) notes.push('key-placeholder');
  return { client, surfaces: recipeClient(client).surfaces, snippets, notes };
}

/**
 * The origin recipes point at: the operator's public URL when set (a trailing `/` or `/v1` is
 * dropped, since each client adds its own path), else the browser's origin.
 */
export function gatewayOrigin(configured: string | null | undefined, browserOrigin: string): string {
  const trimmed = configured?.trim();
  if (trimmed) {
    try {
      const url = new URL(trimmed);
      if (url.protocol === 'http:' || url.protocol === 'https:') {
        const path = url.pathname.replace(/\/+$/, '').replace(/\/v1$/, '');
        return `${url.origin}${path}`;
      }
    } catch {
      // Not a URL: the browser's origin is right by construction.
    }
  }
  return browserOrigin.replace(/\/+$/, '');
}

interface Values {
  origin: string;
  key: string;
  hasKey: boolean;
  model: string;
  smallModel: string;
}

function resolve(input: RecipeInput): Values {
  const key = input.key?.trim() ?? '';
  return {
    origin: input.origin.replace(/\/+$/, ''),
    key: key || KEY_PLACEHOLDER,
    hasKey: key !== '',
    model: input.model,
    smallModel: input.smallModel?.trim() || input.model,
  };
}

function snippetsFor(client: RecipeClient, values: Values): RecipeSnippet[] {
  switch (client) {
    case 'claude-code':
      return claudeCode(values);
    case 'codex':
      return codex(values);
    case 'gemini-cli':
      return geminiCli(values);
    case 'cherry-studio':
      return cherryStudio(values);
    case 'openai-sdk':
      return openaiSdk(values);
    case 'anthropic-sdk':
      return anthropicSdk(values);
    case 'google-genai-sdk':
      return googleGenaiSdk(values);
    case 'curl':
      return curl(values);
    default: {
      const exhaustive: never = client;
      throw new Error(`Unknown client: ${String(exhaustive)}`);
    }
  }
}

function code(id: RecipeSnippetId, language: SnippetLanguage, lines: string[], path?: string): CodeSnippet {
  return { kind: 'code', id, language, ...(path ? { path } : {}), code: `${lines.join('\n')}\n` };
}

// ---- coding agents ----------------------------------------------------------------------------

/**
 * Claude Code: Anthropic Messages at `{ANTHROPIC_BASE_URL}/v1/messages`. The key goes in
 * ANTHROPIC_AUTH_TOKEN (sent as `Authorization: Bearer`; ANTHROPIC_API_KEY would be `x-api-key`
 * and, in interactive mode, asks for a one-time approval first). The opus/sonnet/haiku aliases are
 * pinned too, so `/model` and built-in subagents that ask for "haiku" reach models this server has.
 */
function claudeEnv(values: Values): [string, string][] {
  return [
    ['ANTHROPIC_BASE_URL', values.origin],
    ['ANTHROPIC_AUTH_TOKEN', values.key],
    ['ANTHROPIC_MODEL', values.model],
    ['ANTHROPIC_DEFAULT_OPUS_MODEL', values.model],
    ['ANTHROPIC_DEFAULT_SONNET_MODEL', values.model],
    ['ANTHROPIC_DEFAULT_HAIKU_MODEL', values.smallModel],
    // The older name of the background model, still read by earlier versions.
    ['ANTHROPIC_SMALL_FAST_MODEL', values.smallModel],
    // No telemetry, error reporting or update checks to Anthropic's own hosts.
    ['CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC', '1'],
  ];
}

function claudeCode(values: Values): RecipeSnippet[] {
  const env = claudeEnv(values);
  const shell = [
    ...env.map(([name, value]) => `export ${name}=${shellWord(value)}`),
    '# A key of your own in ANTHROPIC_API_KEY would be sent along: leave it out.',
    'unset ANTHROPIC_API_KEY',
    'claude',
  ];
  const settings = JSON.stringify({ env: Object.fromEntries(env) }, null, 2).split('\n');
  return [code('shell', 'bash', shell), code('claude-settings', 'json', settings, '~/.claude/settings.json')];
}

/** Codex CLI: a model provider on the Responses API at `{base_url}/responses`, key from env_key. */
function codex(values: Values): RecipeSnippet[] {
  const config = [
    `model = ${tomlString(values.model)}`,
    'model_provider = "aihub"',
    '',
    '[model_providers.aihub]',
    'name = "AIHub"',
    `base_url = ${tomlString(`${values.origin}/v1`)}`,
    `env_key = "${CODEX_KEY_ENV}"`,
    'wire_api = "responses"',
  ];
  const shell = [`export ${CODEX_KEY_ENV}=${shellWord(values.key)}`, 'codex'];
  return [code('codex-config', 'toml', config, '~/.codex/config.toml'), code('shell', 'bash', shell)];
}

/**
 * Gemini CLI: generateContent at `{GOOGLE_GEMINI_BASE_URL}/v1beta/models/...`, the key sent as
 * `x-goog-api-key`. Selecting the API-key sign-in in settings skips the login dialog.
 */
function geminiCli(values: Values): RecipeSnippet[] {
  const shell = [
    `export GOOGLE_GEMINI_BASE_URL=${shellWord(values.origin)}`,
    `export GEMINI_API_KEY=${shellWord(values.key)}`,
    `export GEMINI_MODEL=${shellWord(values.model)}`,
    'gemini',
  ];
  const settings = JSON.stringify({ security: { auth: { selectedType: 'gemini-api-key' } } }, null, 2).split('\n');
  return [code('shell', 'bash', shell), code('gemini-settings', 'json', settings, '~/.gemini/settings.json')];
}

// ---- apps -------------------------------------------------------------------------------------

/** Cherry Studio: an "OpenAI" provider whose API host is the root (it adds `/v1/chat/completions`). */
function cherryStudio(values: Values): RecipeSnippet[] {
  return [
    {
      kind: 'fields',
      id: 'cherry-provider',
      fields: [
        { name: 'providerType', value: 'OpenAI' },
        { name: 'apiKey', value: values.key },
        { name: 'apiHost', value: values.origin },
        { name: 'model', value: values.model },
      ],
    },
  ];
}

// ---- SDKs -------------------------------------------------------------------------------------

/** The values an SDK example names, as string literals of its language. */
function literals(values: Values, quote: (text: string) => string, base: string) {
  return { base: quote(base), key: quote(values.key), model: quote(values.model), prompt: quote(SAMPLE_PROMPT) };
}

function openaiSdk(values: Values): RecipeSnippet[] {
  const p = literals(values, pythonString, `${values.origin}/v1`);
  const j = literals(values, jsString, `${values.origin}/v1`);
  const python = [
    '# pip install openai',
    'from openai import OpenAI',
    '',
    `client = OpenAI(base_url=${p.base}, api_key=${p.key})`,
    '',
    '# Chat Completions',
    'completion = client.chat.completions.create(',
    `    model=${p.model},`,
    `    messages=[{"role": "user", "content": ${p.prompt}}],`,
    ')',
    'print(completion.choices[0].message.content)',
    '',
    '# Responses',
    `response = client.responses.create(model=${p.model}, input=${p.prompt})`,
    'print(response.output_text)',
  ];
  const node = [
    '// npm install openai; node openai-example.mjs',
    "import OpenAI from 'openai';",
    '',
    `const client = new OpenAI({ baseURL: ${j.base}, apiKey: ${j.key} });`,
    '',
    '// Chat Completions',
    'const completion = await client.chat.completions.create({',
    `  model: ${j.model},`,
    `  messages: [{ role: 'user', content: ${j.prompt} }],`,
    '});',
    'console.log(completion.choices[0].message.content);',
    '',
    '// Responses',
    `const response = await client.responses.create({ model: ${j.model}, input: ${j.prompt} });`,
    'console.log(response.output_text);',
  ];
  return [code('python', 'python', python), code('node', 'javascript', node)];
}

function anthropicSdk(values: Values): RecipeSnippet[] {
  const p = literals(values, pythonString, values.origin);
  const j = literals(values, jsString, values.origin);
  const python = [
    '# pip install anthropic',
    'from anthropic import Anthropic',
    '',
    `client = Anthropic(base_url=${p.base}, api_key=${p.key})`,
    'message = client.messages.create(',
    `    model=${p.model},`,
    '    max_tokens=1024,',
    `    messages=[{"role": "user", "content": ${p.prompt}}],`,
    ')',
    'print(message.content[0].text)',
  ];
  const node = [
    '// npm install @anthropic-ai/sdk; node anthropic-example.mjs',
    "import Anthropic from '@anthropic-ai/sdk';",
    '',
    `const client = new Anthropic({ baseURL: ${j.base}, apiKey: ${j.key} });`,
    'const message = await client.messages.create({',
    `  model: ${j.model},`,
    '  max_tokens: 1024,',
    `  messages: [{ role: 'user', content: ${j.prompt} }],`,
    '});',
    'console.log(message.content[0].text);',
  ];
  return [code('python', 'python', python), code('node', 'javascript', node)];
}

function googleGenaiSdk(values: Values): RecipeSnippet[] {
  const p = literals(values, pythonString, values.origin);
  const j = literals(values, jsString, values.origin);
  const python = [
    '# pip install google-genai',
    'from google import genai',
    '',
    `client = genai.Client(api_key=${p.key}, http_options={"base_url": ${p.base}})`,
    `response = client.models.generate_content(model=${p.model}, contents=${p.prompt})`,
    'print(response.text)',
  ];
  const node = [
    '// npm install @google/genai; node genai-example.mjs',
    "import { GoogleGenAI } from '@google/genai';",
    '',
    `const ai = new GoogleGenAI({ apiKey: ${j.key}, httpOptions: { baseUrl: ${j.base} } });`,
    `const response = await ai.models.generateContent({ model: ${j.model}, contents: ${j.prompt} });`,
    'console.log(response.text);',
  ];
  return [code('python', 'python', python), code('node', 'javascript', node)];
}

// ---- curl -------------------------------------------------------------------------------------

/** One request per surface, each with that vendor's own key header (AIHub reads them all). */
function curl(values: Values): RecipeSnippet[] {
  const request = (url: string, headers: string[], body: unknown): string[] => [
    `curl ${shellWord(url)} \\`,
    ...headers.map((header) => `  -H ${shellWord(header)} \\`),
    "  -H 'Content-Type: application/json' \\",
    `  -d ${shellWord(JSON.stringify(body))}`,
  ];
  const user = [{ role: 'user', content: SAMPLE_PROMPT }];
  return [
    code(
      'curl-chat-completions',
      'bash',
      request(`${values.origin}/v1/chat/completions`, [`Authorization: Bearer ${values.key}`], {
        model: values.model,
        messages: user,
      }),
    ),
    code(
      'curl-responses',
      'bash',
      request(`${values.origin}/v1/responses`, [`Authorization: Bearer ${values.key}`], {
        model: values.model,
        input: SAMPLE_PROMPT,
      }),
    ),
    code(
      'curl-messages',
      'bash',
      request(`${values.origin}/v1/messages`, [`x-api-key: ${values.key}`, 'anthropic-version: 2023-06-01'], {
        model: values.model,
        max_tokens: 1024,
        messages: user,
      }),
    ),
    code(
      'curl-gemini',
      'bash',
      request(`${values.origin}/v1beta/models/${values.model}:generateContent`, [`x-goog-api-key: ${values.key}`], {
        contents: [{ role: 'user', parts: [{ text: SAMPLE_PROMPT }] }],
      }),
    ),
  ];
}

/** Gemini CLI's documentation requires an https base URL unless it is this machine. */
function httpsOrLoopback(origin: string): boolean {
  try {
    const url = new URL(origin);
    if (url.protocol === 'https:') return true;
    return ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  } catch {
    return false;
  }
}
