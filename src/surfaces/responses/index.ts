import type { ChatRequest, ChatResult, GatewayError } from '../../ir/index.js';
import { encodeError } from '../openai/encode-error.js';
import type { ResponseMeta, Surface, SurfaceInput } from '../surface.js';
import { decodeResponsesRequest } from './decode-request.js';
import { encodeResponse } from './encode-response.js';
import { ResponsesStreamEncoder } from './stream-encoder.js';

/**
 * OpenAI's Responses API (POST /v1/responses). `decode` knows no stored responses: a request
 * naming `previous_response_id` is refused here; the relay resolves it from its store and calls
 * `decodeResponsesRequest(body, {history})` instead.
 */
export const responsesSurface: Surface = {
  id: 'openai-responses',
  nativeProvider: 'openai',
  streamContentType: () => 'text/event-stream; charset=utf-8',
  decode: (input: SurfaceInput) => decodeResponsesRequest(input.body),
  encodeResult: (result: ChatResult, request: ChatRequest, meta: ResponseMeta) => encodeResponse(result, request, meta),
  createStreamEncoder: (request: ChatRequest, meta: ResponseMeta) => new ResponsesStreamEncoder(request, meta),
  encodeError: (error: GatewayError) => ({ body: encodeError(error) }),
};

export type { ResponseItem } from './decode-input-items.js';
export { type DecodeResponsesOptions, decodeResponsesRequest } from './decode-request.js';
export { encodeResponse } from './encode-response.js';
export { requestInputItems, responseItemsForHistory } from './history-items.js';
export { ResponsesStreamEncoder } from './stream-encoder.js';
