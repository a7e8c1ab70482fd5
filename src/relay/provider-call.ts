import type { ChatRequest } from '../ir/index.js';
import { GatewayError } from '../ir/index.js';
import type { EncodedRequest, Provider, ProviderContext } from '../providers/provider.js';
import { readBodyText, sendUpstream, type UpstreamResponse, type UpstreamSignal } from '../upstream/http-client.js';
import type { PlannedAttempt } from './attempt-plan.js';
import type { RelayDeps } from './relay-deps.js';

export interface OpenedCall {
  provider: Provider;
  context: ProviderContext;
  encoded: EncodedRequest;
  response: UpstreamResponse;
}

export function providerContext(attempt: PlannedAttempt, deps: RelayDeps): ProviderContext {
  const { channel } = attempt;
  const context: ProviderContext = {
    target: { baseUrl: channel.baseUrl, apiKey: attempt.apiKey, model: attempt.upstreamModel },
    generateId: deps.generateId,
    now: deps.now,
  };
  if (channel.headers) context.target.headers = channel.headers;
  if (channel.compat) context.compat = channel.compat;
  const maxOutputTokens = deps.directory.maxOutputTokens(channel.vendor, attempt.upstreamModel);
  if (maxOutputTokens) context.model = { maxOutputTokens };
  return context;
}

/**
 * Encodes the request for this attempt's vendor, sends it, and returns the open 2xx response.
 * A non-2xx answer is read and mapped to the vendor's GatewayError, which is thrown.
 */
export async function openProviderCall(
  request: ChatRequest,
  attempt: PlannedAttempt,
  deps: RelayDeps,
  signal: UpstreamSignal,
): Promise<OpenedCall> {
  const provider = deps.providers[attempt.channel.provider];
  const context = providerContext(attempt, deps);
  const encoded = provider.encodeRequest({ ...request, model: attempt.upstreamModel }, context);
  const { timeouts, proxyUrl } = attempt.channel;
  const response = await sendUpstream(encoded.http, signal, timeouts, proxyUrl);
  if (response.status < 200 || response.status >= 300) {
    const text = await readBodyText(response.body).catch(() => '');
    throw provider.decodeError(response.status, response.headers, text);
  }
  return { provider, context, encoded, response };
}

/** Parses a whole JSON body; a body that is not JSON is the upstream's fault, not the client's. */
export async function readJsonBody(response: UpstreamResponse): Promise<unknown> {
  const text = await readBodyText(response.body, 256 * 1024 * 1024);
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
