import type { GatewayError, StreamPart, Usage } from '../../ir/index.js';
import { joinToolCallId } from '../common/tool-call-id.js';
import { withUsageCost } from '../common/usage-cost.js';
import type { AnswerCost } from '../surface.js';
import { spliceChunk } from './chunk-splicer.js';
import { encodeError } from './encode-error.js';
import { encodeFinishReason } from './encode-finish-reason.js';
import type { ResponseMeta } from './encode-result.js';
import { encodeUsage } from './encode-usage.js';
import { encodeGeneratedImage } from './generated-images.js';

const FRAME_OPENING = 'data: ';
const FRAME_CLOSING = '\n\n';

export interface StreamEncoderOptions extends ResponseMeta {
  /** The client asked for `stream_options.include_usage`. */
  includeUsage: boolean;
}

/**
 * Turns IR stream parts into OpenAI `chat.completion.chunk` SSE frames. Stateful per stream:
 * it remembers which choices already announced their role, the model and id to repeat on each
 * chunk, the last usage, and the reasoning-details index per choice. From OpenAI itself, most
 * chunks are forwarded rather than encoded (`forward`); the two ways share that state, so a
 * stream may mix them.
 */
export class ChatCompletionStreamEncoder {
  private readonly options: StreamEncoderOptions;
  private id: string;
  private model: string;
  private created: number;
  private systemFingerprint?: string;
  private readonly choicesStarted = new Set<number>();
  private readonly reasoningIndex = new Map<number, number>();
  private usage?: Usage;
  /**
   * The upstream's own usage chunk (OpenAI's, our id spliced in), kept for `end` to send with the
   * cost added: fields of OpenAI's usage that AIHub does not model reach the client as they came.
   */
  private usageChunk?: string;
  private readonly idJson: string;

  constructor(options: StreamEncoderOptions) {
    this.options = options;
    this.id = options.id;
    this.idJson = JSON.stringify(options.id);
    this.model = options.model;
    this.created = options.created;
  }

  /** The usage reported so far (for billing), or undefined when the upstream sent none. */
  get lastUsage(): Usage | undefined {
    return this.usage;
  }

  /** SSE text for one part; empty when the part produces no chunk. */
  encode(part: StreamPart): string {
    switch (part.type) {
      case 'response-metadata':
        if (part.model) this.model = part.model;
        if (part.created) this.created = part.created;
        if (part.systemFingerprint) this.systemFingerprint = part.systemFingerprint;
        return '';
      case 'text-delta':
        return part.delta ? this.delta(part.choice, { content: part.delta }) : '';
      case 'reasoning-delta':
        return part.delta ? this.delta(part.choice, { reasoning_content: part.delta }) : '';
      case 'reasoning-signature':
        return this.delta(part.choice, {
          reasoning_details: [this.detail(part.choice, { type: 'reasoning.text', signature: part.signature })],
        });
      case 'reasoning-redacted':
        return this.delta(part.choice, {
          reasoning_details: [this.detail(part.choice, { type: 'reasoning.encrypted', data: part.data })],
        });
      case 'text-signature':
        // Gemini signs some text parts; only function-call signatures are required on replay,
        // and OpenAI's text deltas have no place for one, so it is not forwarded.
        return '';
      case 'refusal-delta':
        return this.delta(part.choice, { refusal: part.delta });
      case 'generated-image':
        // The whole image in the chunk where it arrives, as OpenRouter streams it.
        return this.delta(part.choice, { images: [encodeGeneratedImage(part, this.options.provider)] });
      case 'tool-call-start':
        return this.delta(part.choice, {
          tool_calls: [
            {
              index: part.index,
              id: joinToolCallId(part.id, part.signature),
              type: 'function',
              function: { name: part.name, arguments: '' },
            },
          ],
        });
      case 'tool-call-delta':
        return part.argumentsDelta
          ? this.delta(part.choice, {
              tool_calls: [{ index: part.index, function: { arguments: part.argumentsDelta } }],
            })
          : '';
      case 'tool-call-end':
        return '';
      case 'logprobs':
        return this.frame([{ index: part.choice ?? 0, delta: {}, logprobs: part.logprobs, finish_reason: null }]);
      case 'usage':
        this.usage = part.usage;
        return '';
      case 'finish':
        return this.frame([
          {
            index: part.choice ?? 0,
            delta: this.roleIfFirst(part.choice ?? 0, {}),
            logprobs: null,
            finish_reason: encodeFinishReason(part.finishReason.unified),
            native_finish_reason: part.finishReason.raw ?? null,
          },
        ]);
      case 'error':
        return this.error(part.error);
      default: {
        const exhaustive: never = part;
        return exhaustive;
      }
    }
  }

