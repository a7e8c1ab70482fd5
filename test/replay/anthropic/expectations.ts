/**
 * Expectations derived from the recordings themselves, by a deliberately simple fold that shares
 * no code with the provider: what text, reasoning, signatures, tool calls, stop reason and usage
 * the recorded upstream answer contains. The replay tests compare the decoder's IR against it.
 */
import { expect } from 'vitest';
import type { ChatResult, FinishReason, GatewayError, StreamPart, Usage } from '../../../src/ir/index.js';
import type { SseEvent } from '../../../src/providers/provider.js';

// biome-ignore lint/suspicious/noExplicitAny: recorded vendor JSON, read structurally in tests only
type Json = Record<string, any>;

export interface ExpectedToolCall {
  id: string;
  name: string;
  /** The input as recorded; `undefined` when the streamed JSON was cut off (see rawArguments). */
  input: unknown;
  rawArguments?: string;
}

export interface ExpectedMessage {
  id?: string;
  text: string;
  reasoning: string;
  signatures: string[];
  redacted: string[];
  toolCalls: ExpectedToolCall[];
  stopReason?: string;
  /** The stop sequence that matched (`stop_reason: "stop_sequence"`). */
  stopSequence?: string;
  refusalExplanation?: string;
  usage?: Json;
  complete: boolean;
  errorType?: string;
}

/** Folds recorded SSE events into the message they describe. */
export function expectedFromSse(events: SseEvent[]): ExpectedMessage {
  const blocks: Json[] = [];
  let message: Json = {};
  let usage: Json | undefined;
  let stopReason: string | undefined;
  let stopSequence: string | undefined;
  let explanation: string | undefined;
  let complete = false;
  let errorType: string | undefined;
  for (const event of events) {
    const data = JSON.parse(event.data) as Json;
    if (data.type === 'message_start') {
      message = data.message;
      usage = { ...message.usage };
    } else if (data.type === 'content_block_start') {
      blocks[data.index] = { ...data.content_block, partialJson: '' };
    } else if (data.type === 'content_block_delta') {
      const block = blocks[data.index];
      const delta = data.delta;
      if (delta.type === 'text_delta') block.text += delta.text;
      if (delta.type === 'thinking_delta') block.thinking += delta.thinking;
      if (delta.type === 'signature_delta') block.signature = delta.signature;
      if (delta.type === 'input_json_delta') block.partialJson += delta.partial_json;
    } else if (data.type === 'message_delta') {
      stopReason = data.delta?.stop_reason ?? stopReason;
      stopSequence = data.delta?.stop_sequence ?? stopSequence;
      explanation = data.delta?.stop_details?.explanation ?? explanation;
      for (const [key, value] of Object.entries(data.usage ?? {}))
        if (value !== null) usage = { ...usage, [key]: value };
    } else if (data.type === 'message_stop') {
      complete = true;
    } else if (data.type === 'error') {
      errorType = data.error?.type;
      break;
    }
  }
  const folded = fromBlocks(blocks.filter(Boolean), true);
  return {
    ...folded,
    id: message.id,
    stopReason,
    stopSequence,
    refusalExplanation: explanation,
    usage,
    complete,
    errorType,
  };
}

/** Reads a recorded non-streaming message. */
export function expectedFromJson(message: Json): ExpectedMessage {
  return {
    ...fromBlocks(message.content, false),
    id: message.id,
    stopReason: message.stop_reason ?? undefined,
    stopSequence: message.stop_sequence ?? undefined,
    refusalExplanation: message.stop_details?.explanation ?? undefined,
    usage: message.usage ?? undefined,
    complete: true,
  };
}

function fromBlocks(blocks: Json[], streamed: boolean) {
  const result = {
    text: '',
    reasoning: '',
    signatures: [] as string[],
    redacted: [] as string[],
    toolCalls: [] as ExpectedToolCall[],
  };
  for (const block of blocks) {
    if (block.type === 'text') result.text += block.text;
    if (block.type === 'thinking') {
      result.reasoning += block.thinking;
      if (block.signature) result.signatures.push(block.signature);
    }
    if (block.type === 'redacted_thinking') result.redacted.push(block.data);
    if (block.type === 'tool_use') {
      const raw: string | undefined = streamed && block.partialJson !== '' ? block.partialJson : undefined;
      const input = raw === undefined ? block.input : tryParse(raw);
      result.toolCalls.push({ id: block.id, name: block.name, input, rawArguments: raw });
    }
  }
  return result;
}

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export interface CollectedStream {
  id?: string;
  text: string;
  reasoning: string;
  signatures: string[];
  redacted: string[];
  refusal: string;
  toolCalls: Array<{ index: number; id: string; name: string; arguments: string; ended: boolean }>;
  usage?: Usage;
  finish?: FinishReason;
  errors: GatewayError[];
  partTypes: string[];
}

