import { GatewayError } from '../ir/index.js';
import type { ProviderCallDeps } from '../relay/provider-call.js';
import { parseUpstreamJson } from '../relay/provider-call.js';
import type { Channel } from '../routing/channel.js';
import { readBodyText, sendUpstream } from '../upstream/http-client.js';

/** What an admin look-up at the upstream (model list, balance) reports: data, or the upstream's error. */
export type UpstreamLookup<T> =
  | { ok: true; data: T }
  | { ok: false; error: { kind: string; code: string | null; message: string } };

/** An admin look-up answers while the admin waits, and reads little. */
const LOOKUP_TIMEOUT_MS = 15_000;
const LOOKUP_LIMIT_BYTES = 8 << 20;

/**
 * GETs `url` as the channel's first key would be sent by its wire format (Bearer for OpenAI-style
 * vendors, `x-api-key` for Anthropic, `x-goog-api-key` for Gemini), with the channel's extra
 * headers, timeouts and proxy, and parses the JSON answer. A non-2xx answer throws the vendor's
 * own GatewayError (decoded as the relay decodes it).
 */
export async function upstreamGetJson(
  channel: Channel,
  url: string,
  deps: Pick<ProviderCallDeps, 'providers'>,
  signal?: AbortSignal,
): Promise<unknown> {
  const headers: Record<string, string> = { accept: 'application/json' };
  for (const [name, value] of Object.entries(channel.headers ?? {})) headers[name.toLowerCase()] = value;
  const key = channel.keys[0]?.key;
  if (key) Object.assign(headers, authHeaders(channel, key));
  const timeout = AbortSignal.timeout(LOOKUP_TIMEOUT_MS);
  const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
  const response = await sendUpstream({ method: 'GET', url, headers }, combined, channel.timeouts, channel.proxyUrl);
  const text = await readBodyText(response.body, LOOKUP_LIMIT_BYTES);
  if (response.status < 200 || response.status >= 300) {
    throw deps.providers[channel.provider].decodeError(response.status, response.headers, text);
  }
  return parseUpstreamJson(text);
}

function authHeaders(channel: Channel, key: string): Record<string, string> {
  switch (channel.provider) {
    case 'anthropic':
      return { 'x-api-key': key, 'anthropic-version': '2023-06-01' };
    case 'gemini':
      return { 'x-goog-api-key': key };
    case 'openai':
    case 'midjourney-proxy':
      return { authorization: `Bearer ${key}` };
    default: {
      const unknown: never = channel.provider;
      throw new Error(`Unknown provider ${String(unknown)}`);
    }
  }
}

/** Runs a look-up; the upstream's failure (or our own parsing of its answer) becomes a result the admin reads. */
export async function lookup<T>(channel: Channel, work: () => Promise<T>): Promise<UpstreamLookup<T>> {
  try {
    return { ok: true, data: await work() };
  } catch (error) {
    const key = channel.keys[0]?.key ?? '';
    const scrub = (text: string) => (key.length >= 8 ? text.split(key).join('***') : text);
    if (error instanceof GatewayError) {
      return { ok: false, error: { kind: error.kind, code: error.code ?? null, message: scrub(error.message) } };
    }
    return {
      ok: false,
      error: {
        kind: 'upstream_error',
        code: null,
        message: scrub(error instanceof Error ? error.message : String(error)),
      },
    };
  }
}

/** The answer was JSON but not the shape the vendor documents. */
export function malformed(what: string): GatewayError {
  return new GatewayError({
    kind: 'upstream_error',
    message: `The upstream's ${what} answer has an unexpected shape.`,
    code: 'upstream_malformed',
  });
}
