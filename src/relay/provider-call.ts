import type { ChatRequest, ChatResult } from '../ir/index.js';
import { GatewayError } from '../ir/index.js';
import type {
  CountTokensRequest,
  EncodedRequest,
  PassThroughRequest,
  Provider,
  ProviderContext,
  ProviderId,
  StreamDecoder,
} from '../providers/provider.js';
import type { Channel } from '../routing/channel.js';
import type { ModelDirectory } from '../routing/model-directory.js';
import { readBodyText, sendUpstream, type UpstreamResponse, type UpstreamSignal } from '../upstream/http-client.js';

/** Which channel, key and upstream model one call uses (a relay attempt, or an admin's channel test). */
export interface ProviderCallTarget {
  channel: Channel;
  apiKey: string;
  /** The model name the upstream knows (after the channel's mapping). */
  upstreamModel: string;
}

/**
 * What a provider call needs. `directory` is read at each call, not captured: the catalog can be
 * replaced at run time, and the relay swaps its directory when it is.
 */
export interface ProviderCallDeps {
  providers: Record<ProviderId, Provider>;
  directory: ModelDirectory;
  generateId: (prefix: string) => string;
  now: () => number;
}

/**
 * An upstream call whose 2xx answer is open. It carries the decoders of that answer, chosen by
 * whoever opened it: the opener knows what it sent (a translated request, or which endpoint passed
 * through), so the readers of the answer (JSON, stream, channel test) never ask. (Passing the
 * endpoint along instead would make every reader branch on it, and forget to in the next one.)
 */
export interface OpenedCall {
  provider: Provider;
  context: ProviderContext;
  encoded: EncodedRequest;
  response: UpstreamResponse;
  /** Decodes the whole JSON answer (already parsed). Throws GatewayError for an error in disguise. */
  decodeResponse(body: unknown): ChatResult;
  createStreamDecoder(): StreamDecoder;
}

type AnswerDecoders = Pick<OpenedCall, 'decodeResponse' | 'createStreamDecoder'>;

/** The provider's decoders; looked up at each call, so a test may swap a provider's method. */
function translatedDecoders(provider: Provider, context: ProviderContext): AnswerDecoders {
  return {
    decodeResponse: (body) => provider.decodeResponse(body, context),
    createStreamDecoder: () => provider.createStreamDecoder(context),
  };
}

/** A pass-through answer's decoders: the provider's own for the endpoint, where its wire format differs. */
function passThroughDecoders(
  provider: Provider,
  context: ProviderContext,
  endpoint: PassThroughRequest['endpoint'],
): AnswerDecoders {
  const translated = translatedDecoders(provider, context);
  const decode = provider.decodePassThroughResponse?.bind(provider);
  const createDecoder = provider.createPassThroughStreamDecoder?.bind(provider);
  return {
    decodeResponse: decode ? (body) => decode(endpoint, body, context) : translated.decodeResponse,
    createStreamDecoder: createDecoder ? () => createDecoder(endpoint, context) : translated.createStreamDecoder,
  };
}

export function providerContext(target: ProviderCallTarget, deps: ProviderCallDeps): ProviderContext {
  const { channel } = target;
  const context: ProviderContext = {
    target: { baseUrl: channel.baseUrl, apiKey: target.apiKey, model: target.upstreamModel },
    generateId: deps.generateId,
    now: deps.now,
  };
  if (channel.headers) context.target.headers = channel.headers;
  if (channel.compat) context.compat = channel.compat;
  const maxOutputTokens = deps.directory.maxOutputTokens(channel.vendor, target.upstreamModel);
  if (maxOutputTokens) context.model = { maxOutputTokens };
  if (deps.directory.modelMode?.(channel.vendor, target.upstreamModel) === 'image') {
    context.model = { ...context.model, outputsImages: true };
  }
  return context;
}

/**
 * The one way AIHub calls a provider, for the relay and the channel test alike: encodes the
 * request for the channel's vendor, sends it with the channel's timeouts and HTTP proxy, and
 * returns the open 2xx response. A non-2xx answer is read and mapped to the vendor's
 * GatewayError, which is thrown.
 */
