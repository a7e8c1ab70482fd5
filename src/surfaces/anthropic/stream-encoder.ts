import type { FinishReason, GatewayError, StreamPart, Usage } from '../../ir/index.js';
import { sealSignature } from '../common/signature-seal.js';
import { joinToolCallId } from '../common/tool-call-id.js';
import type { ResponseMeta, SurfaceStreamEncoder } from '../surface.js';
import { encodeAnthropicErrorEvent } from './encode-error.js';
import { messageId, placeRefusal } from './encode-result.js';
import { encodeStopReason } from './encode-stop-reason.js';
import { encodeAnthropicUsage } from './encode-usage.js';

type OpenBlock =
  | { kind: 'text'; index: number }
  | { kind: 'thinking'; index: number; signed: boolean }
  | { kind: 'tool'; index: number; toolIndex: number };

/**
 * IR stream parts → the Messages event stream, exactly as Anthropic sends it:
 * `message_start` (content empty, the input usage known so far), `ping`, then per content block
 * `content_block_start` → `content_block_delta`* → `content_block_stop`, and at the end
 * `message_delta` (stop reason, stop sequence, final usage) and `message_stop`. Each frame is
 * `event: <type>\ndata: <json>\n\n`.
 *
 * One block is open at a time: a part of another kind closes it and opens the next. A thinking
 * block ends with its signature (`signature_delta`); more reasoning after it opens a new block.
 * `message_start` is sent lazily with the first content, so the relay can still answer an early
 * failure with an HTTP error; `message_delta` waits for `end()` because the final usage may come
 * after the finish part. Only the first choice exists in Messages.
 */
export class MessagesStreamEncoder implements SurfaceStreamEncoder {
  private readonly meta: ResponseMeta;
  private started = false;
  private finished = false;
  private nextIndex = 0;
  private open: OpenBlock | undefined;
  /** Block index of each tool call (by the IR's tool index), for deltas that arrive late. */
  private readonly toolBlocks = new Map<number, number>();
  private usage: Usage | undefined;
  private serviceTier: string | undefined;
  private finishReason: FinishReason | undefined;
  /** Refusal text waits for the stop reason, which decides where it goes (see placeRefusal). */
  private refusal = '';

  constructor(meta: ResponseMeta) {
    this.meta = meta;
  }

  encode(part: StreamPart): string {
    if (this.finished || ('choice' in part && (part.choice ?? 0) !== 0)) return '';
    switch (part.type) {
      case 'response-metadata':
        if (part.serviceTier) this.serviceTier = part.serviceTier;
        return '';
      case 'text-delta':
        return part.delta ? this.textDelta(part.delta) : '';
      case 'refusal-delta':
        this.refusal += part.delta;
        return '';
      case 'reasoning-delta':
        return part.delta ? this.thinkingDelta({ type: 'thinking_delta', thinking: part.delta }) : '';
      case 'reasoning-signature':
        return this.signature(part.signature);
      case 'reasoning-redacted': {
        const data = sealSignature('anthropic', this.meta.provider, part.data);
        const index = this.nextIndex;
        return (
          this.startBlock({ type: 'redacted_thinking', data }) +
          this.frame('content_block_stop', { type: 'content_block_stop', index })
        );
      }
      case 'tool-call-start':
        return this.toolStart(part.index, joinToolCallId(part.id, part.signature), part.name);
      case 'tool-call-delta':
        return this.toolDelta(part.index, part.argumentsDelta);
      case 'tool-call-end':
        return this.open?.kind === 'tool' && this.open.toolIndex === part.index ? this.closeOpen() : '';
      case 'usage':
        this.usage = part.usage;
        return '';
      case 'finish':
        this.finishReason = part.finishReason;
        return '';
      case 'error':
        return this.error(part.error);
      case 'text-signature':
      case 'logprobs':
      case 'generated-image':
        // A Gemini signature on plain text is not needed on replay; Messages has no logprobs and
        // no image output block (encode-content.ts says why a generated image is left out).
        return '';
      default: {
        const exhaustive: never = part;
        return exhaustive;
      }
    }
  }

