import { GatewayError, type StreamPart } from '../../ir/index.js';
import type { SseEvent, StreamDecoder } from '../provider.js';
import { type AnthropicUsage, convertAnthropicUsage, mergeAnthropicUsage } from './convert-usage.js';
import { anthropicErrorFromObject } from './errors.js';
import { mapAnthropicStopReason } from './map-stop-reason.js';

type JsonRecord = Record<string, unknown>;

/** What we remember about a content block between its start and its stop. */
type OpenBlock =
  | { kind: 'text' | 'thinking' | 'ignored' }
  | { kind: 'tool'; toolIndex: number; receivedArguments: boolean; startInput: unknown };

/**
 * Turns Anthropic Messages SSE events into IR stream parts. One decoder per stream; it keeps the
 * open content blocks (by Anthropic's block index), counts tool calls from 0 in order of
 * appearance, and merges usage from `message_start` and the cumulative `message_delta`.
 *
 * Event order: message_start → (content_block_start → content_block_delta* → content_block_stop)*
 * → message_delta → message_stop, with `ping` anywhere and `error` possibly first or mid-stream.
 * After an `error` (or a malformed event) the decoder emits one `error` part and ignores the rest.
 * The event's JSON `type` is authoritative; the SSE `event:` name is only a fallback.
 */
