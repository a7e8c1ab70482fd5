import type { ChatRequest, ChatResult, GatewayError } from '../../ir/index.js';
import { encodeError } from '../openai/encode-error.js';
import type { ResponseMeta, Surface, SurfaceInput } from '../surface.js';
import type { ResponseItem } from './decode-input-items.js';
import { decodeResponsesRequest } from './decode-request.js';
import { encodeResponse } from './encode-response.js';
import { responsesPassThroughBody } from './pass-through-body.js';
import { responsesPassThroughFramer } from './pass-through-framer.js';
import { ResponsesStreamEncoder } from './stream-encoder.js';

/**
 * OpenAI's Responses API (POST /v1/responses). `decode` knows no store: the route resolves
 * `previous_response_id` (src/http/routes/responses.ts) and hands the conversation in as
 * `input.history`; without it, a request naming a previous response is refused. Likewise the
 * route replaces `item_reference` inputs by the stored items before decoding (item-references.ts).
 *
 * Decisions where the API leaves room:
 * - Reasoning text is shown as `summary_text` only when the request asked for `reasoning.summary`,
 *   as OpenAI does (Codex always asks). `encrypted_content` (an `aihub.r1.` envelope, or OpenAI's
 *   own blob) is sent when `include` has `reasoning.encrypted_content` or `store` is false (a
 *   stateless client has no other way to keep its reasoning); the stored copy always has it.
 * - OpenAI-run tools (`custom`, `web_search`, `local_shell`, `mcp`...) become server tools: only an
 *   OpenAI upstream can honour them. Items those tools produced are skipped in the IR.
 * - Only the first choice is encoded; ids derive from the request id (`resp_…`, `msg_…_<index>`).
 * - A Gemini signature on a text part has no place in a Responses message and is not carried.
 * - On OpenAI itself (not a compatible vendor's preset) the request passes through to `/responses`
 *   untouched but for what the store resolved (pass-through-body.ts); the answer comes back as
 *   OpenAI wrote it.
 */
export const responsesSurface: Surface = {
  id: 'openai-responses',
  nativeProvider: 'openai',
  streamContentType: () => 'text/event-stream; charset=utf-8',
  decode: (input: SurfaceInput) =>
    decodeResponsesRequest(input.body, input.history ? { history: input.history as ResponseItem[] } : {}),
  encodeResult: (result: ChatResult, request: ChatRequest, meta: ResponseMeta) => encodeResponse(result, request, meta),
  createStreamEncoder: (request: ChatRequest, meta: ResponseMeta) => new ResponsesStreamEncoder(request, meta),
  encodeError: (error: GatewayError) => ({ body: encodeError(error) }),
  // GPT on OpenAI itself: the body (with the stored history written in) and the events pass through.
  passThrough: {
    endpoint: 'responses',
    createFramer: () => responsesPassThroughFramer(),
    upstreamBody: responsesPassThroughBody,
  },
};

export type { ResponseItem } from './decode-input-items.js';
export { type DecodeResponsesOptions, decodeResponsesRequest } from './decode-request.js';
export { encodeResponse } from './encode-response.js';
export { requestInputItems, responseItemsForHistory } from './history-items.js';
export { withItemIds } from './input-item-ids.js';
export { type InputItemList, inputItemsPage } from './input-items-page.js';
export { type InputItemsQuery, parseInputItemsQuery } from './input-items-query.js';
export { itemReferenceIds, MAX_ITEM_REFERENCES, replaceItemReferences } from './item-references.js';
export { responseIds } from './response-ids.js';
export { ResponsesStreamEncoder } from './stream-encoder.js';
