/**
 * What each target is sent in each scenario: the same short conversation from the client's side,
 * as an OpenAI Chat Completions request or (the `messages*` scenarios, issue 12) as an Anthropic
 * Messages request the way the Anthropic SDK sends it, addressed the way each target expects
 * (direct to the emulator in the vendor's own format; the floor; AIHub with user keys; Portkey
 * with its routing headers).
 */
export type ScenarioId =
  | 'nonstream'
  | 'stream'
  | 'translated'
  | 'gemini'
  | 'messages'
  | 'messages-stream'
  | 'messages-openai'
  | 'messages-openai-stream'
  | 'embeddings'
  | 'images';
export type TargetKind = 'direct' | 'floor' | 'aihub' | 'portkey';

export interface Upstreams {
  /** `http://127.0.0.1:PORT/v1` */
  openai: string;
  /** `http://127.0.0.1:PORT` */
  anthropic: string;
  gemini: string;
}

export interface TargetRef {
  kind: TargetKind;
  /** The gateway's origin (not used for `direct`). */
  origin?: string;
  /** AIHub user keys, rotated per request. */
  keys?: string[];
}

export interface HttpLoad {
  url: string;
  headers: Record<string, string>;
  /** Request bodies, cycled per request. */
  bodies: string[];
  /** AIHub keys, cycled per request. */
  keys?: string[];
  /**
   * How the key is sent: `Authorization: Bearer` (OpenAI's SDK; the default) or `x-api-key`
   * (Anthropic's SDK), so the Messages rows authenticate the way their clients do.
   */
  keyHeader?: KeyHeader;
  stream: boolean;
}

export type KeyHeader = 'authorization' | 'x-api-key';

/** The header (lower-case name and value) that carries `key` for a load. */
export function keyHeaderFor(load: Pick<HttpLoad, 'keyHeader'>, key: string): [string, string] {
  return load.keyHeader === 'x-api-key' ? ['x-api-key', key] : ['authorization', `Bearer ${key}`];
}

export const SCENARIOS: Record<ScenarioId, { title: string; stream: boolean }> = {
  nonstream: { title: 'non-streaming (OpenAI client, OpenAI upstream)', stream: false },
  stream: { title: 'streaming passthrough (OpenAI client, OpenAI upstream)', stream: true },
  translated: { title: 'streaming translated (OpenAI client, Anthropic upstream)', stream: true },
  gemini: { title: 'streaming translated (OpenAI client, Gemini upstream)', stream: true },
  messages: { title: 'Messages pass-through, non-streaming (Anthropic client, Anthropic upstream)', stream: false },
  'messages-stream': {
    title: 'Messages pass-through, streaming (Anthropic client, Anthropic upstream)',
    stream: true,
  },
  'messages-openai': {
    title: 'Messages translated, non-streaming (Anthropic client, OpenAI upstream)',
    stream: false,
  },
  'messages-openai-stream': {
    title: 'Messages translated, streaming (Anthropic client, OpenAI upstream)',
    stream: true,
  },
  embeddings: { title: 'embeddings, a batch of 16 inputs (OpenAI client, OpenAI upstream)', stream: false },
  images: { title: 'image generation, b64 answer (OpenAI client, OpenAI upstream)', stream: false },
};

/** The scenarios whose client speaks Anthropic Messages (`POST /v1/messages`). */
export function isMessagesScenario(scenario: ScenarioId): boolean {
  return scenario.startsWith('messages');
}

const UPSTREAM_KEY = 'test-key';
const SYSTEM = 'You are a helpful assistant. Answer in one short sentence.';
const USER = 'Write one sentence about why benchmarks should be measured side by side with a baseline.';
const messages = [
  { role: 'system', content: SYSTEM },
  { role: 'user', content: USER },
];
const streamFields = { stream: true, stream_options: { include_usage: true } };
const ANTHROPIC_VERSION = '2023-06-01';

/** An Anthropic Messages request as the Anthropic SDK sends it: system apart, max_tokens required. */
function messagesBody(model: string, stream: boolean): Record<string, unknown> {
  return {
    model,
    max_tokens: 256,
    system: SYSTEM,
    messages: [{ role: 'user', content: USER }],
    ...(stream ? { stream: true } : {}),
  };
}

/** Sixteen short passages, as a retrieval pipeline embeds a batch of chunks. */
const EMBEDDING_INPUTS = Array.from(
  { length: 16 },
  (_, index) => `Passage ${index + 1}: benchmarks are measured side by side with a baseline on the same machine.`,
);

/** OpenAI's documented generation request for a small image, answered inline as base64. */
const IMAGE_REQUEST = {
  model: 'dall-e-2',
  prompt: 'A lighthouse on a rocky coast at dusk, flat colors',
  n: 1,
  size: '256x256',
  response_format: 'b64_json',
};

/** The path a scenario's client posts to, on AIHub (and, after `/v1`, on the OpenAI upstream). */
export function clientPath(scenario: ScenarioId): string {
  if (isMessagesScenario(scenario)) return '/v1/messages';
  if (scenario === 'embeddings') return '/v1/embeddings';
  if (scenario === 'images') return '/v1/images/generations';
  return '/v1/chat/completions';
}

/** The headers the Anthropic SDK sends besides its key. */
const messagesHeaders = { 'content-type': 'application/json', 'anthropic-version': ANTHROPIC_VERSION };

