import { audioMetering, transcriptionCharge, transcriptionWorst } from '../audio/audio-charge.js';
import type { AudioUsage } from '../audio/audio-usage.js';
import { openAITranscriptUsage, renderTranscript } from '../audio/transcript-render.js';
import type { TranscriptionRequest } from '../audio/transcription-types.js';
import { wavDurationSeconds } from '../audio/wav.js';
import { countTokens } from '../billing/token-estimate.js';
import { GatewayError } from '../ir/index.js';
import type { SseEvent, TranscriptAnswer, TranscriptionCodec } from '../providers/provider.js';
import { selectRoute } from '../routing/channel-selector.js';
import type { RouteCandidate } from '../routing/model-router.js';
import { readBodyText, type UpstreamResponse, type UpstreamSignal } from '../upstream/http-client.js';
import { readSseEvents } from '../upstream/sse-reader.js';
import { upstreamFault } from '../upstream/upstream-fault.js';
import { admitRequest } from './admit-request.js';
import { type PlannedAttempt, planAttempts } from './attempt-plan.js';
import { runAttemptSeries } from './attempt-series.js';
import { holdAudio } from './audio-hold.js';
import type { AudioSink } from './audio-sink.js';
import { sendMarked } from './json-attempts.js';
import { assertModelAllowed } from './model-permission.js';
import { providerContext } from './provider-call.js';
import type { RelayDeps } from './relay-deps.js';
import type { RelayCaller } from './relay-ports.js';
import type { RelayTrace } from './relay-trace.js';
import { servingRoutes } from './serving-routes.js';

export interface TranscriptionContext {
  requestId: string;
  caller: RelayCaller;
  request: TranscriptionRequest;
  trace: RelayTrace;
  sink: AudioSink;
  headers?: Record<string, string>;
}

type OpenedTranscript =
  | {
      kind: 'events';
      response: UpstreamResponse;
      eventUsage: (event: SseEvent) => AudioUsage | undefined;
      served: string;
    }
  | { kind: 'answer'; answer: TranscriptAnswer; served: string };

/** A transcript's JSON or text is small: 16 MB is far above any hour of speech. */
const TRANSCRIPT_MAX_BYTES = 16 * 1024 * 1024;

/** Audio tokens a second as the vendors bill them (media-bounds.ts): the estimate when no usage comes back. */
const ESTIMATED_AUDIO_TOKENS_PER_SECOND = { openai: 10, gemini: 32 } as const;

/**
 * One `POST /v1/audio/transcriptions` or `/translations` through the relay's parts, like speech:
 * model rules, rate limits, failover before the answer starts, a hold of the worst charge (the
 * file's size bounds its seconds and tokens, audio-charge.ts) and one settlement from the
 * vendor's duration or usage. The answer is shaped into the client's format; a streamed
 * transcript's events are relayed as they arrive.
 */
export async function transcriptionRequest(context: TranscriptionContext, deps: RelayDeps): Promise<void> {
  const { caller, trace, request } = context;
  trace.request = {
    model: request.model,
    messages: request.prompt ? [{ role: 'user', content: [{ type: 'text', text: request.prompt }] }] : [],
    stream: request.stream,
    includeUsage: false,
  };
  assertModelAllowed(caller, request.model);
  const candidates = servingRoutes(deps, caller, request.model, {
    serves: (candidate) => deps.providers[candidate.channel.provider].transcription !== undefined,
    offering: 'offers transcriptions',
  });
  const ticket = await admitRequest(
    deps,
    caller,
    request.model,
    countTokens(request.prompt ?? '') + Math.ceil(request.file.bytes.length / 1024),
  );
  let billed = 0;
  try {
    billed = await transcribeAdmitted(candidates, { ...context, headers: ticket.headers }, deps);
  } finally {
    ticket.release(billed);
  }
}

