import { imageWorstCase } from '../images/image-bounds.js';
import { assertFamilyAccepts, type ImageFamily, imageFamilyOf } from '../images/image-models.js';
import type { ImageRequest, ImageResult } from '../images/image-types.js';
import { assertUploadSizes } from '../images/image-upload-limits.js';
import { settledUsage, worstCaseUsage } from '../images/image-usage.js';
import { GatewayError } from '../ir/index.js';
import type { EncodedRequest, Provider, ProviderContext } from '../providers/provider.js';
import { selectRoute } from '../routing/channel-selector.js';
import type { RouteCandidate } from '../routing/model-router.js';
import type { UpstreamResponse, UpstreamSignal } from '../upstream/http-client.js';
import { upstreamFault } from '../upstream/upstream-fault.js';
import { admitRequest } from './admit-request.js';
import { type AttemptPlan, type PlannedAttempt, planAttempts } from './attempt-plan.js';
import { runAttemptSeries } from './attempt-series.js';
import { DeliveryMeter } from './delivery-meter.js';
import { holdImageCharge } from './image-billing.js';
import { readMarkedJson, sendMarked } from './json-attempts.js';
import { assertModelAllowed } from './model-permission.js';
import { providerContext } from './provider-call.js';
import type { RelayDeps } from './relay-deps.js';
import type { RelayCaller } from './relay-ports.js';
import type { RelayTrace } from './relay-trace.js';
import { servingRoutes } from './serving-routes.js';

export interface ImagesContext {
  requestId: string;
  caller: RelayCaller;
  request: ImageRequest;
  trace: RelayTrace;
  /** Aborted when the client goes away. */
  signal: AbortSignal;
}

/** An attempt that answered 2xx: its whole JSON decoded, or its open SSE stream (GPT image models). */
export type ImageAnswer =
  | { kind: 'json'; result: ImageResult; attempt: PlannedAttempt }
  | {
      kind: 'stream';
      response: UpstreamResponse;
      attempt: PlannedAttempt;
      /** Ends the attempt's deadline once the stream has been read. */
      dispose(): void;
    };

/** What the relay settled through, for the route: called once with the answer's usage, or undefined (release). */
export interface AdmittedImages {
  family: ImageFamily;
  answer: ImageAnswer;
  /** `x-ratelimit-*` headers. */
  headers: Record<string, string>;
  /** Settles the hold from the images delivered (their usage), or releases it (undefined). */
  finish(result: Pick<ImageResult, 'images' | 'usage'> | undefined): Promise<void>;
}

/**
 * One `POST /v1/images/generations` or `/edits`, through the parts the embeddings endpoint uses:
 * the key's model rules, the family's checks (size, quality, n, uploads: a 400 or 413 before any
 * hold), rate limits, a hold of the worst case (n images at their unit price, or the token bound
 * of images-bounds.ts), routing with failover across channels and keys, and one settlement from
 * the vendor's answer. A stream (GPT image models) fails over only before its first byte; the
 * route relays it and calls `finish` with the completed events' usage.
 */
