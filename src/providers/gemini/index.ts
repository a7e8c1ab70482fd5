import type { Provider } from '../provider.js';
import { encodeGeminiCountTokens, geminiTokenCount } from './count-tokens.js';
import { decodeGeminiError } from './decode-error.js';
import { decodeGeminiResponse } from './decode-response.js';
import { decodeGeminiEmbeddings, encodeGeminiEmbeddings } from './embeddings.js';
import { encodeGeminiRequest } from './encode-request.js';
import { decodeGeminiImages, encodeGeminiImages } from './images.js';
import { encodeGeminiPassThrough } from './pass-through.js';
import { decodeGeminiSpeech, encodeGeminiSpeech } from './speech.js';
import { createGeminiStreamDecoder } from './stream-decoder.js';
import { decodeGeminiTranscription, encodeGeminiTranscription } from './transcription.js';

/** Google Gemini `generateContent` (Gemini Developer API, `GEMINI_BASE_URL` is the host root). */
export const geminiProvider: Provider = {
  id: 'gemini',
  inlineMedia: { images: true, files: true },
  encodeRequest: encodeGeminiRequest,
  decodeResponse: decodeGeminiResponse,
  createStreamDecoder: createGeminiStreamDecoder,
  decodeError: decodeGeminiError,
  encodePassThrough: encodeGeminiPassThrough,
  passesThrough: (endpoint) => endpoint === 'generateContent',
  encodeCountTokens: encodeGeminiCountTokens,
  tokenCountOf: geminiTokenCount,
  encodeEmbeddings: encodeGeminiEmbeddings,
  decodeEmbeddings: decodeGeminiEmbeddings,
  speech: { encode: encodeGeminiSpeech, answer: { kind: 'pcm', decode: decodeGeminiSpeech } },
  transcription: {
    encode: encodeGeminiTranscription,
    decode: (text) => ({ result: decodeGeminiTranscription(text) }),
  },
  encodeImages: encodeGeminiImages,
  decodeImages: decodeGeminiImages,
};

export { DUMMY_THOUGHT_SIGNATURE } from './thought-signature.js';
