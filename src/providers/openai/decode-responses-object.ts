import { type AssistantContentPart, type ChatResult, GatewayError, type ReasoningPart } from '../../ir/index.js';
import { convertResponsesUsage, countWebSearchCalls } from './convert-responses-usage.js';
import { asArray, asNonEmptyString, asNumber, asObject, asString, type JsonObject } from './json.js';
import { mapResponsesStatus } from './map-responses-status.js';
import { errorFromPayload } from './openai-error.js';

/**
 * A whole Responses object (`POST /responses` without `stream`) in the IR, for the meter and the
 * request log of a pass-through: usage, finish reason, and the answer's text, reasoning and
 * function calls. Items only OpenAI runs (web searches, code interpreter...) carry no content for
 * the client's meter; web searches are counted, as OpenAI bills each one apart from the tokens. A failed response is an error in disguise: thrown.
 * (The request log and the meter read the same things from a stream: responses-stream-decoder.ts.)
 */
export function decodeResponsesObject(body: unknown): ChatResult {
  const object = asObject(body);
  const disguisedError = errorFromPayload(object);
  if (disguisedError) throw disguisedError;
  const output = asArray(object?.output);
  if (!object || !output) {
    throw new GatewayError({ kind: 'upstream_error', message: 'upstream returned a malformed Responses object' });
  }
  const content = output.flatMap((item) => outputItemContent(asObject(item) ?? {}));
  const hasToolCalls = content.some((part) => part.type === 'tool-call');
  const result: ChatResult = {
    choices: [
      { index: 0, content, finishReason: mapResponsesStatus(object.status, object.incomplete_details, hasToolCalls) },
    ],
  };
  const id = asNonEmptyString(object.id);
  if (id) result.id = id;
  const model = asNonEmptyString(object.model);
  if (model) result.model = model;
  const created = asNumber(object.created_at);
  if (created) result.created = created;
  const usage = convertResponsesUsage(object.usage, countWebSearchCalls(output));
  if (usage) result.usage = usage;
  const serviceTier = asNonEmptyString(object.service_tier);
  if (serviceTier) result.serviceTier = serviceTier;
  return result;
}

/** The IR parts of one output item (none for the items only OpenAI acts on). */
export function outputItemContent(item: JsonObject): AssistantContentPart[] {
  switch (item.type) {
    case 'message':
      return (asArray(item.content) ?? []).flatMap((raw): AssistantContentPart[] => {
        const part = asObject(raw);
        if (part?.type === 'output_text') return [{ type: 'text', text: asString(part.text) ?? '' }];
        if (part?.type === 'refusal') return [{ type: 'refusal', text: asString(part.refusal) ?? '' }];
        return [];
      });
    case 'reasoning':
      return [reasoningPart(item)];
    case 'function_call':
    case 'custom_tool_call': // a custom tool's free-form input is its "arguments"
      return [
        {
          type: 'tool-call',
          id: asString(item.call_id) ?? asString(item.id) ?? '',
          name: asString(item.name) ?? '',
          arguments: asString(item.arguments) ?? asString(item.input) ?? '',
        },
      ];
    default:
      return [];
  }
}

/** Summary and raw reasoning text joined; OpenAI's encrypted blob kept as OpenAI's opaque data. */
function reasoningPart(item: JsonObject): ReasoningPart {
  const texts = [...(asArray(item.summary) ?? []), ...(asArray(item.content) ?? [])]
    .map((piece) => asString(asObject(piece)?.text))
    .filter((text): text is string => text !== undefined);
  const part: ReasoningPart = { type: 'reasoning', text: texts.join('\n\n') };
  const encrypted = asNonEmptyString(item.encrypted_content);
  if (encrypted) {
    part.redactedData = encrypted;
    part.signatureProvider = 'openai';
  }
  return part;
}