export function createAnthropicStreamDecoder(): StreamDecoder {
  let phase: 'waiting' | 'open' | 'stopped' | 'failed' = 'waiting';
  let messageId: string | undefined;
  let usage: AnthropicUsage = {};
  let stopReason: string | undefined;
  let stopSequence: string | undefined;
  let toolCount = 0;
  const blocks = new Map<number, OpenBlock>();

  function fail(error: GatewayError): StreamPart[] {
    phase = 'failed';
    return [{ type: 'error', error }];
  }

  function onMessageStart(event: JsonRecord): StreamPart[] {
    const message = record(event.message) ?? {};
    const id = string(message.id);
    if (phase === 'open') {
      if (id === messageId) return []; // a duplicated message_start for the same message
      return fail(upstreamError('Anthropic started a second message inside one stream.'));
    }
    phase = 'open';
    messageId = id;
    const metadata: Extract<StreamPart, { type: 'response-metadata' }> = { type: 'response-metadata' };
    if (id !== undefined) metadata.id = id;
    const model = string(message.model);
    if (model !== undefined) metadata.model = model;
    const parts: StreamPart[] = [metadata];
    const startUsage = record(message.usage);
    if (startUsage) {
      usage = mergeAnthropicUsage(usage, startUsage);
      parts.push({ type: 'usage', usage: convertAnthropicUsage(usage) });
    }
    return parts;
  }

  function onBlockStart(event: JsonRecord): StreamPart[] {
    const index = number(event.index) ?? -1;
    const block = record(event.content_block) ?? {};
    switch (block.type) {
      case 'text': {
        blocks.set(index, { kind: 'text' });
        const text = string(block.text);
        return text ? [{ type: 'text-delta', delta: text }] : [];
      }
      case 'thinking': {
        blocks.set(index, { kind: 'thinking' });
        const parts: StreamPart[] = [];
        const thinking = string(block.thinking);
        if (thinking) parts.push({ type: 'reasoning-delta', delta: thinking });
        const signature = string(block.signature);
        if (signature) parts.push({ type: 'reasoning-signature', signature });
        return parts;
      }
      case 'redacted_thinking': {
        blocks.set(index, { kind: 'ignored' });
        const data = string(block.data);
        return data === undefined ? [] : [{ type: 'reasoning-redacted', data }];
      }
      case 'tool_use': {
        const toolIndex = toolCount++;
        blocks.set(index, { kind: 'tool', toolIndex, receivedArguments: false, startInput: block.input });
        return [
          { type: 'tool-call-start', index: toolIndex, id: string(block.id) ?? '', name: string(block.name) ?? '' },
        ];
      }
      default:
        // server_tool_use, web_search_tool_result, mcp_tool_use, compaction...: no IR form yet.
        blocks.set(index, { kind: 'ignored' });
        return [];
    }
  }

  function onBlockDelta(event: JsonRecord): StreamPart[] {
    const block = blocks.get(number(event.index) ?? -1);
    const delta = record(event.delta) ?? {};
    switch (delta.type) {
      case 'text_delta': {
        const text = string(delta.text);
        return text ? [{ type: 'text-delta', delta: text }] : [];
      }
      case 'thinking_delta': {
        const thinking = string(delta.thinking);
        return thinking ? [{ type: 'reasoning-delta', delta: thinking }] : [];
      }
      case 'signature_delta': {
        const signature = string(delta.signature);
        return signature ? [{ type: 'reasoning-signature', signature }] : [];
      }
      case 'input_json_delta': {
        const json = string(delta.partial_json);
        if (block?.kind !== 'tool' || !json) return []; // server tools stream their input too
        block.receivedArguments = true;
        return [{ type: 'tool-call-delta', index: block.toolIndex, argumentsDelta: json }];
      }
      default:
        return []; // citations_delta, compaction_delta, ...
    }
  }

  function onBlockStop(event: JsonRecord): StreamPart[] {
    const index = number(event.index) ?? -1;
    const block = blocks.get(index);
    blocks.delete(index);
    return block?.kind === 'tool' ? closeToolCall(block) : [];
  }

  function onMessageDelta(event: JsonRecord): StreamPart[] {
    const parts: StreamPart[] = [];
    const delta = record(event.delta) ?? {};
    const reason = string(delta.stop_reason);
    if (reason !== undefined) stopReason = reason;
    const sequence = string(delta.stop_sequence);
    if (sequence !== undefined) stopSequence = sequence;
    const explanation = string(record(delta.stop_details)?.explanation);
    if (reason === 'refusal' && explanation) parts.push({ type: 'refusal-delta', delta: explanation });
    const deltaUsage = record(event.usage);
    if (deltaUsage) {
      usage = mergeAnthropicUsage(usage, deltaUsage);
      parts.push({ type: 'usage', usage: convertAnthropicUsage(usage) });
    }
    return parts;
  }

  function onMessageStop(): StreamPart[] {
    const parts: StreamPart[] = [];
    // A tool call cut off by max_tokens never gets its content_block_stop: close it here.
    for (const block of blocks.values()) if (block.kind === 'tool') parts.push(...closeToolCall(block));
    blocks.clear();
    phase = 'stopped';
    parts.push({ type: 'finish', finishReason: mapAnthropicStopReason(stopReason, stopSequence) });
    return parts;
  }

  function dispatch(event: JsonRecord): StreamPart[] {
    switch (event.type) {
      case 'message_start':
        return onMessageStart(event);
      case 'content_block_start':
        return onBlockStart(event);
      case 'content_block_delta':
        return onBlockDelta(event);
      case 'content_block_stop':
        return onBlockStop(event);
      case 'message_delta':
        return onMessageDelta(event);
      case 'message_stop':
        return onMessageStop();
      case 'error': {
        const error = record(event.error) ?? {};
        return fail(anthropicErrorFromObject({ type: string(error.type), message: string(error.message) }));
      }
      default:
        return []; // ping and event types added after this was written
    }
  }

  return {
    push(event: SseEvent): StreamPart[] {
      if (phase === 'stopped' || phase === 'failed') return [];
      if (event.event === 'ping' || event.data.trim() === '') return [];
      let parsed: unknown;
      try {
        parsed = JSON.parse(event.data); // tolerates the trailing-space padding Anthropic sends
      } catch {
        // Never include the chunk: it may hold prompt or answer text.
        return fail(upstreamError('Anthropic sent a stream event that is not valid JSON.'));
      }
      const data = record(parsed);
      if (!data) return fail(upstreamError('Anthropic sent a stream event that is not a JSON object.'));
      if (data.type === undefined && event.event !== undefined) data.type = event.event;
      return dispatch(data);
    },
    end(): StreamPart[] {
      if (phase === 'stopped' || phase === 'failed') return [];
      return fail(upstreamError('upstream stream ended prematurely'));
    },
  };
}

/**
 * Ends a tool call. A call whose input never streamed (no arguments, or a proxy that sends the
 * whole input in content_block_start) still gets complete arguments: the start block's input when
 * it is non-empty, else `{}`.
 */
function closeToolCall(block: OpenBlock & { kind: 'tool' }): StreamPart[] {
  const parts: StreamPart[] = [];
  if (!block.receivedArguments) {
    const input = record(block.startInput);
    const argumentsText = input && Object.keys(input).length > 0 ? JSON.stringify(input) : '{}';
    parts.push({ type: 'tool-call-delta', index: block.toolIndex, argumentsDelta: argumentsText });
    block.receivedArguments = true;
  }
  parts.push({ type: 'tool-call-end', index: block.toolIndex });
  return parts;
}

function upstreamError(message: string): GatewayError {
  return new GatewayError({ kind: 'upstream_error', message });
}

function record(value: unknown): JsonRecord | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonRecord) : undefined;
}

function string(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function number(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}