async function transcribeAdmitted(
  candidates: RouteCandidate[],
  context: TranscriptionContext,
  deps: RelayDeps,
): Promise<number> {
  const { trace, caller, sink, request } = context;
  const selection = selectRoute(candidates, { health: deps.routeHealth, random: deps.random });
  const route = selection.channels[0] ?? selection.lastResort?.candidate ?? candidates[0];
  const metering = audioMetering(route.upstreamModel);
  const maxOutput = deps.directory.maxOutputTokens(route.channel.vendor, route.upstreamModel);
  const worst = transcriptionWorst(request, metering, maxOutput);
  const hold = await holdAudio(
    { requestId: context.requestId, caller, model: request.model, route, worst },
    trace,
    deps,
  );
  let opened: OpenedTranscript;
  try {
    const plan = planAttempts(selection, deps);
    opened = await runAttemptSeries(plan, { ...context, signal: sink.signal }, deps, (attempt, signal) =>
      openTranscription(request, attempt, deps, signal),
    );
  } catch (error) {
    await hold.settle(undefined, false);
    throw error;
  }
  const family = route.channel.provider === 'gemini' ? 'gemini' : 'openai';
  const estimateOf = (text: string) => {
    const seconds = wavDurationSeconds(request.file.bytes);
    const audioTokens =
      seconds !== undefined ? Math.ceil(seconds * ESTIMATED_AUDIO_TOKENS_PER_SECOND[family]) : worst.inputTokens;
    return { inputTokens: audioTokens + countTokens(request.prompt ?? ''), outputTokens: countTokens(text) };
  };
  if (opened.kind === 'events') {
    let delivered = { text: '', usage: undefined as AudioUsage | undefined };
    try {
      delivered = await relayTranscriptEvents(opened, context, delivered);
    } catch (error) {
      const { charge } = transcriptionCharge(request, metering, undefined, estimateOf(delivered.text));
      await hold.settle(charge, true, opened.served);
      sink.abort();
      throw error;
    }
    const { charge, estimated } = transcriptionCharge(request, metering, delivered.usage, estimateOf(delivered.text));
    await hold.settle(charge, estimated, opened.served);
    sink.end();
    return charge.inputTokens + charge.outputTokens;
  }
  const { answer } = opened;
  const text = 'result' in answer ? answer.result.text : answer.verbatim;
  const usage = 'result' in answer ? answer.result.usage : undefined;
  const { charge, estimated } = transcriptionCharge(request, metering, usage, estimateOf(text));
  await hold.settle(charge, estimated, opened.served);
  await writeTranscript(answer, charge.units?.audio_second, context);
  sink.end();
  return charge.inputTokens + charge.outputTokens;
}

/** One upstream call; returns once its answer is open (a whole answer read and decoded). */
async function openTranscription(
  request: TranscriptionRequest,
  attempt: PlannedAttempt,
  deps: RelayDeps,
  signal: UpstreamSignal,
): Promise<OpenedTranscript> {
  const provider = deps.providers[attempt.channel.provider];
  const codec = provider.transcription as TranscriptionCodec;
  const encoded = codec.encode(request, providerContext(attempt, deps));
  const response = await sendMarked(provider, encoded, attempt, signal);
  const served = attempt.upstreamModel;
  if (request.stream && codec.streamEventUsage) {
    return { kind: 'events', response, eventUsage: codec.streamEventUsage, served };
  }
  try {
    const text = await readBodyText(response.body, TRANSCRIPT_MAX_BYTES);
    return { kind: 'answer', answer: codec.decode(text, request, attempt.upstreamModel), served };
  } catch (error) {
    throw error instanceof GatewayError ? upstreamFault(error) : error;
  }
}

function sseFrame(data: unknown): string {
  return `data: ${JSON.stringify(data)}\n\n`;
}

/** OpenAI's transcript events, relayed as they arrive; the text and usage read on the side. */
async function relayTranscriptEvents(
  opened: Extract<OpenedTranscript, { kind: 'events' }>,
  context: TranscriptionContext,
  delivered: { text: string; usage: AudioUsage | undefined },
): Promise<{ text: string; usage: AudioUsage | undefined }> {
  const { sink } = context;
  sink.start('text/event-stream; charset=utf-8', context.headers ?? {});
  for await (const event of readSseEvents(opened.response.body)) {
    delivered.usage = opened.eventUsage(event) ?? delivered.usage;
    if (event.data.includes('transcript.text.delta')) {
      try {
        const delta = (JSON.parse(event.data) as { delta?: unknown }).delta;
        if (typeof delta === 'string') delivered.text += delta;
      } catch {
        // Not JSON: relayed as is, not counted.
      }
    }
    await sink.write(`${event.event ? `event: ${event.event}\n` : ''}data: ${event.data}\n\n`);
  }
  return delivered;
}

/**
 * The whole answer in the client's format: shaped from the transcript (whisper-1's seconds in
 * OpenAI's `usage`, as it reports them), or the vendor's srt/vtt as is; for a streaming client of
 * a vendor that does not stream transcripts (Gemini), OpenAI's two events, delta and done.
 */
async function writeTranscript(
  answer: TranscriptAnswer,
  billedSeconds: number | undefined,
  context: TranscriptionContext,
): Promise<void> {
  const { sink, request } = context;
  const headers = context.headers ?? {};
  if (!('result' in answer)) {
    sink.start('text/plain; charset=utf-8', headers);
    await sink.write(answer.verbatim);
    return;
  }
  const result = { ...answer.result };
  if (!result.usage && billedSeconds !== undefined) result.usage = { seconds: billedSeconds };
  if (request.stream) {
    sink.start('text/event-stream; charset=utf-8', headers);
    await sink.write(sseFrame({ type: 'transcript.text.delta', delta: result.text }));
    const done: Record<string, unknown> = { type: 'transcript.text.done', text: result.text };
    const usage = openAITranscriptUsage(result.usage);
    if (usage) done.usage = usage;
    await sink.write(sseFrame(done));
    return;
  }
  const rendered = renderTranscript(result, request.format, request.task);
  sink.start(rendered.contentType, headers);
  await sink.write(rendered.body);
}