  end(): string {
    if (this.finished) return '';
    this.finished = true;
    const stop = encodeStopReason(this.finishReason, this.toolBlocks.size > 0);
    const refusal = placeRefusal(stop.stop_reason, this.refusal || undefined);
    let out = this.ensureStarted() + (refusal.text ? this.textDelta(refusal.text) : '') + this.closeOpen();
    const usage = encodeAnthropicUsage(this.usage, this.serviceTier);
    out += this.frame('message_delta', {
      type: 'message_delta',
      delta: { stop_reason: stop.stop_reason, stop_sequence: stop.stop_sequence, stop_details: refusal.stopDetails },
      usage: {
        input_tokens: usage.input_tokens,
        output_tokens: usage.output_tokens,
        cache_creation_input_tokens: usage.cache_creation_input_tokens,
        cache_read_input_tokens: usage.cache_read_input_tokens,
      },
    });
    return out + this.frame('message_stop', { type: 'message_stop' });
  }

  /** Anthropic ends the stream with the error event: nothing follows it, not even `end()`'s frames. */
  error(error: GatewayError): string {
    if (this.finished) return '';
    this.finished = true;
    return encodeAnthropicErrorEvent(error);
  }

  private textDelta(text: string): string {
    const out = this.open?.kind === 'text' ? '' : this.startBlock({ type: 'text', text: '' });
    return out + this.delta({ type: 'text_delta', text });
  }

  private thinkingDelta(delta: Record<string, unknown>): string {
    const reuse = this.open?.kind === 'thinking' && !this.open.signed;
    const out = reuse ? '' : this.startBlock({ type: 'thinking', thinking: '', signature: '' });
    return out + this.delta(delta);
  }

  private signature(signature: string): string {
    const sealed = sealSignature('anthropic', this.meta.provider, signature);
    const out = this.thinkingDelta({ type: 'signature_delta', signature: sealed });
    if (this.open?.kind === 'thinking') this.open.signed = true;
    return out;
  }

  private toolStart(toolIndex: number, id: string, name: string): string {
    const index = this.nextIndex;
    const out = this.startBlock({ type: 'tool_use', id, name, input: {} });
    this.open = { kind: 'tool', index, toolIndex };
    this.toolBlocks.set(toolIndex, index);
    return out;
  }

  /**
   * Arguments of the open tool block. Deltas for an earlier call (vendors that interleave parallel
   * calls) still go to that call's block index, which the SDKs' accumulators handle; dropping them
   * would corrupt the call.
   */
  private toolDelta(toolIndex: number, json: string): string {
    const index = this.toolBlocks.get(toolIndex);
    if (!json || index === undefined) return '';
    return this.frame('content_block_delta', {
      type: 'content_block_delta',
      index,
      delta: { type: 'input_json_delta', partial_json: json },
    });
  }

  private startBlock(block: Record<string, unknown>): string {
    let out = this.ensureStarted() + this.closeOpen();
    const index = this.nextIndex++;
    if (block.type === 'text') this.open = { kind: 'text', index };
    else if (block.type === 'thinking') this.open = { kind: 'thinking', index, signed: false };
    out += this.frame('content_block_start', { type: 'content_block_start', index, content_block: block });
    return out;
  }

  private delta(delta: Record<string, unknown>): string {
    const index = this.open?.index ?? this.nextIndex - 1;
    return this.frame('content_block_delta', { type: 'content_block_delta', index, delta });
  }

  private closeOpen(): string {
    if (!this.open) return '';
    const index = this.open.index;
    this.open = undefined;
    return this.frame('content_block_stop', { type: 'content_block_stop', index });
  }

  private ensureStarted(): string {
    if (this.started) return '';
    this.started = true;
    const usage = encodeAnthropicUsage(this.usage, this.serviceTier);
    const message = {
      id: messageId(this.meta.requestId),
      type: 'message',
      role: 'assistant',
      model: this.meta.model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { ...usage, output_tokens: this.usage?.outputTokens.total ?? 0 },
    };
    return this.frame('message_start', { type: 'message_start', message }) + this.frame('ping', { type: 'ping' });
  }

  private frame(event: string, data: unknown): string {
    return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
  }
}