  /**
   * The frame for one upstream chunk of OpenAI itself, forwarded with AIHub's id (chunk-splicer.ts)
   * instead of re-encoded from `parts` (what the chunk decoded to, which this takes into its state).
   * Empty: the chunk shows the client nothing (the usage it did not ask for). Undefined: the chunk
   * must be encoded from its parts, because it is not of OpenAI's shape or holds what AIHub
   * changes on the way (reasoning in its own fields, an id it generated, usage beside content).
   */
  forward(data: string, parts: readonly StreamPart[]): string | undefined {
    let usage: Usage | undefined;
    let content = false;
    for (const part of parts) {
      switch (part.type) {
        case 'response-metadata':
        case 'finish':
        case 'logprobs':
        case 'text-delta':
        case 'refusal-delta':
        case 'tool-call-delta':
        case 'tool-call-end':
          break;
        case 'usage':
          usage = part.usage;
          continue;
        case 'tool-call-start':
          // The decoder names a call the upstream left unnamed; the client must see that id.
          if (part.signature || !data.includes(part.id)) return undefined;
          break;
        default:
          return undefined;
      }
      if (part.type !== 'response-metadata') content = true;
    }
    if (usage && content) return undefined;
    const frame = usage && !this.options.includeUsage ? '' : spliceChunk(data, this.idJson, this.options.includeUsage);
    if (frame === undefined) return undefined;
    for (const part of parts) {
      if (part.type === 'response-metadata') this.encode(part);
      // The upstream announced the role in its own first chunk of the choice.
      else if (part.type !== 'usage' && part.type !== 'error') this.choicesStarted.add(part.choice ?? 0);
    }
    if (usage) {
      this.usage = usage;
      // The usage chunk closes the stream: it leaves with `end`, once the cost is known.
      this.usageChunk = frame === '' ? undefined : frame.slice(FRAME_OPENING.length, -FRAME_CLOSING.length);
      return '';
    }
    return frame;
  }

  /**
   * The closing frames: the usage chunk when asked for (and known), with what the request cost
   * when the settlement committed (`usage.cost`, as OpenRouter streams it), then `[DONE]`.
   */
  end(cost?: AnswerCost): string {
    let out = '';
    if (this.options.includeUsage && this.usageChunk !== undefined) {
      // One parse per stream (a few µs), to add the cost without dropping what the upstream sent.
      const chunk = cost ? JSON.stringify(withUsageCost(JSON.parse(this.usageChunk), cost)) : this.usageChunk;
      out += `${FRAME_OPENING}${chunk}${FRAME_CLOSING}`;
    } else if (this.options.includeUsage && this.usage) {
      out += this.frame([], { usage: cost ? { ...encodeUsage(this.usage), ...cost } : encodeUsage(this.usage) });
    }
    return `${out}data: [DONE]\n\n`;
  }

  /** An in-band error once streaming has begun (the HTTP status is already sent). */
  error(error: GatewayError): string {
    return `data: ${JSON.stringify(encodeError(error))}\n\n`;
  }

  private delta(choice: number | undefined, delta: Record<string, unknown>): string {
    const index = choice ?? 0;
    return this.frame([{ index, delta: this.roleIfFirst(index, delta), logprobs: null, finish_reason: null }]);
  }

  private roleIfFirst(index: number, delta: Record<string, unknown>): Record<string, unknown> {
    if (this.choicesStarted.has(index)) return delta;
    this.choicesStarted.add(index);
    return { role: 'assistant', ...delta };
  }

  private detail(choice: number | undefined, detail: Record<string, unknown>): Record<string, unknown> {
    const index = choice ?? 0;
    const next = this.reasoningIndex.get(index) ?? 0;
    this.reasoningIndex.set(index, next + 1);
    const out: Record<string, unknown> = { ...detail, index: next };
    if (this.options.reasoningFormat) out.format = this.options.reasoningFormat;
    return out;
  }

  private frame(choices: unknown[], extra?: Record<string, unknown>): string {
    const chunk: Record<string, unknown> = {
      id: this.id,
      object: 'chat.completion.chunk',
      created: this.created,
      model: this.model,
      choices,
    };
    if (this.systemFingerprint) chunk.system_fingerprint = this.systemFingerprint;
    if (extra) Object.assign(chunk, extra);
    return `data: ${JSON.stringify(chunk)}\n\n`;
  }
}
