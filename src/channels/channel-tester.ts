import { type ChatRequest, type ChatResult, GatewayError } from '../ir/index.js';
import type { Provider, ProviderContext, ProviderId } from '../providers/provider.js';
import type { Channel, ChannelKey } from '../routing/channel.js';
import type { ModelDirectory } from '../routing/model-directory.js';
import { readBodyText, sendUpstream } from '../upstream/http-client.js';
import { defaultTestModel } from './test-models.js';

export interface ChannelTestDeps {
  providers: Record<ProviderId, Provider>;
  /** Milliseconds; injected so latency is measured on the same clock as everything else. */
  now: () => number;
  generateId?: (prefix: string) => string;
  /** For the model's output limit and, for vendors without a default test model, a model id. */
  directory?: ModelDirectory;
}

export interface ChannelTestOptions {
  /** Client-side model name (the channel's mapping applies); default: see defaultTestModel. */
  model?: string;
  /** Which key of `channel.keys` to use; default the first (the first enabled one). */
  keyId?: string;
  signal?: AbortSignal;
  /** Gives up after this long (default 30 s): a test must answer while the admin waits. */
  timeoutMs?: number;
  deps: ChannelTestDeps;
}

export interface ChannelTestError {
  /** A GatewayError kind (`authentication`, `insufficient_quota`, `upstream_timeout`...). */
  kind: string;
  code: string | null;
  message: string;
}

export interface ChannelTestResult {
  ok: boolean;
  channelId: string;
  keyId: string | null;
  /** The model asked for, and what was sent upstream after the channel's mapping. */
  model: string;
  upstreamModel: string;
  latencyMs: number;
  /** The upstream's HTTP status, when it answered. */
  status?: number;
  /** The start of the answer text. */
  answer?: string;
  error?: ChannelTestError;
}

const PROMPT = 'Say OK';
const MAX_TOKENS = 8;

/**
 * Sends one tiny real request ("Say OK", 8 tokens, not streamed) through the same provider
 * encoding and HTTP client as the relay, and reports latency and the error if any. Upstream
 * failures are results, not exceptions: the admin wants to read them.
 */
export async function testChannel(channel: Channel, options: ChannelTestOptions): Promise<ChannelTestResult> {
  const { deps } = options;
  const model = options.model ?? defaultTestModel(channel, options.deps.directory);
  const upstreamModel = model ? (channel.modelMapping[model] ?? model) : '';
  const key = options.keyId ? channel.keys.find((item) => item.id === options.keyId) : channel.keys[0];
  const base = { ok: false, channelId: channel.id, keyId: key?.id ?? null, model: model ?? '', upstreamModel };
  if (!model) return { ...base, latencyMs: 0, error: failure('invalid_request', 'model_required', NO_MODEL) };
  if (!key) return { ...base, latencyMs: 0, error: failure('no_channel', 'no_enabled_key', NO_KEY) };

  const timeout = AbortSignal.timeout(options.timeoutMs ?? 30_000);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const started = deps.now();
  let status: number | undefined;
  try {
    const provider = deps.providers[channel.provider];
    const context = testContext(channel, key, upstreamModel, deps);
    const encoded = provider.encodeRequest(tinyRequest(upstreamModel), context);
    const response = await sendUpstream(encoded.http, signal, channel.timeouts);
    status = response.status;
    const text = await readBodyText(response.body);
    if (status < 200 || status >= 300) throw provider.decodeError(status, response.headers, text);
    const result = provider.decodeResponse(parseJson(text), context);
    return { ...base, ok: true, latencyMs: deps.now() - started, status, answer: answerText(result) };
  } catch (error) {
    const latencyMs = deps.now() - started;
    const reported = timeout.aborted && !options.signal?.aborted ? timedOut() : error;
    return { ...base, latencyMs, ...(status ? { status } : {}), error: describe(reported, key) };
  }
}

const NO_MODEL = 'No model to test with: pass one (the channel lists only globs and its vendor has no default).';
const NO_KEY = 'The channel has no enabled key to test with.';

function tinyRequest(model: string): ChatRequest {
  return {
    model,
    messages: [{ role: 'user', content: [{ type: 'text', text: PROMPT }] }],
    maxOutputTokens: MAX_TOKENS,
    stream: false,
    includeUsage: false,
  };
}

function testContext(channel: Channel, key: ChannelKey, model: string, deps: ChannelTestDeps): ProviderContext {
  const context: ProviderContext = {
    target: { baseUrl: channel.baseUrl, apiKey: key.key, model },
    generateId: deps.generateId ?? ((prefix) => `${prefix}test`),
    now: deps.now,
  };
  if (channel.headers) context.target.headers = channel.headers;
  if (channel.compat) context.compat = channel.compat;
  const maxOutputTokens = deps.directory?.maxOutputTokens(channel.vendor, model);
  if (maxOutputTokens) context.model = { maxOutputTokens };
  return context;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new GatewayError({
      kind: 'upstream_error',
      message: 'The upstream answered with a body that is not JSON.',
      code: 'upstream_invalid_response',
      cause,
    });
  }
}

function answerText(result: ChatResult): string {
  const parts = result.choices[0]?.content ?? [];
  const text = parts.map((part) => (part.type === 'text' ? part.text : '')).join('');
  return text.slice(0, 200);
}

function timedOut(): GatewayError {
  return new GatewayError({
    kind: 'upstream_timeout',
    message: 'The upstream did not answer the test request in time.',
    code: 'test_timeout',
  });
}

/** The error as admins see it; the key itself is scrubbed in case the upstream echoes it back. */
function describe(error: unknown, key: ChannelKey): ChannelTestError {
  const scrub = (text: string) => (key.key.length >= 8 ? text.split(key.key).join('***') : text);
  if (error instanceof GatewayError) return failure(error.kind, error.code, scrub(error.message));
  return failure('internal', null, scrub(error instanceof Error ? error.message : String(error)));
}

function failure(kind: string, code: string | null, message: string): ChannelTestError {
  return { kind, code, message };
}