/** Gathers decoder output the way a surface would. */
export function collectStream(parts: StreamPart[]): CollectedStream {
  const collected: CollectedStream = {
    text: '',
    reasoning: '',
    signatures: [],
    redacted: [],
    refusal: '',
    toolCalls: [],
    errors: [],
    partTypes: parts.map((part) => part.type),
  };
  for (const part of parts) {
    if (part.type === 'response-metadata') collected.id = part.id;
    if (part.type === 'text-delta') collected.text += part.delta;
    if (part.type === 'reasoning-delta') collected.reasoning += part.delta;
    if (part.type === 'reasoning-signature') collected.signatures.push(part.signature);
    if (part.type === 'reasoning-redacted') collected.redacted.push(part.data);
    if (part.type === 'refusal-delta') collected.refusal += part.delta;
    if (part.type === 'tool-call-start') {
      collected.toolCalls[part.index] = {
        index: part.index,
        id: part.id,
        name: part.name,
        arguments: '',
        ended: false,
      };
    }
    if (part.type === 'tool-call-delta') collected.toolCalls[part.index].arguments += part.argumentsDelta;
    if (part.type === 'tool-call-end') collected.toolCalls[part.index].ended = true;
    if (part.type === 'usage') collected.usage = part.usage;
    if (part.type === 'finish') collected.finish = part.finishReason;
    if (part.type === 'error') collected.errors.push(part.error);
  }
  return collected;
}

/** The mapping the brief specifies, written out independently of the provider's own table. */
const UNIFIED_FOR_STOP_REASON: Record<string, FinishReason['unified']> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  pause_turn: 'stop',
  max_tokens: 'length',
  model_context_window_exceeded: 'length',
  tool_use: 'tool-calls',
  refusal: 'content-filter',
};

export function expectedFinish(stopReason: string | undefined, stopSequence?: string): FinishReason {
  if (stopReason === undefined) return { unified: 'other' };
  const finish: FinishReason = { unified: UNIFIED_FOR_STOP_REASON[stopReason] ?? 'other', raw: stopReason };
  if (stopReason === 'stop_sequence' && stopSequence !== undefined) finish.stopSequence = stopSequence;
  return finish;
}

export function expectUsageMatches(actual: Usage | undefined, recorded: Json | undefined): void {
  if (!recorded) return;
  const noCache = recorded.input_tokens;
  const cacheRead = recorded.cache_read_input_tokens ?? undefined;
  const cacheWrite = recorded.cache_creation_input_tokens ?? undefined;
  expect(actual?.inputTokens.noCache).toBe(noCache);
  expect(actual?.inputTokens.cacheRead).toBe(cacheRead);
  expect(actual?.inputTokens.cacheWrite).toBe(cacheWrite);
  expect(actual?.inputTokens.total).toBe((noCache ?? 0) + (cacheRead ?? 0) + (cacheWrite ?? 0));
  expect(actual?.outputTokens.total).toBe(recorded.output_tokens);
  expect(actual?.outputTokens.reasoning).toBe(recorded.output_tokens_details?.thinking_tokens ?? undefined);
}

function expectToolCallsMatch(
  actual: Array<{ id: string; name: string; arguments: string }>,
  expected: ExpectedToolCall[],
) {
  expect(actual.map((call) => [call.id, call.name])).toEqual(expected.map((call) => [call.id, call.name]));
  actual.forEach((call, index) => {
    const recorded = expected[index];
    if (recorded.input === undefined) expect(call.arguments).toBe(recorded.rawArguments);
    else expect(JSON.parse(call.arguments)).toEqual(recorded.input);
  });
}

/** Every field that matters, for a streamed answer. */
export function expectStreamMatches(collected: CollectedStream, expected: ExpectedMessage): void {
  expect(collected.id).toBe(expected.id);
  expect(collected.text).toBe(expected.text);
  expect(collected.reasoning).toBe(expected.reasoning);
  expect(collected.signatures).toEqual(expected.signatures);
  expect(collected.redacted).toEqual(expected.redacted);
  expectToolCallsMatch(collected.toolCalls, expected.toolCalls);
  expect(collected.toolCalls.every((call) => call.ended)).toBe(true);
  if (expected.stopReason === 'refusal' && expected.refusalExplanation)
    expect(collected.refusal).toBe(expected.refusalExplanation);
  expectUsageMatches(collected.usage, expected.usage);
  expect(collected.errors).toEqual([]);
  expect(collected.finish).toEqual(expectedFinish(expected.stopReason, expected.stopSequence));
  expect(collected.partTypes.at(-1)).toBe('finish');
}

/** Every field that matters, for a non-streaming answer. */
export function expectResultMatches(result: ChatResult, expected: ExpectedMessage): void {
  const [choice] = result.choices;
  expect(result.choices).toHaveLength(1);
  expect(result.id).toBe(expected.id);
  const text = choice.content.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('');
  expect(text).toBe(expected.text);
  const reasoning = choice.content.flatMap((part) => (part.type === 'reasoning' && !part.redactedData ? [part] : []));
  expect(reasoning.map((part) => part.text).join('')).toBe(expected.reasoning);
  expect(reasoning.flatMap((part) => (part.signature ? [part.signature] : []))).toEqual(expected.signatures);
  expect(
    choice.content.flatMap((part) => (part.type === 'reasoning' && part.redactedData ? [part.redactedData] : [])),
  ).toEqual(expected.redacted);
  expectToolCallsMatch(
    choice.content.flatMap((part) => (part.type === 'tool-call' ? [part] : [])),
    expected.toolCalls,
  );
  expectUsageMatches(result.usage, expected.usage);
  expect(choice.finishReason).toEqual(expectedFinish(expected.stopReason, expected.stopSequence));
}
