import type { ChatResult, FinishReason, StreamPart, Usage } from '../ir/index.js';

/** Beyond this much delivered text the rest is counted by length only (chars / 4), to bound memory. */
const MAX_KEPT_CHARS = 256 * 1024;
/**
 * Deltas are gathered in a list and joined into the kept text this many at a time. Appending each
 * token's delta with `+=` builds a V8 rope of one node per token: 1,800 one-token deltas (a
 * minute of an answer at 30 tokens/s) held 57 KB, against 11 KB joined 64 at a time (measured on
 * the development machine, Node 20, heap used over 1,000 such streams). With thousands of open
 * streams that was most of AIHub's memory per stream over the floor's (issue 17).
 */
const JOIN_EVERY = 64;

/**
 * What actually reached the client in one attempt: the vendor's usage (last report wins), the
 * first choice's finish reason, and the delivered text (answer, reasoning, tool arguments) kept
 * for counting tokens when the vendor reports no usage. Billing charges from this.
 */
export class DeliveryMeter {
  usage?: Usage;
  finishReason?: FinishReason;
  servedModel?: string;
  private kept = '';
  /** Deltas not yet joined into `kept`, and their length. */
  private pending: string[] = [];
  private pendingChars = 0;
  private extraChars = 0;
  /**
   * True once anything the client can see was delivered. A generated image counts as delivered
   * but its base64 is not kept: it is not text (counting it as tokens would overcharge by orders
   * of magnitude, and it would fill the log's output); vendors that answer with images report usage.
   */
  delivered = false;

  observe(part: StreamPart): void {
    switch (part.type) {
      case 'text-delta':
      case 'reasoning-delta':
      case 'refusal-delta':
        this.keep(part.delta);
        break;
      case 'tool-call-start':
        this.keep(part.name);
        break;
      case 'tool-call-delta':
        this.keep(part.argumentsDelta);
        break;
      case 'usage':
        this.usage = part.usage;
        break;
      case 'finish':
        if ((part.choice ?? 0) === 0) this.finishReason = part.finishReason;
        break;
      case 'response-metadata':
        if (part.model) this.servedModel = part.model;
        break;
      case 'generated-image':
        this.delivered = true;
        break;
      default:
        break;
    }
  }

  observeResult(result: ChatResult): void {
    if (result.usage) this.usage = result.usage;
    if (result.model) this.servedModel = result.model;
    this.finishReason = result.choices[0]?.finishReason;
    for (const choice of result.choices) {
      for (const part of choice.content) {
        if (part.type === 'tool-call') this.keep(part.name + part.arguments);
        else if (part.type === 'generated-image') this.delivered = true;
        else this.keep(part.text);
      }
    }
  }

  /** The delivered text (possibly truncated) and the length of what was not kept. */
  get text(): { kept: string; extraChars: number } {
    this.join();
    return { kept: this.kept, extraChars: this.extraChars };
  }

  private keep(text: string): void {
    if (!text) return;
    this.delivered = true;
    const room = MAX_KEPT_CHARS - this.kept.length - this.pendingChars;
    if (room <= 0) {
      this.extraChars += text.length;
      return;
    }
    const part = room >= text.length ? text : text.slice(0, room);
    this.pending.push(part);
    this.pendingChars += part.length;
    this.extraChars += text.length - part.length;
    if (this.pending.length >= JOIN_EVERY) this.join();
  }

  private join(): void {
    if (this.pending.length === 0) return;
    this.kept += this.pending.join('');
    this.pending = [];
    this.pendingChars = 0;
  }
}
