/**
 * What each target is sent in each scenario: the same OpenAI Chat Completions request from the
 * client's side, addressed the way each target expects (direct to the emulator in the vendor's
 * own format; the floor; AIHub with user keys; Portkey with its routing headers).
 */
export type ScenarioId = 'nonstream' | 'stream' | 'translated' | 'gemini';
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
  /** Bearer keys, cycled per request (AIHub). */
  keys?: string[];
  stream: boolean;
}

export const SCENARIOS: Record<ScenarioId, { title: string; stream: boolean }> = {
  nonstream: { title: 'non-streaming (OpenAI client, OpenAI upstream)', stream: false },
  stream: { title: 'streaming passthrough (OpenAI client, OpenAI upstream)', stream: true },
  translated: { title: 'streaming translated (OpenAI client, Anthropic upstream)', stream: true },
  gemini: { title: 'streaming translated (OpenAI client, Gemini upstream)', stream: true },
};

const UPSTREAM_KEY = 'test-key';
const SYSTEM = 'You are a helpful assistant. Answer in one short sentence.';
const USER = 'Write one sentence about why benchmarks should be measured side by side with a baseline.';
const messages = [
  { role: 'system', content: SYSTEM },
  { role: 'user', content: USER },
];
const streamFields = { stream: true, stream_options: { include_usage: true } };

/** The client's request (OpenAI Chat Completions) for a scenario. */
export function clientBody(scenario: ScenarioId): Record<string, unknown> {
  switch (scenario) {
    case 'nonstream':
      return { model: 'gpt-4o-mini', messages };
    case 'stream':
      return { model: 'gpt-4o-mini', messages, ...streamFields };
    case 'translated':
      return { model: 'claude-sonnet-4-5', max_tokens: 256, messages, ...streamFields };
    case 'gemini':
      return { model: 'gemini-2.5-flash', max_tokens: 256, messages, ...streamFields };
  }
}

/** The same request sent straight to the emulator, in the upstream vendor's own format. */
function directLoad(scenario: ScenarioId, up: Upstreams): HttpLoad {
  const stream = SCENARIOS[scenario].stream;
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
    scenario === 'translated'
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
  switch (target.kind) {
    case 'direct':
      return directLoad(scenario, up);
    case 'floor':
      if (scenario !== 'nonstream' && scenario !== 'stream') return undefined;
      return {
        url: `${target.origin}/v1/chat/completions`,
        headers: { 'content-type': 'application/json' },
        bodies: [body],
        stream,
      };
    case 'aihub':
      return {
        url: `${target.origin}/v1/chat/completions`,
        headers: { 'content-type': 'application/json' },
        bodies: [body],
        keys: target.keys,
        stream,
      };
    case 'portkey':
      return {
        url: `${target.origin}/v1/chat/completions`,
        headers: portkeyHeaders(scenario, up),
        bodies: [body],
        stream,
      };
  }
}
