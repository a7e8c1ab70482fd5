import type { Provider } from '../provider.js';
import { anthropicTokenCount, encodeAnthropicCountTokens } from './count-tokens.js';
import { decodeAnthropicResponse } from './decode-response.js';
import { encodeAnthropicRequest } from './encode-request.js';
import { decodeAnthropicError } from './errors.js';
import { encodeAnthropicPassThrough } from './pass-through.js';
import { createAnthropicStreamDecoder } from './stream-decoder.js';

/**
 * Anthropic Messages API (`POST {base}/v1/messages`). Pure translation; see the files imported
 * above, one concern each. Anthropic fetches http(s) image and PDF URLs itself, so media is not
 * inlined by the gateway.
 */
export const anthropicProvider: Provider = {
  id: 'anthropic',
  inlineMedia: { images: false, files: false },
  // A last assistant message is a prefill the answer continues (Anthropic's documented behaviour).
  continuesPrefill: true,
  encodeRequest: (request, context) => encodeAnthropicRequest(request, context),
  decodeResponse: (body) => decodeAnthropicResponse(body),
  createStreamDecoder: () => createAnthropicStreamDecoder(),
  decodeError: (status, headers, bodyText) => decodeAnthropicError(status, headers, bodyText),
  encodePassThrough: (request, context) => encodeAnthropicPassThrough(request, context),
  passesThrough: (endpoint) => endpoint === 'messages',
  encodeCountTokens: (request, context) => encodeAnthropicCountTokens(request, context),
  tokenCountOf: (body) => anthropicTokenCount(body),
};

export { decodeAnthropicResponse } from './decode-response.js';
export { encodeAnthropicRequest } from './encode-request.js';
export { decodeAnthropicError } from './errors.js';
export { createAnthropicStreamDecoder } from './stream-decoder.js';
