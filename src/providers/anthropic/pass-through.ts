import type { EncodedRequest, PassThroughRequest, ProviderContext, UpstreamTarget } from '../provider.js';
import { ANTHROPIC_VERSION, messagesUrl } from './encode-request.js';

/** Client headers that belong to Anthropic's API and travel with a pass-through request. */
const FORWARDED_HEADERS = ['anthropic-version', 'anthropic-beta'] as const;

/**
 * `POST {base}/v1/messages` with the client's Messages body as it came: unknown fields, beta
 * features, `cache_control`, server tools all survive. Only `model` (the channel's upstream name)
 * and the key change, and `max_tokens` when the caller's balance capped it.
 */
export function encodeAnthropicPassThrough(request: PassThroughRequest, context: ProviderContext): EncodedRequest {
  const body: Record<string, unknown> = { ...request.body, model: context.target.model };
  if (request.maxOutputTokens !== undefined) body.max_tokens = request.maxOutputTokens;
  return {
    http: {
      method: 'POST',
      url: messagesUrl(context.target.baseUrl),
      headers: passThroughHeaders(request.headers, context.target),
      body: JSON.stringify(body),
    },
    droppedParams: [],
  };
}

/**
 * The headers of a request sent in the client's own Anthropic API: its `anthropic-version` and
 * `anthropic-beta` (the default version when it sent none), then the channel's configured
 * headers, then the channel's key.
 */
export function passThroughHeaders(
  clientHeaders: PassThroughRequest['headers'],
  target: UpstreamTarget,
): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'anthropic-version': ANTHROPIC_VERSION,
  };
  for (const name of FORWARDED_HEADERS) {
    const value = clientHeaders[name];
    const text = Array.isArray(value) ? value.join(',') : value;
    if (text) headers[name] = text;
  }
  return Object.assign(headers, target.headers, { 'x-api-key': target.apiKey });
}
