import {
  type AssistantContentPart,
  type ChatChoice,
  type ChatResult,
  GatewayError,
  type ReasoningPart,
  type ToolCallPart,
} from '../../ir/index.js';
import type { ProviderContext } from '../provider.js';
import { convertOpenAIUsage, findUsage } from './convert-usage.js';
import { type OpenAIDialect, resolveDialect } from './dialect.js';
import { asArray, asNonEmptyString, asNumber, asObject, asString, type JsonObject } from './json.js';
import { mapOpenAIFinishReason } from './map-finish-reason.js';
import { errorFromPayload } from './openai-error.js';
import { type ReasoningPiece, readContent, readReasoning } from './read-reasoning.js';

/** Decodes a 2xx Chat Completions body. A body that is an error in disguise is thrown as GatewayError. */
export function decodeOpenAIResponse(body: unknown, context: ProviderContext): ChatResult {
  const object = asObject(body);
  const disguisedError = errorFromPayload(object);
  if (disguisedError) throw disguisedError;
  const rawChoices = asArray(object?.choices);
  if (!object || !rawChoices) {
    throw new GatewayError({ kind: 'upstream_error', message: 'upstream returned a malformed chat completion' });
  }
  const dialect = resolveDialect(context.compat);
  const result: ChatResult = {
    choices: rawChoices.map((choice, position) => decodeChoice(asObject(choice) ?? {}, position, dialect, context)),
  };
  const id = asNonEmptyString(object.id);
  if (id) result.id = id;
  const model = asNonEmptyString(object.model);
  if (model) result.model = model;
  const created = asNumber(object.created);
  if (created) result.created = created;
  const usage = convertOpenAIUsage(findUsage(object));
  if (usage) result.usage = usage;
  const fingerprint = asNonEmptyString(object.system_fingerprint);
  if (fingerprint) result.systemFingerprint = fingerprint;
  const serviceTier = asNonEmptyString(object.service_tier);
  if (serviceTier) result.serviceTier = serviceTier;
  return result;
}

function decodeChoice(
  choice: JsonObject,
  position: number,
  dialect: OpenAIDialect,
  context: ProviderContext,
): ChatChoice {
  const message = asObject(choice.message) ?? {};
  const content: AssistantContentPart[] = reasoningParts(readReasoning(message, dialect.reasoningFields));
  for (const piece of readContent(message.content)) {
    content.push(piece.kind === 'text' ? { type: 'text', text: piece.text } : { type: 'reasoning', text: piece.text });
  }
  const refusal = asNonEmptyString(message.refusal);
  if (refusal) content.push({ type: 'refusal', text: refusal });
  const toolCalls = (asArray(message.tool_calls) ?? []).map((call) => decodeToolCall(asObject(call) ?? {}, context));
  const legacyCall = asObject(message.function_call);
  if (legacyCall) toolCalls.push(decodeToolCall({ function: legacyCall }, context));
  content.push(...toolCalls);

  const result: ChatChoice = {
    index: asNumber(choice.index) ?? position,
    content,
    finishReason: mapOpenAIFinishReason(asString(choice.finish_reason), toolCalls.length > 0),
  };
  if (choice.logprobs !== undefined && choice.logprobs !== null) result.logprobs = choice.logprobs;
  return result;
}

function decodeToolCall(call: JsonObject, context: ProviderContext): ToolCallPart {
  const fn = asObject(call.function) ?? {};
  const rawArguments = fn.arguments;
  const part: ToolCallPart = {
    type: 'tool-call',
    // Gemini's compat layer sends `id: ""`; the call still needs an id the result can refer to.
    id: asNonEmptyString(call.id) ?? context.generateId('call_'),
    name: asString(fn.name) ?? '',
    arguments:
      typeof rawArguments === 'string' ? rawArguments : rawArguments === undefined ? '' : JSON.stringify(rawArguments),
  };
  const signature = asNonEmptyString(asObject(asObject(call.extra_content)?.google)?.thought_signature);
  if (signature) part.signature = signature;
  return part;
}

/** Reasoning pieces as parts: a signature belongs to the text before it; encrypted data is its own part. */
export function reasoningParts(pieces: readonly ReasoningPiece[]): ReasoningPart[] {
  const parts: ReasoningPart[] = [];
  for (const piece of pieces) {
    const last = parts.at(-1);
    if (piece.kind === 'text') parts.push({ type: 'reasoning', text: piece.text });
    else if (piece.kind === 'redacted') parts.push({ type: 'reasoning', text: '', redactedData: piece.data });
    else if (last && last.signature === undefined && last.redactedData === undefined) last.signature = piece.signature;
    else parts.push({ type: 'reasoning', text: '', signature: piece.signature });
  }
  return parts;
}
