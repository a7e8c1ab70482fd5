import type { ChatRequest } from '../../ir/index.js';
import type { Surface, SurfaceInput } from '../surface.js';
import { decodeGeminiRequest } from './decode-request.js';
import { encodeGeminiError } from './encode-error.js';
import { encodeGeminiResult } from './encode-result.js';
import { geminiPassThroughFramer } from './pass-through-framer.js';
import { GeminiStreamEncoder } from './stream-encoder.js';
import { framingFor, streamContentTypeFor } from './stream-framing.js';

/**
 * Gemini's generateContent API (`/v1beta/models/{model}:generateContent`,
 * `:streamGenerateContent` with or without `alt=sse`, `:countTokens`), for Google's SDKs and
 * Gemini CLI. countTokens decodes and estimates through `geminiTokenCounting` (Google counts
 * where a Gemini channel serves the model); the model list is `encodeGeminiModelList`.
 */
export const geminiSurface: Surface = {
  id: 'gemini',
  nativeProvider: 'gemini',
  streamContentType: (_request: ChatRequest, input: SurfaceInput) => streamContentTypeFor(framingFor(input.query)),
  decode: decodeGeminiRequest,
  encodeResult: (result, _request, meta) => encodeGeminiResult(result, meta),
  createStreamEncoder: (_request, meta, input) => new GeminiStreamEncoder(meta, framingFor(input.query)),
  encodeError: encodeGeminiError,
  // Gemini on a Gemini channel: the body and every chunk pass through untouched.
  passThrough: {
    endpoint: 'generateContent',
    createFramer: (input) => geminiPassThroughFramer(framingFor(input.query)),
  },
};

export { countGeminiTokens, type GeminiCountTokensResponse, geminiTokenCounting } from './count-tokens.js';
export { decodeGeminiRequest, type GeminiAction, modelFromPath } from './decode-request.js';
export { encodeGeminiErrorBody } from './encode-error.js';
export {
  encodeGeminiModel,
  encodeGeminiModelList,
  type GeminiListedModel,
  type GeminiModelResource,
} from './model-list.js';
export { framingFor as geminiStreamFraming } from './stream-framing.js';
