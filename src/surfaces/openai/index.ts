import { withUsageCost } from '../common/usage-cost.js';
import type { Surface } from '../surface.js';
import { decodeChatCompletionRequest } from './decode-request.js';
import { encodeError } from './encode-error.js';
import { encodeChatCompletion } from './encode-result.js';
import { reasoningFormat } from './reasoning-format.js';
import { ChatCompletionStreamEncoder } from './stream-encoder.js';

/** OpenAI Chat Completions: `POST /v1/chat/completions`. */
export const openAIChatSurface: Surface = {
  id: 'openai-chat',
  nativeProvider: 'openai',
  streamContentType: () => 'text/event-stream; charset=utf-8',
  decode: (input) => decodeChatCompletionRequest(input.body),
  withCost: withUsageCost,
  encodeResult: (result, _request, meta) =>
    encodeChatCompletion(result, {
      id: `chatcmpl-${meta.requestId}`,
      created: meta.created,
      model: meta.model,
      reasoningFormat: reasoningFormat(meta.provider),
      provider: meta.provider,
    }),
  createStreamEncoder: (request, meta) =>
    new ChatCompletionStreamEncoder({
      id: `chatcmpl-${meta.requestId}`,
      created: meta.created,
      model: meta.model,
      includeUsage: request.includeUsage,
      reasoningFormat: reasoningFormat(meta.provider),
      provider: meta.provider,
    }),
  encodeError: (error) => ({ body: encodeError(error) }),
};
