import { GatewayError, type StreamPart } from '../../ir/index.js';
import type { ProviderContext, SseEvent, StreamDecoder } from '../provider.js';
import { convertOpenAIUsage, findUsage } from './convert-usage.js';
import { type OpenAIDialect, resolveDialect } from './dialect.js';
import { asArray, asNonEmptyString, asNumber, asObject, asString, type JsonObject } from './json.js';
import { mapOpenAIFinishReason } from './map-finish-reason.js';
import { errorFromPayload } from './openai-error.js';
import { readContent, readReasoning } from './read-reasoning.js';
import { ChoiceToolCalls } from './stream-tool-calls.js';

interface ChoiceState {
  toolCalls: ChoiceToolCalls;
  finished: boolean;
}

/**
 * Decodes a Chat Completions SSE stream into IR stream parts: one call per SSE event, `end()` when
 * the connection closes. Never throws: upstream errors, malformed chunks and cut streams become an
 * `error` part, after which the decoder ignores further input.
 */
export function createOpenAIStreamDecoder(context: ProviderContext): StreamDecoder {
  const dialect = resolveDialect(context.compat);
  const choices = new Map<number, ChoiceState>();
  let metadataSent = false;
  let sawFinish = false;
  let closed = false;

  const choiceState = (index: number): ChoiceState => {
    let state = choices.get(index);
    if (!state) {
      state = { toolCalls: new ChoiceToolCalls(index, context.generateId), finished: false };
      choices.set(index, state);
    }
    return state;
  };

  /** Closes calls and choices the upstream left open (it ended, or sent [DONE], without their finish). */
  const closeOpenChoices = (): StreamPart[] => {
    const parts: StreamPart[] = [];
    for (const [index, state] of choices) {
      if (state.finished) continue;
      state.toolCalls.closeAll(parts);
      parts.push({ type: 'finish', choice: index, finishReason: { unified: 'other' } });
      state.finished = true;
    }
    return parts;
  };

  const fail = (error: GatewayError): StreamPart[] => {
    closed = true;
    return [{ type: 'error', error }];
  };

  return {
    push(event: SseEvent): StreamPart[] {
      if (closed) return [];
      const data = event.data.trim();
      if (data === '') return [];
      if (data === '[DONE]') {
        closed = true;
        return closeOpenChoices();
      }
      let chunk: JsonObject | undefined;
      try {
        chunk = asObject(JSON.parse(data));
      } catch {
        chunk = undefined;
      }
      // A fixed message: the chunk itself may hold prompt or answer text.
      if (!chunk)
        return fail(new GatewayError({ kind: 'upstream_error', message: 'upstream sent malformed stream data' }));

      const parts: StreamPart[] = [];
      if (!metadataSent) metadataSent = pushMetadata(chunk, parts);
      const error =
        errorFromPayload(chunk) ?? (event.event === 'error' ? errorFromPayload({ error: chunk }) : undefined);
      let choiceUsage: unknown;
      if (!error) {
        for (const [position, rawChoice] of (asArray(chunk.choices) ?? []).entries()) {
          const choice = asObject(rawChoice);
          if (!choice) continue;
          const index = asNumber(choice.index) ?? position;
          const state = choiceState(index);
          if (state.finished) continue;
          decodeChoiceDelta(choice, index, state, dialect, parts);
          if (state.finished) sawFinish = true;
          // Moonshot puts the final usage inside the choice.
          choiceUsage ??= asObject(choice.usage);
        }
      }
      const usage = convertOpenAIUsage(findUsage(chunk) ?? choiceUsage);
      if (usage) parts.push({ type: 'usage', usage });
      if (error) parts.push(...fail(error));
      return parts;
    },

    end(): StreamPart[] {
      if (closed) return [];
      if (!sawFinish)
        return fail(new GatewayError({ kind: 'upstream_error', message: 'upstream stream ended prematurely' }));
      closed = true;
      return closeOpenChoices();
    },
  };
}

/** Emits response-metadata from the first chunk that names the response (Azure's first chunk is blank). */
function pushMetadata(chunk: JsonObject, parts: StreamPart[]): boolean {
  const id = asNonEmptyString(chunk.id);
  const model = asNonEmptyString(chunk.model);
  if (!id && !model) return false;
  const metadata: Extract<StreamPart, { type: 'response-metadata' }> = { type: 'response-metadata' };
  if (id) metadata.id = id;
  if (model) metadata.model = model;
  const created = asNumber(chunk.created);
  if (created) metadata.created = created;
  const fingerprint = asNonEmptyString(chunk.system_fingerprint);
  if (fingerprint) metadata.systemFingerprint = fingerprint;
  const serviceTier = asNonEmptyString(chunk.service_tier);
  if (serviceTier) metadata.serviceTier = serviceTier;
  parts.push(metadata);
  return true;
}

function decodeChoiceDelta(
  choice: JsonObject,
  index: number,
  state: ChoiceState,
  dialect: OpenAIDialect,
  parts: StreamPart[],
): void {
  const delta = asObject(choice.delta) ?? {};
  for (const piece of readReasoning(delta, dialect.reasoningFields)) {
    if (piece.kind === 'text') parts.push({ type: 'reasoning-delta', choice: index, delta: piece.text });
    else if (piece.kind === 'signature')
      parts.push({ type: 'reasoning-signature', choice: index, signature: piece.signature });
    else parts.push({ type: 'reasoning-redacted', choice: index, data: piece.data });
  }
  for (const piece of readContent(delta.content)) {
    parts.push({ type: piece.kind === 'text' ? 'text-delta' : 'reasoning-delta', choice: index, delta: piece.text });
  }
  const refusal = asNonEmptyString(delta.refusal);
  if (refusal) parts.push({ type: 'refusal-delta', choice: index, delta: refusal });
  for (const call of asArray(delta.tool_calls) ?? []) state.toolCalls.push(call, parts);
  const legacyCall = asObject(delta.function_call);
  if (legacyCall) state.toolCalls.push({ index: 0, function: legacyCall }, parts);
  if (choice.logprobs !== undefined && choice.logprobs !== null)
    parts.push({ type: 'logprobs', choice: index, logprobs: choice.logprobs });

  const finishReason = asString(choice.finish_reason);
  if (finishReason) {
    state.toolCalls.closeAll(parts);
    parts.push({
      type: 'finish',
      choice: index,
      finishReason: mapOpenAIFinishReason(finishReason, state.toolCalls.count > 0),
    });
    state.finished = true;
  }
}