export async function openProviderCall(
  request: ChatRequest,
  target: ProviderCallTarget,
  deps: ProviderCallDeps,
  signal: UpstreamSignal,
): Promise<OpenedCall> {
  const provider = deps.providers[target.channel.provider];
  const context = providerContext(target, deps);
  const encoded = provider.encodeRequest({ ...request, model: target.upstreamModel }, context);
  if (request.droppedParams?.length) {
    encoded.droppedParams = [...new Set([...request.droppedParams, ...encoded.droppedParams])];
  }
  return sendEncoded(provider, context, encoded, target, signal, translatedDecoders(provider, context));
}

/**
 * Whether this target sends the endpoint as is (same vendor in and out): its provider's decision,
 * per channel (an OpenAI-compatible preset serves no `/responses`).
 */
export function passesThrough(
  endpoint: PassThroughRequest['endpoint'] | undefined,
  target: ProviderCallTarget,
  deps: ProviderCallDeps,
): boolean {
  if (!endpoint) return false;
  return deps.providers[target.channel.provider].passesThrough?.(endpoint, target.channel.compat) === true;
}

/** Like openProviderCall, with the client's own body sent as is (see Provider.encodePassThrough). */
export async function openPassThroughCall(
  request: PassThroughRequest,
  target: ProviderCallTarget,
  deps: ProviderCallDeps,
  signal: UpstreamSignal,
): Promise<OpenedCall> {
  const provider = deps.providers[target.channel.provider];
  const context = providerContext(target, deps);
  const encoded = provider.passesThrough?.(request.endpoint, target.channel.compat)
    ? provider.encodePassThrough?.(request, context)
    : undefined;
  if (!encoded) {
    throw new GatewayError({
      kind: 'internal',
      message: `The ${provider.id} provider cannot pass ${request.endpoint} through.`,
    });
  }
  const decoders = passThroughDecoders(provider, context, request.endpoint);
  return sendEncoded(provider, context, encoded, target, signal, decoders);
}

/**
 * The vendor's own token count for a request in its API (Provider.encodeCountTokens), sent like
 * any call of the channel (timeouts, HTTP proxy); undefined when the vendor has no such endpoint.
 */
export async function openCountTokensCall(
  request: CountTokensRequest,
  target: ProviderCallTarget,
  deps: ProviderCallDeps,
  signal: UpstreamSignal,
): Promise<OpenedCall | undefined> {
  const provider = deps.providers[target.channel.provider];
  if (!provider.encodeCountTokens) return undefined;
  const context = providerContext(target, deps);
  const encoded = provider.encodeCountTokens(request, context);
  // A count is read as JSON (Provider.tokenCountOf), never decoded as an answer: any decoders do.
  return sendEncoded(provider, context, encoded, target, signal, translatedDecoders(provider, context));
}

async function sendEncoded(
  provider: Provider,
  context: ProviderContext,
  encoded: EncodedRequest,
  target: ProviderCallTarget,
  signal: UpstreamSignal,
  decoders: AnswerDecoders,
): Promise<OpenedCall> {
  const response = await sendEncodedRequest(provider, encoded, target, signal);
  return { provider, context, encoded, response, ...decoders };
}

/**
 * Sends a request the provider encoded, with the channel's timeouts and HTTP proxy, and returns
 * the open 2xx response; a non-2xx answer is read and thrown as the vendor's GatewayError.
 */
export async function sendEncodedRequest(
  provider: Provider,
  encoded: EncodedRequest,
  target: ProviderCallTarget,
  signal: UpstreamSignal,
): Promise<UpstreamResponse> {
  const { timeouts, proxyUrl } = target.channel;
  const response = await sendUpstream(encoded.http, signal, timeouts, proxyUrl);
  if (response.status < 200 || response.status >= 300) {
    const text = await readBodyText(response.body).catch(() => '');
    throw provider.decodeError(response.status, response.headers, text);
  }
  return response;
}

/** The most of a whole JSON answer that is read. */
export const UPSTREAM_ANSWER_LIMIT_BYTES = 256 * 1024 * 1024;

/** Parses a whole JSON body; a body that is not JSON is the upstream's fault, not the client's. */
export async function readJsonBody(response: UpstreamResponse): Promise<unknown> {
  return parseUpstreamJson(await readBodyText(response.body, UPSTREAM_ANSWER_LIMIT_BYTES));
}

/** Parses an upstream's JSON answer; text that is not JSON is the upstream's fault, not the client's. */
export function parseUpstreamJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new GatewayError({
      kind: 'upstream_error',
      message: 'The upstream returned a response that is not valid JSON.',
      code: 'upstream_invalid_response',
      cause,
    });
  }
}
