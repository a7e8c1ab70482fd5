import { sseFramer } from '../common/sse-framer.js';
import type { Surface } from '../surface.js';
import { decodeMessagesRequest } from './decode-request.js';
import { encodeAnthropicError } from './encode-error.js';
import { encodeMessagesResult } from './encode-result.js';
import { MessagesStreamEncoder } from './stream-encoder.js';

/**
 * Anthropic Messages (`POST /v1/messages`), for Claude Code and the Anthropic SDKs. Pure
 * translation; one concern per file beside this one. Also exported for the HTTP layer:
 * `anthropicTokenCounting` (`POST /v1/messages/count_tokens`) and the model list in Anthropic's shape.
 */
export const anthropicMessagesSurface: Surface = {
  id: 'anthropic-messages',
  nativeProvider: 'anthropic',
  streamContentType: () => 'text/event-stream',
  decode: (input) => decodeMessagesRequest(input),
  encodeResult: (result, _request, meta) => encodeMessagesResult(result, meta),
  createStreamEncoder: (_request, meta) => new MessagesStreamEncoder(meta),
  answerHeaders: (requestId) => ({ 'request-id': requestId }),
  encodeError: (error, requestId) => ({
    body: encodeAnthropicError(error, requestId),
    headers: requestId ? { 'request-id': requestId } : undefined,
  }),
  // Claude on an Anthropic channel: the body and the event stream pass through untouched.
  passThrough: { endpoint: 'messages', createFramer: () => sseFramer('error') },
};

export { anthropicTokenCounting, countMessagesTokens } from './count-tokens.js';
export { anthropicBeta, decodeMessagesRequest } from './decode-request.js';
export { anthropicErrorType, encodeAnthropicError, encodeAnthropicErrorEvent } from './encode-error.js';
export { encodeMessagesResult, messageId } from './encode-result.js';
export { encodeAnthropicModel, encodeAnthropicModelList, type ListedModel } from './model-list.js';
export { MessagesStreamEncoder } from './stream-encoder.js';
