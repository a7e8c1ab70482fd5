import type { Provider } from '../provider.js';
import { decodeOpenAIResponse } from './decode-response.js';
import { decodeResponsesObject } from './decode-responses-object.js';
import { resolveDialect } from './dialect.js';
import { decodeOpenAIEmbeddings, encodeOpenAIEmbeddings } from './embeddings.js';
import { scanForwardableEmbeddings } from './embeddings-answer-scan.js';
import { encodeOpenAIRequest } from './encode-request.js';
import { decodeOpenAIImages, encodeOpenAIImages } from './images.js';
import { decodeOpenAIError } from './openai-error.js';
import { decodeOpenAIRerank, encodeOpenAIRerank, openAIRerankBilling } from './rerank.js';
import { encodeResponsesPassThrough } from './responses-pass-through.js';
import { createResponsesStreamDecoder } from './responses-stream-decoder.js';
import { encodeOpenAISpeech, openAIAudioEventUsage } from './speech.js';
import { createOpenAIStreamDecoder } from './stream-decoder.js';
import { decodeOpenAITranscription, encodeOpenAITranscription, upstreamTranscriptFormat } from './transcription.js';

/**
 * OpenAI Chat Completions, for OpenAI itself and for OpenAI-compatible vendors (their differences
 * come in `context.compat`; see presets.ts). Pure: the HTTP layer sends and receives.
 *
 * A Responses client on OpenAI itself passes through to `{base}/responses` (its answer is read by
 * the Responses decoders); the compatible vendors serve Chat Completions only, and a Responses
 * request to them is translated.
 */
export const openaiProvider: Provider = {
  id: 'openai',
  // OpenAI fetches image URLs itself, but `file` parts take bytes only.
  inlineMedia: { images: false, files: true },
  encodeRequest: encodeOpenAIRequest,
  decodeResponse: decodeOpenAIResponse,
  createStreamDecoder: createOpenAIStreamDecoder,
  decodeError: decodeOpenAIError,
  // OpenAI-compatible vendors' chunks are normalised on the way (reasoning fields, Mistral's
  // content arrays, usage inside a choice, generated tool-call ids): they are encoded again.
  forwardsStreamFrames: (compat) => resolveDialect(compat).isOpenAI,
  passesThrough: (endpoint, compat) => endpoint === 'responses' && resolveDialect(compat).isOpenAI,
  encodePassThrough: encodeResponsesPassThrough,
  decodePassThroughResponse: (_endpoint, body) => decodeResponsesObject(body),
  createPassThroughStreamDecoder: () => createResponsesStreamDecoder(),
  encodeEmbeddings: encodeOpenAIEmbeddings,
  decodeEmbeddings: decodeOpenAIEmbeddings,
  forwardableEmbeddings: scanForwardableEmbeddings,
  speech: { encode: encodeOpenAISpeech, answer: { kind: 'stream', eventUsage: openAIAudioEventUsage } },
  transcription: {
    encode: encodeOpenAITranscription,
    decode: (text, request, upstreamModel) =>
      decodeOpenAITranscription(text, upstreamTranscriptFormat(request, upstreamModel)),
    streamEventUsage: openAIAudioEventUsage,
  },
  rerankBilling: openAIRerankBilling,
  encodeRerank: encodeOpenAIRerank,
  decodeRerank: decodeOpenAIRerank,
  encodeImages: encodeOpenAIImages,
  decodeImages: decodeOpenAIImages,
};

export { type CompatPreset, findCompatPreset, type OpenAICompatQuirks } from './presets.js';
