import { GatewayError, type StreamPart } from '../../ir/index.js';
import type { SseEvent, StreamDecoder } from '../provider.js';
import { convertResponsesUsage, countWebSearchCalls, isWebSearchCall } from './convert-responses-usage.js';
import { asArray, asNonEmptyString, asNumber, asObject, asString, type JsonObject } from './json.js';
import { mapResponsesStatus } from './map-responses-status.js';
import { errorFromPayload } from './openai-error.js';

/** Output item types whose arguments stream as a tool call's (a custom tool's input is its "arguments"). */
const CALL_ITEMS: ReadonlySet<unknown> = new Set(['function_call', 'custom_tool_call']);

/**
 * Decodes a Responses event stream (`POST /responses` with `stream: true`) into IR stream parts,
 * for the meter of a pass-through: text, refusal and reasoning deltas, function calls and their
 * arguments, and the usage and finish of `response.completed` / `response.incomplete`, with the
 * web search calls of the final `output` (or, when it lists none, those whose items finished). Never
 * throws. OpenAI fails a started response with an `error` event followed by `response.failed`:
 * the `error` event's words are kept and the error part comes with `response.failed` (or with the
 * end, if nothing follows), so a relay that forwards events forwards both. A stream that ends
 * without a terminal event is an error part.
 */
export function createResponsesStreamDecoder(): StreamDecoder {
  const calls = new Map<string, { index: number; streamed: boolean }>();
  let closed = false;
  let heldError: GatewayError | undefined;
  let webSearchCallsDone = 0;

  const fail = (error: GatewayError): StreamPart[] => {
    closed = true;
    return [{ type: 'error', error }];
  };

  const callStart = (item: JsonObject): StreamPart[] => {
    const itemId = asString(item.id) ?? '';
    if (!CALL_ITEMS.has(item.type) || calls.has(itemId)) return [];
    const call = { index: calls.size, streamed: false };
    calls.set(itemId, call);
    const id = asNonEmptyString(item.call_id) ?? itemId;
    return [{ type: 'tool-call-start', index: call.index, id, name: asString(item.name) ?? '' }];
  };

  const terminal = (data: JsonObject): StreamPart[] => {
    closed = true;
    const response = asObject(data.response) ?? {};
    const parts: StreamPart[] = [];
    const output = asArray(response.output);
    const searches = Math.max(webSearchCallsDone, output ? countWebSearchCalls(output) : 0);
    const usage = convertResponsesUsage(response.usage, searches);
    if (usage) parts.push({ type: 'usage', usage });
    const finishReason = mapResponsesStatus(response.status, response.incomplete_details, calls.size > 0);
    parts.push({ type: 'finish', finishReason });
    return parts;
  };

  return {
    push(event: SseEvent): StreamPart[] {
      if (closed) return [];
      if (event.data.trim() === '') return [];
      let data: JsonObject | undefined;
      try {
        data = asObject(JSON.parse(event.data));
      } catch {
        data = undefined;
      }
      if (!data) {
        return fail(
          new GatewayError({
            kind: 'upstream_error',
            message: 'upstream sent a Responses event that is not a JSON object',
          }),
        );
      }
      const type = asString(data.type) ?? event.event;
      switch (type) {
        case 'response.created': {
          const response = asObject(data.response) ?? {};
          const part: StreamPart = { type: 'response-metadata' };
          const id = asNonEmptyString(response.id);
          if (id) part.id = id;
          const model = asNonEmptyString(response.model);
          if (model) part.model = model;
          const created = asNumber(response.created_at);
          if (created) part.created = created;
          return [part];
        }
        case 'response.output_text.delta':
          return deltaPart('text-delta', data);
        case 'response.refusal.delta':
          return deltaPart('refusal-delta', data);
        case 'response.reasoning_summary_text.delta':
        case 'response.reasoning_text.delta':
          return deltaPart('reasoning-delta', data);
        case 'response.output_item.added':
          return callStart(asObject(data.item) ?? {});
        case 'response.function_call_arguments.delta':
        case 'response.custom_tool_call_input.delta': {
          const call = calls.get(asString(data.item_id) ?? '');
          const delta = asString(data.delta);
          if (!call || !delta) return [];
          call.streamed = true;
          return [{ type: 'tool-call-delta', index: call.index, argumentsDelta: delta }];
        }
        case 'response.output_item.done': {
          const item = asObject(data.item) ?? {};
          if (isWebSearchCall(item)) webSearchCallsDone++;
          const call = calls.get(asString(item.id) ?? '');
          if (!call) return [];
          const parts: StreamPart[] = [];
          // Arguments that came whole with the finished item, without deltas.
          const whole = asString(item.arguments) ?? asString(item.input);
          if (!call.streamed && whole)
            parts.push({ type: 'tool-call-delta', index: call.index, argumentsDelta: whole });
          parts.push({ type: 'tool-call-end', index: call.index });
          return parts;
        }
        case 'response.completed':
        case 'response.incomplete':
          return terminal(data);
        case 'response.failed': {
          const failed = errorFromPayload(asObject(data.response));
          return fail(
            heldError ??
              failed ??
              new GatewayError({ kind: 'upstream_error', message: 'The upstream reported that the response failed.' }),
          );
        }
        case 'error':
          // OpenAI nests the error (`{type: "error", error: {...}}`); the spec's flat fields are read too.
          heldError =
            errorFromPayload(data) ??
            errorFromPayload({ error: data }) ??
            new GatewayError({ kind: 'upstream_error', message: 'upstream reported an error' });
          return [];
        default:
          return [];
      }
    },
    end(): StreamPart[] {
      if (closed) return [];
      return fail(
        heldError ?? new GatewayError({ kind: 'upstream_error', message: 'upstream stream ended prematurely' }),
      );
    },
  };
}

function deltaPart(type: 'text-delta' | 'refusal-delta' | 'reasoning-delta', data: JsonObject): StreamPart[] {
  const delta = asString(data.delta);
  return delta ? [{ type, delta }] : [];
}
