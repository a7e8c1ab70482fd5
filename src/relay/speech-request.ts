import { audioMetering, speechCharge, speechWorst } from '../audio/audio-charge.js';
import type { AudioUsage } from '../audio/audio-usage.js';
import { decodeSpeechRequest } from '../audio/speech-request.js';
import { SPEECH_CONTENT_TYPES, type SpeechRequest } from '../audio/speech-types.js';
import { wavHeader } from '../audio/wav.js';
import { countTokens } from '../billing/token-estimate.js';
import { type ChatRequest, GatewayError } from '../ir/index.js';
import type { SpeechCodec, SseEvent } from '../providers/provider.js';
import { selectRoute } from '../routing/channel-selector.js';
import type { RouteCandidate } from '../routing/model-router.js';
import type { UpstreamResponse, UpstreamSignal } from '../upstream/http-client.js';
import { readSseEvents } from '../upstream/sse-reader.js';
import { upstreamFault } from '../upstream/upstream-fault.js';
import { admitRequest } from './admit-request.js';
import { type PlannedAttempt, planAttempts } from './attempt-plan.js';
import { runAttemptSeries } from './attempt-series.js';
import { holdAudio } from './audio-hold.js';
import type { AudioSink } from './audio-sink.js';
import { sendMarked } from './json-attempts.js';
import { assertModelAllowed } from './model-permission.js';
import { providerContext, readJsonBody } from './provider-call.js';
import type { RelayDeps } from './relay-deps.js';
import type { RelayCaller } from './relay-ports.js';
import type { RelayTrace } from './relay-trace.js';
import { servingRoutes } from './serving-routes.js';

export interface SpeechContext {
  requestId: string;
  caller: RelayCaller;
  body: unknown;
  trace: RelayTrace;
  sink: AudioSink;
  /** `x-ratelimit-*` and similar headers AIHub adds to the answer. */
  headers?: Record<string, string>;
}

/** An upstream answer, open: bytes or events still to stream (OpenAI), or the whole PCM (Gemini). */
type OpenedSpeech =
  | {
      kind: 'stream';
      response: UpstreamResponse;
      eventUsage: (event: SseEvent) => AudioUsage | undefined;
      served: string;
    }
  | { kind: 'pcm'; audio: Buffer; usage?: AudioUsage; served: string };

/**
 * One `POST /v1/audio/speech` through the relay's parts: the key's model rules, rate limits (the
 * text's tokens against TPM), routing with failover across channels (a 429 or 5xx before the
 * answer starts moves on), a hold of the worst charge (audio-charge.ts) and one settlement from
 * the vendor's usage or characters. The audio reaches the client as the upstream sends it, never
 * buffered whole (Gemini's one JSON answer excepted: it holds the whole clip).
 */
export async function speechRequest(context: SpeechContext, deps: RelayDeps): Promise<void> {
  const { caller, trace } = context;
  const request = decodeSpeechRequest(context.body);
  trace.request = speechTraceRequest(request);
  assertModelAllowed(caller, request.model);
  const candidates = servingRoutes(deps, caller, request.model, {
    serves: (candidate) => deps.providers[candidate.channel.provider].speech !== undefined,
    offering: 'offers speech',
  });
  const textTokens = countTokens(`${request.instructions ?? ''}${request.input}`);
  const ticket = await admitRequest(deps, caller, request.model, textTokens);
  let billed = 0;
  try {
    billed = await speakAdmitted(request, candidates, textTokens, { ...context, headers: ticket.headers }, deps);
  } finally {
    ticket.release(billed);
  }
}

function speechTraceRequest(request: SpeechRequest): ChatRequest {
  return {
    model: request.model,
    messages: [{ role: 'user', content: [{ type: 'text', text: request.input }] }],
    stream: true,
    includeUsage: false,
  };
}

/** Hold, open the first channel that answers, stream, settle. Returns the tokens billed. */
async function speakAdmitted(
  request: SpeechRequest,
  candidates: RouteCandidate[],
  textTokens: number,
  context: SpeechContext,
  deps: RelayDeps,
): Promise<number> {
  const { trace, caller, sink } = context;
  const selection = selectRoute(candidates, { health: deps.routeHealth, random: deps.random });
  const route = selection.channels[0] ?? selection.lastResort?.candidate ?? candidates[0];
  const metering = audioMetering(route.upstreamModel);
  const family = route.channel.provider === 'gemini' ? 'gemini' : 'openai';
  const maxOutput = deps.directory.maxOutputTokens(route.channel.vendor, route.upstreamModel);
  const worst = speechWorst(request, metering, family, maxOutput);
  const hold = await holdAudio(
    { requestId: context.requestId, caller, model: request.model, route, worst },
    trace,
    deps,
  );
  let opened: OpenedSpeech;
  try {
    const plan = planAttempts(selection, deps);
    opened = await runAttemptSeries(plan, { ...context, signal: sink.signal }, deps, (attempt, signal) =>
      openSpeech(request, attempt, deps, signal),
    );
  } catch (error) {
    await hold.settle(undefined, false);
    throw error;
  }
  let usage: AudioUsage | undefined;
  try {
    usage = await deliverSpeech(request, opened, context);
  } catch (error) {
    // Cut short after the answer began: what was delivered is charged, estimated; the client sees the cut.
    const { charge } = speechCharge(request, metering, undefined, textTokens);
    await hold.settle(charge, true, opened.served);
    sink.abort();
    throw error;
  }
  const { charge, estimated } = speechCharge(request, metering, usage, textTokens);
  await hold.settle(charge, estimated, opened.served);
  sink.end();
  return charge.inputTokens + charge.outputTokens;
}

