import { type ChatRequest, type ChatResult, GatewayError } from '../ir/index.js';
import { probeMjChannel } from '../relay/midjourney/mj-channel-probe.js';
import { openProviderCall, type ProviderCallDeps, readJsonBody } from '../relay/provider-call.js';
import type { Channel, ChannelKey } from '../routing/channel.js';
import { channelTestKind } from './channel-test-kind.js';
import { probeRerankChannel } from './rerank-probe.js';
import { defaultTestModel } from './test-models.js';

/**
 * The relay's own provider-call dependencies (the same object: its `directory` is read at each
 * test, so a test after a catalog change sees the new catalog).
 */
export type ChannelTestDeps = ProviderCallDeps;

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
 * Sends one tiny real request through the relay's own provider call (same encoding, HTTP client,
 * timeouts and proxy), and reports latency and the error if any: "Say OK" in 8 tokens, not
 * streamed, or for a rerank-only channel a two-document rerank (channel-test-kind.ts). Upstream
 * failures are results, not exceptions: the admin wants to read them.
 */
export async function testChannel(channel: Channel, options: ChannelTestOptions): Promise<ChannelTestResult> {
  const { deps } = options;
  const model = options.model ?? defaultTestModel(channel, deps.directory);
  const upstreamModel = model ? (channel.modelMapping[model] ?? model) : '';
  const key = options.keyId ? channel.keys.find((item) => item.id === options.keyId) : channel.keys[0];
  const base = { ok: false, channelId: channel.id, keyId: key?.id ?? null, model: model ?? '', upstreamModel };
  if (!key) return { ...base, latencyMs: 0, error: failure('no_channel', 'no_enabled_key', NO_KEY) };
  const kind = channelTestKind(channel, upstreamModel, deps);
  // A Midjourney proxy serves no chat: its test is a task lookup that submits (and costs) nothing.
  if (kind === 'midjourney-lookup') {
    const tested = { ...base, model: model || MJ_MODEL, upstreamModel: upstreamModel || MJ_MODEL };
    return runProbe(tested, key, options, async (signal, heard) => {
      const answer = await probeMjChannel(channel, key, signal);
      heard(200);
      return answer;
    });
  }
  if (!model) return { ...base, latencyMs: 0, error: failure('invalid_request', 'model_required', NO_MODEL) };
  const target = { channel, apiKey: key.key, upstreamModel };
  if (kind === 'rerank') {
    return runProbe(base, key, options, async (signal, heard) => {
      const answer = await probeRerankChannel(target, deps, signal);
      heard(200);
      return answer;
    });
  }
  return runProbe(base, key, options, async (signal, heard) => {
    const call = await openProviderCall(tinyRequest(upstreamModel), target, deps, signal);
    heard(call.response.status);
    return answerText(call.decodeResponse(await readJsonBody(call.response)));
  });
}

/**
 * Asks the upstream one question and tells how it went. `heard` is called with the HTTP status
 * as soon as the upstream answers, so a 200 whose body cannot be read still reports it.
 */
type Probe = (signal: AbortSignal, heard: (status: number) => void) => Promise<string>;

/** Runs a probe under the test's deadline and the admin's abort, timed with the injected clock. */
async function runProbe(
  base: Omit<ChannelTestResult, 'latencyMs'>,
  key: ChannelKey,
  options: ChannelTestOptions,
  probe: Probe,
): Promise<ChannelTestResult> {
  const timeout = AbortSignal.timeout(options.timeoutMs ?? 30_000);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const started = options.deps.now();
  let status: number | undefined;
  try {
    const answer = await probe(signal, (heard) => {
      status = heard;
    });
    return { ...base, ok: true, latencyMs: options.deps.now() - started, ...(status ? { status } : {}), answer };
  } catch (error) {
    const latencyMs = options.deps.now() - started;
    status ??= error instanceof GatewayError ? error.upstreamStatus : undefined;
    const reported = timeout.aborted && !options.signal?.aborted ? timedOut() : error;
    return { ...base, latencyMs, ...(status ? { status } : {}), error: describe(reported, key) };
  }
}

const MJ_MODEL = 'midjourney';
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
