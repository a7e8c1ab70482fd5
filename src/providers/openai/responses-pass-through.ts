import type { EncodedRequest, PassThroughRequest, ProviderContext } from '../provider.js';

/**
 * OpenAI's own request headers a client may send with a Responses request and that travel with it
 * (`openai-beta` turns on beta features). `openai-organization` and `openai-project` do not: they
 * name the client's account, and the call is made with the channel's key, in the channel's account.
 */
const FORWARDED_HEADERS = ['openai-beta'] as const;

/** `{base}/responses` for an OpenAI base URL (which ends in `/v1`, as the OpenAI SDKs mean it). */
export function responsesUrl(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/responses`;
}

/**
 * `POST {base}/responses` with the client's Responses body as it came: unknown fields, OpenAI-run
 * tools (`web_search`, `custom`, `local_shell`...), reasoning items with their `encrypted_content`
 * all survive. Only `model` (the channel's upstream name) and the key change, and
 * `max_output_tokens` when the caller's balance capped it.
 */
export function encodeResponsesPassThrough(request: PassThroughRequest, context: ProviderContext): EncodedRequest {
  const body: Record<string, unknown> = { ...request.body, model: context.target.model };
  if (request.maxOutputTokens !== undefined) body.max_output_tokens = request.maxOutputTokens;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  for (const name of FORWARDED_HEADERS) {
    const value = request.headers[name];
    const text = Array.isArray(value) ? value.join(',') : value;
    if (text) headers[name] = text;
  }
  for (const [name, value] of Object.entries(context.target.headers ?? {})) headers[name.toLowerCase()] = value;
  // Never the client's Authorization (AIHub's key): the channel's own, when it has one.
  delete headers.authorization;
  if (context.target.apiKey) headers.authorization = `Bearer ${context.target.apiKey}`;
  return {
    http: { method: 'POST', url: responsesUrl(context.target.baseUrl), headers, body: JSON.stringify(body) },
    droppedParams: [],
  };
}
