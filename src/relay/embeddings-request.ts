import { encodeEmbeddingAnswer } from '../embeddings/embedding-answer.js';
import { decodeEmbeddingRequest } from '../embeddings/embedding-request.js';
import {
  assertWithinOpenAIRequestCap,
  hasOpenAIRequestCap,
  OPENAI_EMBEDDING_REQUEST_TOKENS,
} from '../embeddings/embedding-request-cap.js';
import {
  embeddingAdmissionTokens,
  embeddingHoldRequest,
  embeddingInputBounds,
  embeddingInputTokens,
} from '../embeddings/embedding-tokens.js';
import type { EmbeddingRequest, EmbeddingResult, ForwardableEmbeddings } from '../embeddings/embedding-types.js';
import { type ChatRequest, GatewayError } from '../ir/index.js';
import { selectRoute } from '../routing/channel-selector.js';
import type { RouteCandidate } from '../routing/model-router.js';
import type { UpstreamSignal } from '../upstream/http-client.js';
import { admitRequest } from './admit-request.js';
import { type PlannedAttempt, planAttempts } from './attempt-plan.js';
import { runAttemptSeries } from './attempt-series.js';
import { DeliveryMeter } from './delivery-meter.js';
import { EncodedJson } from './encoded-json.js';
import { decodeUpstream, readMarkedBytes, sendMarked } from './json-attempts.js';
import { assertModelAllowed } from './model-permission.js';
import { parseUpstreamJson, providerContext } from './provider-call.js';
import type { RelayDeps } from './relay-deps.js';
import type { RelayCaller } from './relay-ports.js';
import type { RelayTrace } from './relay-trace.js';
import { servingRoutes } from './serving-routes.js';

export interface EmbeddingsContext {
  requestId: string;
  caller: RelayCaller;
  body: unknown;
  trace: RelayTrace;
  /** Aborted when the client goes away. */
  signal: AbortSignal;
}

export interface EmbeddingsAnswer {
  /** OpenAI's answer: encoded by AIHub, or the upstream's own bytes when it spoke OpenAI's API. */
  body: Record<string, unknown> | EncodedJson;
  /** `x-ratelimit-*` headers for the answer. */
  headers: Record<string, string>;
}

/**
 * One `POST /v1/embeddings`, through the parts of the chat pipeline it shares: the key's model
 * rules, rate limits (the inputs' tokens against TPM), routing with failover across channels and
 * keys (AttemptPlan, route health), a hold of the inputs' token bound at the model's input price
 * (RelayBilling, with the inputs as a prompt and no output) and an exact settlement from the
 * vendor's usage, or from AIHub's estimate marked as such where the vendor reports none (Gemini).
 * A sibling of the chat attempt loop rather than a kind of it: an embedding has no stream, no
 * media to inline and no conversation to keep sticky, which is most of that loop. An OpenAI
 * upstream's answer is forwarded byte for byte when it is in the client's format and order, its
 * usage read without decoding the vectors (Provider.forwardableEmbeddings).
 */
export async function embeddingsRequest(context: EmbeddingsContext, deps: RelayDeps): Promise<EmbeddingsAnswer> {
  const { caller, trace } = context;
  const request = decodeEmbeddingRequest(context.body);
  const holdRequest = embeddingHoldRequest(request);
  trace.request = holdRequest;
  assertModelAllowed(caller, request.model);
  const candidates = servingRoutes(deps, caller, request.model, {
    serves: servesEmbeddings(deps),
    offering: 'offers embeddings',
  });
  const [first] = candidates;
  const window = deps.directory.contextWindow(first.channel.vendor, first.upstreamModel);
  const capped = hasOpenAIRequestCap(first.channel.vendor, first.upstreamModel);
  // The inputs' byte bounds decide most requests; the tokenizer counts only where they cannot.
  const bounds = embeddingInputBounds(request);
  const needsExactCount =
    (window !== undefined && bounds.some((bound) => bound > window)) ||
    (capped && bounds.reduce((sum, bound) => sum + bound, 0) > OPENAI_EMBEDDING_REQUEST_TOKENS);
  if (needsExactCount) {
    const inputTokens = embeddingInputTokens(request);
    assertWithinWindow(request, inputTokens, window);
    // Before the hold: OpenAI would refuse it after a round trip.
    if (capped) assertWithinOpenAIRequestCap(inputTokens);
  }
  const ticket = await admitRequest(deps, caller, request.model, embeddingAdmissionTokens(request));
  let billed = 0;
  try {
    const { answer, promptTokens } = await embedAdmitted(request, holdRequest, candidates, context, deps);
    billed = promptTokens;
    const body =
      answer.kind === 'forwarded'
        ? new EncodedJson(answer.bytes)
        : encodeEmbeddingAnswer(request, answer.result, promptTokens);
    return { body, headers: ticket.headers };
  } finally {
    ticket.release(billed);
  }
}