export async function imagesRequest(context: ImagesContext, deps: RelayDeps): Promise<AdmittedImages> {
  const { caller, request } = context;
  // The log's view of the request: its model, and its prompt (kept only when prompt logging is on).
  context.trace.request = {
    model: request.model,
    messages: [{ role: 'user', content: [{ type: 'text', text: request.prompt }] }],
    stream: request.stream,
    includeUsage: false,
  };
  assertModelAllowed(caller, request.model);
  const candidates = servingRoutes(deps, caller, request.model, {
    serves: servesImages(deps),
    offering: 'makes images',
  });
  const first = candidates[0];
  const family = imageFamilyOf(first.upstreamModel) ?? imageFamilyOf(request.model);
  if (!family) {
    throw new GatewayError({
      kind: 'invalid_request',
      message: `'${request.model}' is not an image model: use a GPT image model, dall-e-2/3, a Gemini image model or Imagen.`,
      param: 'model',
      code: 'invalid_value',
    });
  }
  assertFamilyAccepts(family, first.upstreamModel, request);
  assertUploadSizes(family, request.model, request);
  const outputLimit = deps.directory.maxOutputTokens(first.channel.vendor, first.upstreamModel);
  const worst = imageWorstCase(family, first.upstreamModel, request, outputLimit);
  const ticket = await admitRequest(
    deps,
    caller,
    request.model,
    worst.inputTextTokens + worst.inputImageTokens + worst.outputImageTokens + worst.outputTextTokens,
  );
  let billedTokens = 0;
  let released = false;
  const releaseTicket = () => {
    if (released) return;
    released = true;
    ticket.release(billedTokens);
  };
  try {
    const selection = selectRoute(candidates, { health: deps.routeHealth, random: deps.random });
    const route = selection.channels[0] ?? selection.lastResort?.candidate ?? first;
    const hold = await holdImageCharge(deps, {
      requestId: context.requestId,
      caller,
      model: request.model,
      route,
      worst: worstCaseUsage(worst),
    });
    let answer: ImageAnswer;
    try {
      answer = await runImageAttempts(request, planAttempts(selection, deps), context, deps);
    } catch (error) {
      context.trace.settlement = await hold.settle(undefined);
      throw error;
    }
    return {
      family,
      answer,
      headers: ticket.headers,
      async finish(result) {
        try {
          if (!result || result.images.length === 0) {
            context.trace.settlement = await hold.settle(undefined);
            return;
          }
          const { usage, estimated } = settledUsage(family, request, result, worst);
          const meter = new DeliveryMeter();
          meter.delivered = true;
          meter.finishReason = { unified: 'stop' };
          meter.usage = usage;
          context.trace.meter = meter;
          context.trace.settlement = await hold.settle(usage, estimated);
          billedTokens = (usage.inputTokens.total ?? 0) + (usage.outputTokens.total ?? 0);
        } finally {
          releaseTicket();
        }
      },
    };
  } catch (error) {
    releaseTicket();
    throw error;
  }
}

function servesImages(deps: RelayDeps) {
  return (candidate: RouteCandidate): boolean => deps.providers[candidate.channel.provider].encodeImages !== undefined;
}

/** An attempt's open answer, before the stream (if it is one) has taken over its deadline. */
type OpenedImages = Extract<ImageAnswer, { kind: 'json' }> | Omit<Extract<ImageAnswer, { kind: 'stream' }>, 'dispose'>;

/**
 * The attempts (attempt-series.ts). A stream's deadline outlives the series: the route reads its
 * body, then disposes of it.
 */
function runImageAttempts(
  request: ImageRequest,
  plan: AttemptPlan,
  context: ImagesContext,
  deps: RelayDeps,
): Promise<ImageAnswer> {
  const attemptAt = (attempt: PlannedAttempt, signal: UpstreamSignal) => imagesAt(request, attempt, deps, signal);
  return runAttemptSeries(plan, context, deps, attemptAt, (opened: OpenedImages, dispose): ImageAnswer => {
    if (opened.kind === 'stream') return { ...opened, dispose };
    dispose();
    return opened;
  });
}

function decodeFailure(error: unknown): unknown {
  return error instanceof GatewayError && error.kind !== 'invalid_request' ? upstreamFault(error) : error;
}

/** One upstream call: encoded by the channel's provider, sent with its timeouts and proxy, decoded. */
async function imagesAt(
  request: ImageRequest,
  attempt: PlannedAttempt,
  deps: RelayDeps,
  signal: UpstreamSignal,
): Promise<OpenedImages> {
  const provider: Provider = deps.providers[attempt.channel.provider];
  const context: ProviderContext = providerContext(attempt, deps);
  const encode = provider.encodeImages;
  const decode = provider.decodeImages;
  if (!encode || !decode) throw new GatewayError({ kind: 'internal', message: `${provider.id} makes no images.` });
  const encoded: EncodedRequest = encode({ ...request, model: request.model }, context);
  const response = await sendMarked(provider, encoded, attempt, signal);
  if (request.stream) return { kind: 'stream', response, attempt };
  const body = await readMarkedJson(response);
  try {
    return { kind: 'json', result: decode(request, body), attempt };
  } catch (error) {
    // A safety refusal is the client's prompt (invalid_request): not the upstream's health.
    throw decodeFailure(error);
  }
}
