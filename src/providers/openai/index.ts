import type { Provider } from '../provider.js';
import { decodeOpenAIResponse } from './decode-response.js';
import { encodeOpenAIRequest } from './encode-request.js';
import { decodeOpenAIError } from './openai-error.js';
import { createOpenAIStreamDecoder } from './stream-decoder.js';

/**
 * OpenAI Chat Completions, for OpenAI itself and for OpenAI-compatible vendors (their differences
 * come in `context.compat`; see presets.ts). Pure: the HTTP layer sends and receives.
 */
export const openaiProvider: Provider = {
  id: 'openai',
  // OpenAI (and the compatible vendors) fetch image URLs themselves.
  // OpenAI fetches image URLs itself, but `file` parts take bytes only.
  inlineMedia: { images: false, files: true },
  encodeRequest: encodeOpenAIRequest,
  decodeResponse: decodeOpenAIResponse,
  createStreamDecoder: createOpenAIStreamDecoder,
  decodeError: decodeOpenAIError,
};

export { type CompatPreset, findCompatPreset, type OpenAICompatQuirks } from './presets.js';