/** The client's request (OpenAI Chat Completions, or Anthropic Messages) for a scenario. */
export function clientBody(scenario: ScenarioId): Record<string, unknown> {
  switch (scenario) {
    case 'messages':
      return messagesBody('claude-sonnet-4-5', false);
    case 'messages-stream':
      return messagesBody('claude-sonnet-4-5', true);
    case 'messages-openai':
      return messagesBody('gpt-4o-mini', false);
    case 'messages-openai-stream':
      return messagesBody('gpt-4o-mini', true);
    case 'nonstream':
      return { model: 'gpt-4o-mini', messages };
    case 'stream':
      return { model: 'gpt-4o-mini', messages, ...streamFields };
    case 'translated':
      return { model: 'claude-sonnet-4-5', max_tokens: 256, messages, ...streamFields };
    case 'gemini':
      return { model: 'gemini-2.5-flash', max_tokens: 256, messages, ...streamFields };
    case 'embeddings':
      return { model: 'text-embedding-3-small', input: EMBEDDING_INPUTS, encoding_format: 'float' };
    case 'images':
      return IMAGE_REQUEST;
  }
}

/** The same request sent straight to the emulator, in the upstream vendor's own format. */
function directLoad(scenario: ScenarioId, up: Upstreams): HttpLoad {
  const stream = SCENARIOS[scenario].stream;
  if (scenario === 'embeddings' || scenario === 'images') {
    // OpenAI's own endpoint: the emulator gets exactly what the client sends AIHub.
    return {
      url: `${up.openai}${clientPath(scenario).replace(/^\/v1/, '')}`,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${UPSTREAM_KEY}` },
      bodies: [JSON.stringify(clientBody(scenario))],
      stream,
    };
  }
  if (scenario === 'messages' || scenario === 'messages-stream') {
    // Pass-through: the emulator gets exactly what the client sends AIHub.
    return {
      url: `${up.anthropic}/v1/messages`,
      headers: { ...messagesHeaders, 'x-api-key': UPSTREAM_KEY },
      bodies: [JSON.stringify(clientBody(scenario))],
      stream,
    };
  }
  if (scenario === 'messages-openai' || scenario === 'messages-openai-stream') {
    // The same conversation in the upstream's own format (what AIHub translates to).
    return {
      url: `${up.openai}/chat/completions`,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${UPSTREAM_KEY}` },
      bodies: [JSON.stringify(clientBody(stream ? 'stream' : 'nonstream'))],
      stream,
    };
  }
  if (scenario === 'translated') {
    return {
      url: `${up.anthropic}/v1/messages`,
      headers: { 'content-type': 'application/json', 'x-api-key': UPSTREAM_KEY, 'anthropic-version': '2023-06-01' },
      bodies: [
        JSON.stringify({
          model: 'claude-sonnet-4-5',
          max_tokens: 256,
          system: SYSTEM,
          messages: [{ role: 'user', content: USER }],
          stream: true,
        }),
      ],
      stream,
    };
  }
  if (scenario === 'gemini') {
    return {
      url: `${up.gemini}/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse`,
      headers: { 'content-type': 'application/json', 'x-goog-api-key': UPSTREAM_KEY },
      bodies: [
        JSON.stringify({
          systemInstruction: { parts: [{ text: SYSTEM }] },
          contents: [{ role: 'user', parts: [{ text: USER }] }],
          generationConfig: { maxOutputTokens: 256 },
        }),
      ],
      stream,
    };
  }
  return {
    url: `${up.openai}/chat/completions`,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${UPSTREAM_KEY}` },
    bodies: [JSON.stringify(clientBody(scenario))],
    stream,
  };
}

/** Portkey's routing headers for the scenario's upstream (its provider presets, custom host). */
function portkeyHeaders(scenario: ScenarioId, up: Upstreams): Record<string, string> {
  const route =
    scenario === 'translated' || scenario === 'messages' || scenario === 'messages-stream'
      ? { provider: 'anthropic', host: `${up.anthropic}/v1` }
      : scenario === 'gemini'
        ? { provider: 'google', host: `${up.gemini}/v1beta` }
        : { provider: 'openai', host: up.openai };
  return {
    'content-type': 'application/json',
    authorization: `Bearer ${UPSTREAM_KEY}`,
    'x-portkey-provider': route.provider,
    'x-portkey-custom-host': route.host,
  };
}

/** The load for one target and scenario; undefined when the target cannot do it (the floor does not translate). */
export function loadFor(target: TargetRef, scenario: ScenarioId, up: Upstreams): HttpLoad | undefined {
  const stream = SCENARIOS[scenario].stream;
  const body = JSON.stringify(clientBody(scenario));
  const messages = isMessagesScenario(scenario);
  const path = clientPath(scenario);
  switch (target.kind) {
    case 'direct':
      return directLoad(scenario, up);
    case 'floor':
      // The floor forwards OpenAI's own endpoints; it translates nothing.
      if (!['nonstream', 'stream', 'embeddings', 'images'].includes(scenario)) return undefined;
      return {
        url: `${target.origin}${path}`,
        headers: { 'content-type': 'application/json' },
        bodies: [body],
        stream,
      };
    case 'aihub':
      return {
        url: `${target.origin}${path}`,
        headers: messages ? messagesHeaders : { 'content-type': 'application/json' },
        bodies: [body],
        keys: target.keys,
        ...(messages ? { keyHeader: 'x-api-key' as const } : {}),
        stream,
      };
    case 'portkey':
      return {
        url: `${target.origin}${path}`,
        headers: { ...portkeyHeaders(scenario, up), ...(messages ? { 'anthropic-version': ANTHROPIC_VERSION } : {}) },
        bodies: [body],
        stream,
      };
  }
}
