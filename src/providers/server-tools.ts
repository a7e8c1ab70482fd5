import { type ChatRequest, GatewayError, type ServerTool } from '../ir/index.js';
import { refuseAnthropicOnlyFeatures } from './anthropic-only-features.js';
import type { ProviderId } from './provider.js';

/** The server tools each provider can run: only its own vendor's (none yet for OpenAI Chat Completions). */
const ACCEPTED_ORIGINS: Record<ProviderId, ReadonlySet<ServerTool['origin']>> = {
  openai: new Set(),
  anthropic: new Set(['anthropic']),
  gemini: new Set(['gemini']),
  'midjourney-proxy': new Set(),
};

const VENDOR_NAMES: Record<ProviderId, string> = {
  openai: 'OpenAI-compatible',
  anthropic: 'Anthropic',
  gemini: 'Gemini',
  'midjourney-proxy': 'Midjourney',
};

/**
 * Called first in every provider's `encodeRequest`: a tool another vendor runs (Anthropic web
 * search, a Gemini Google Search...) has no equivalent here, and silently dropping it would change
 * the answer, so the request is refused with a 400 naming the tool. Anthropic-only request
 * features (containers, MCP servers, document citations) are refused the same way by the others.
 */
export function refuseForeignServerFeatures(request: ChatRequest, provider: ProviderId): void {
  const accepted = ACCEPTED_ORIGINS[provider];
  for (const tool of request.serverTools ?? []) {
    if (accepted.has(tool.origin)) continue;
    throw new GatewayError({
      kind: 'invalid_request',
      message: `The ${tool.origin} server tool '${tool.type}' cannot run on ${VENDOR_NAMES[provider]} models; use a model of that vendor or remove the tool.`,
      param: 'tools',
    });
  }
  if (provider !== 'anthropic') refuseAnthropicOnlyFeatures(request, VENDOR_NAMES[provider]);
  // A Gemini context cache holds part of the prompt: without it the answer would miss that part.
  if (provider !== 'gemini' && request.extraBodyVendor === 'gemini' && request.extraBody?.cachedContent !== undefined) {
    throw new GatewayError({
      kind: 'invalid_request',
      message: `'cachedContent' (a Gemini context cache) cannot be used with ${VENDOR_NAMES[provider]} models; use a Gemini model or send the content itself.`,
      param: 'cachedContent',
    });
  }
}