/** One upstream call; returns once its answer is open (Gemini's whole answer read and decoded). */
async function openSpeech(
  request: SpeechRequest,
  attempt: PlannedAttempt,
  deps: RelayDeps,
  signal: UpstreamSignal,
): Promise<OpenedSpeech> {
  const provider = deps.providers[attempt.channel.provider];
  const codec = provider.speech as SpeechCodec;
  const encoded = codec.encode({ ...request, model: request.model }, providerContext(attempt, deps));
  const response = await sendMarked(provider, encoded, attempt, signal);
  const served = attempt.upstreamModel;
  if (codec.answer.kind === 'stream') return { kind: 'stream', response, eventUsage: codec.answer.eventUsage, served };
  try {
    const decoded = codec.answer.decode(await readJsonBody(response));
    const audio =
      request.format === 'wav'
        ? Buffer.concat([wavHeader(decoded.pcm.length, decoded.layout), decoded.pcm])
        : decoded.pcm;
    return decoded.usage ? { kind: 'pcm', audio, usage: decoded.usage, served } : { kind: 'pcm', audio, served };
  } catch (error) {
    throw error instanceof GatewayError ? upstreamFault(error) : error;
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** An SSE event as written to the client. */
function sseFrame(event: SseEvent): string {
  return `${event.event ? `event: ${event.event}\n` : ''}data: ${event.data}\n\n`;
}

/** OpenAI's `speech.audio.done` usage object, for a client that asked for events. */
function openAISpeechUsage(usage: AudioUsage | undefined): Record<string, number> | undefined {
  if (usage?.inputTokens === undefined || usage.outputTokens === undefined) return undefined;
  return {
    input_tokens: usage.inputTokens,
    output_tokens: usage.outputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
  };
}

/**
 * Streams the answer in the form the client asked: the bytes as they arrive, or OpenAI's events
 * as they arrive (their deltas decoded into bytes for a client that asked for bytes), or Gemini's
 * clip in one piece (wrapped in events for `sse`). Returns the usage the answer reported.
 */
async function deliverSpeech(
  request: SpeechRequest,
  opened: OpenedSpeech,
  context: SpeechContext,
): Promise<AudioUsage | undefined> {
  const { sink } = context;
  const headers = context.headers ?? {};
  const audioType = SPEECH_CONTENT_TYPES[request.format];
  if (opened.kind === 'pcm') {
    if (request.streamFormat === 'audio') {
      sink.start(audioType, headers);
      await sink.write(opened.audio);
      return opened.usage;
    }
    sink.start('text/event-stream; charset=utf-8', headers);
    await sink.write(
      sseFrame({ data: JSON.stringify({ type: 'speech.audio.delta', audio: opened.audio.toString('base64') }) }),
    );
    const done: Record<string, unknown> = { type: 'speech.audio.done' };
    const usage = openAISpeechUsage(opened.usage);
    if (usage) done.usage = usage;
    await sink.write(sseFrame({ data: JSON.stringify(done) }));
    return opened.usage;
  }
  const { response } = opened;
  const upstreamType = headerValue(response.headers['content-type']) ?? '';
  if (!upstreamType.includes('text/event-stream')) {
    sink.start(upstreamType.startsWith('audio/') ? upstreamType : audioType, headers);
    for await (const chunk of response.body) await sink.write(chunk as Buffer);
    return undefined;
  }
  sink.start(request.streamFormat === 'sse' ? 'text/event-stream; charset=utf-8' : audioType, headers);
  let usage: AudioUsage | undefined;
  for await (const event of readSseEvents(response.body)) {
    usage = opened.eventUsage(event) ?? usage;
    if (request.streamFormat === 'sse') {
      await sink.write(sseFrame(event));
      continue;
    }
    const audio = speechDeltaAudio(event);
    if (audio) await sink.write(audio);
  }
  return usage;
}

/** The bytes of a `speech.audio.delta` event (base64 `audio`). */
function speechDeltaAudio(event: SseEvent): Buffer | undefined {
  if (!event.data.includes('speech.audio.delta')) return undefined;
  try {
    const parsed = JSON.parse(event.data) as { type?: unknown; audio?: unknown };
    return parsed.type === 'speech.audio.delta' && typeof parsed.audio === 'string'
      ? Buffer.from(parsed.audio, 'base64')
      : undefined;
  } catch {
    return undefined;
  }
}