function servesEmbeddings(deps: RelayDeps) {
  return (candidate: RouteCandidate): boolean =>
    deps.providers[candidate.channel.provider].encodeEmbeddings !== undefined;
}

/** Every input must fit the model's window (the catalog's, for the first route): a clear 400 names the first that does not. */
function assertWithinWindow(
  request: EmbeddingRequest,
  inputTokens: readonly number[],
  window: number | undefined,
): void {
  if (!window) return;
  const over = inputTokens.findIndex((tokens) => tokens > window);
  if (over < 0) return;
  throw new GatewayError({
    kind: 'invalid_request',
    message: `'input[${over}]' is about ${inputTokens[over]} tokens; ${request.model} takes at most ${window} tokens per input.`,
    param: `input[${over}]`,
    code: 'context_length_exceeded',
  });
}

/** An attempt's answer: decoded into vectors, or the vendor's bytes to forward as they are with what billing needs. */
type EmbeddingAnswer =
  | { kind: 'decoded'; result: EmbeddingResult }
  | { kind: 'forwarded'; bytes: Buffer; usage: ForwardableEmbeddings };

/** Hold, try the channels in turn, settle: charged only for an answer, exactly once. */
async function embedAdmitted(
  request: EmbeddingRequest,
  holdRequest: ChatRequest,
  candidates: RouteCandidate[],
  context: EmbeddingsContext,
  deps: RelayDeps,
): Promise<{ answer: EmbeddingAnswer; promptTokens: number }> {
  const { trace, caller } = context;
  const selection = selectRoute(candidates, { health: deps.routeHealth, random: deps.random });
  const route = selection.channels[0] ?? selection.lastResort?.candidate ?? candidates[0];
  const hold = await deps.billing.hold({ requestId: context.requestId, caller, request: holdRequest, route });
  let answer: EmbeddingAnswer;
  try {
    const plan = planAttempts(selection, deps);
    answer = await runAttemptSeries(plan, context, deps, (attempt, signal) => embedAt(request, attempt, deps, signal));
  } catch (error) {
    trace.settlement = await hold.settle(undefined);
    throw error;
  }
  // The vendor's count of the inputs, or none (Gemini): billing then estimates from the inputs and marks it.
  const result = answer.kind === 'decoded' ? answer.result : answer.usage;
  const meter = new DeliveryMeter();
  meter.delivered = true;
  meter.finishReason = { unified: 'stop' };
  if (result.promptTokens !== undefined) {
    meter.usage = { inputTokens: { total: result.promptTokens }, outputTokens: { total: 0 } };
  }
  if (result.model) meter.servedModel = result.model;
  trace.meter = meter;
  trace.settlement = await hold.settle(meter);
  const promptTokens = trace.settlement.usage.inputTokens.total ?? result.promptTokens ?? 0;
  return { answer, promptTokens };
}

/**
 * One upstream call: encoded by the channel's provider, sent with its timeouts and proxy; its
 * answer forwarded as it is where the provider can vouch for it, decoded otherwise.
 */
async function embedAt(
  request: EmbeddingRequest,
  attempt: PlannedAttempt,
  deps: RelayDeps,
  signal: UpstreamSignal,
): Promise<EmbeddingAnswer> {
  const provider = deps.providers[attempt.channel.provider];
  const context = providerContext(attempt, deps);
  const encode = provider.encodeEmbeddings;
  const decode = provider.decodeEmbeddings;
  if (!encode || !decode) throw new GatewayError({ kind: 'internal', message: `${provider.id} serves no embeddings.` });
  const encoded = encode({ ...request, model: attempt.upstreamModel }, context);
  const bytes = await readMarkedBytes(await sendMarked(provider, encoded, attempt, signal), signal);
  const count = request.input.kind === 'text' ? request.input.texts.length : request.input.tokens.length;
  const usage = provider.forwardableEmbeddings?.(bytes, count, request.encodingFormat);
  if (usage) return { kind: 'forwarded', bytes, usage };
  const body = decodeUpstream(() => parseUpstreamJson(bytes.toString('utf8')));
  return { kind: 'decoded', result: decodeUpstream(() => decode(body, count)) };
}
