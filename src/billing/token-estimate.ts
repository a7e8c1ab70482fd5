/**
 * Token counts the gateway makes itself, two ways:
 * - quick (`quickPromptEstimate`): from character and byte counts, no tokenizer. Sizes the rate
 *   limiter's admission before the vendor has said anything, corrected afterwards from the
 *   vendor's usage. It is an estimate, not a bound: money is held from prompt-bound.ts instead.
 * - exact (`estimatePromptTokens`, `countTokens`): o200k (gpt-tokenizer), the tokenizer of
 *   current OpenAI models, for what is BILLED when a vendor reports no usage. Other vendors'
 *   tokenizers differ by tens of percent; such charges are marked estimated.
 *
 * The o200k tables are loaded on the first exact count (o200k.ts), which most deployments never
 * make: vendors report usage.
 */
import type { AssistantContentPart, ChatRequest, ToolResultContentPart, UserContentPart } from '../ir/index.js';
import { countO200k } from './o200k.js';

export { isTokenizerLoaded } from './o200k.js';

type ContentPart = UserContentPart | AssistantContentPart | ToolResultContentPart;

/**
 * How much prompt text is really tokenized. BPE costs ~15 µs per KB here (a 60 KB prompt took
 * 0.9 ms on the 2-core development machine), so a 30 MB
 * request (1M-token contexts are legal) would block the event loop for seconds and stall every
 * other request. Text beyond the budget is extrapolated from the tokens-per-character ratio the
 * tokenized sample showed, never below one token per 3 characters, with a 10% margin: an
 * estimate that is too low under-bills a request whose vendor reported no usage.
 */
export const PROMPT_TOKENIZE_BUDGET_CHARS = 8 * 1024;
/** Delivered output is billed, so more of it is tokenized exactly (outputs are far smaller than prompts). */
export const OUTPUT_TOKENIZE_BUDGET_CHARS = 256 * 1024;

/**
 * Fixed allowances for media whose token cost depends on what the vendor does with it (resize,
 * page rendering, audio frames) — all deliberately generous:
 * - an image: 1,600 tokens (Anthropic's cost for a ~1.15-megapixel image, the largest it keeps;
 *   OpenAI's high-detail 2048×2048 tile count is ~1,100; Gemini charges 258);
 * - a file (PDF and other documents): 3,000 tokens (a couple of rendered pages) plus, for
 *   inline text files, their text;
 * - audio: 1,600 tokens plus one token per 500 bytes (~32 tokens per second of 128 kbit/s audio).
 */
export const IMAGE_TOKENS = 1_600;
export const FILE_TOKENS = 3_000;
export const AUDIO_BASE_TOKENS = 1_600;
export const AUDIO_BYTES_PER_TOKEN = 500;
/** ChatML framing per message (role, separators), as OpenAI's cookbook counts it. */
export const MESSAGE_OVERHEAD_TOKENS = 4;
/** The assistant reply is primed with a few tokens. */
export const REPLY_PRIMING_TOKENS = 3;
/** Framing per tool definition (name, wrapper) besides its text. */
export const TOOL_OVERHEAD_TOKENS = 8;

const MIN_TOKENS_PER_CHAR = 1 / 3;
const EXTRAPOLATION_MARGIN = 1.1;

interface TextCounter {
  add(text: string | undefined): void;
  total(): number;
}

/** Quick estimate: ASCII at 2.5 characters a token, anything else at 1.2 tokens a character. */
const QUICK_ASCII_CHARS_PER_TOKEN = 2.5;
const QUICK_TOKENS_PER_OTHER_CHAR = 1.2;

/**
 * Tokens from lengths alone. o200k gives ~4 characters a token for English prose, 2.6-3 for code and
 * JSON, and at most about one a character for Chinese and Japanese; counting 2.5 and 1.2 stays above
 * it for those (see the test) and costs no tokenizer. Characters beyond ASCII are found from the
 * UTF-8 length: each adds 1-3 bytes over its UTF-16 length, 2 for the CJK range, so
 * (bytes − length) / 2 counts them.
 */
class QuickCounter implements TextCounter {
  private tokens = 0;

  add(text: string | undefined): void {
    if (!text) return;
    const other = Math.ceil((Buffer.byteLength(text) - text.length) / 2);
    const ascii = Math.max(0, text.length - other);
    this.tokens += Math.ceil(ascii / QUICK_ASCII_CHARS_PER_TOKEN) + Math.ceil(other * QUICK_TOKENS_PER_OTHER_CHAR);
  }

  total(): number {
    return this.tokens;
  }
}

/** Exact tokens of text within a character budget; the rest extrapolated from the sample's ratio. */
class BpeCounter implements TextCounter {
  private tokenized = 0;
  private tokens = 0;
  private skipped = 0;

  constructor(
    private budget: number,
    private readonly conservative: boolean,
  ) {}

  add(text: string | undefined): void {
    if (!text) return;
    if (this.budget <= 0) {
      this.skipped += text.length;
      return;
    }
    const head = text.length <= this.budget ? text : text.slice(0, this.budget);
    this.tokens += countO200k(head, 'slices');
    this.tokenized += head.length;
    this.budget -= head.length;
    this.skipped += text.length - head.length;
  }

  total(): number {
    if (this.skipped === 0) return this.tokens;
    const measured = this.tokenized > 0 ? this.tokens / this.tokenized : MIN_TOKENS_PER_CHAR;
    const ratio = this.conservative ? Math.max(MIN_TOKENS_PER_CHAR, measured * EXTRAPOLATION_MARGIN) : measured;
    return this.tokens + Math.ceil(this.skipped * ratio);
  }
}

/** Decoded size of base64 text, without decoding it. */
function base64Bytes(data: string): number {
  return Math.floor((data.length * 3) / 4);
}

function isTextMedia(mediaType: string | undefined): boolean {
  return !!mediaType && (mediaType.startsWith('text/') || mediaType === 'application/json');
}

function addPart(part: ContentPart, text: TextCounter): number {
  switch (part.type) {
    case 'text':
    case 'refusal':
      text.add(part.text);
      return 0;
    case 'reasoning':
      // Replayed reasoning is input for the vendors that accept it back; redacted blobs are opaque
      // ciphertext, counted like any text of that length.
      text.add(part.text);
      text.add(part.redactedData);
      return 0;
    case 'tool-call':
      text.add(part.name);
      text.add(part.arguments);
      return MESSAGE_OVERHEAD_TOKENS;
    case 'image':
    case 'generated-image':
      return IMAGE_TOKENS;
    case 'file':
      if (part.source.kind === 'base64' && isTextMedia(part.source.mediaType)) {
        // Only the budgeted head is decoded: a huge text file costs no more CPU than its budget.
        const head = part.source.data.slice(0, Math.ceil((PROMPT_TOKENIZE_BUDGET_CHARS * 4) / 3));
        const decoded = Buffer.from(head, 'base64').toString('utf8');
        text.add(decoded);
        // What was not decoded is counted at the conservative floor ratio (bytes ≥ characters).
        const rest = Math.max(0, base64Bytes(part.source.data) - Buffer.byteLength(decoded));
        return FILE_TOKENS + Math.ceil(rest * MIN_TOKENS_PER_CHAR * EXTRAPOLATION_MARGIN);
      }
      return FILE_TOKENS;
    case 'audio':
      return AUDIO_BASE_TOKENS + Math.ceil(base64Bytes(part.data) / AUDIO_BYTES_PER_TOKEN);
    default: {
      const exhaustive: never = part;
      return exhaustive;
    }
  }
}

/** One estimate per request object: the rate limiter may ask for it more than once. */
const quickEstimates = new WeakMap<ChatRequest, number>();

/**
 * The prompt tokens a request will likely be billed for, from lengths (no tokenizer): sizes the
 * rate limiter's admission (not the hold: see prompt-bound.ts). Same parts, allowances and framing
 * as the exact count below.
 */
export function quickPromptEstimate(request: ChatRequest): number {
  let estimate = quickEstimates.get(request);
  if (estimate === undefined) {
    estimate = computePromptEstimate(request, new QuickCounter());
    quickEstimates.set(request, estimate);
  }
  return estimate;
}

/**
 * A conservative count of the prompt tokens a request will be billed for, with the tokenizer:
 * message text, tool calls and results, tool definitions and response schemas, media allowances
 * and framing. Billed when the vendor reports no prompt usage.
 */
export function estimatePromptTokens(request: ChatRequest): number {
  return computePromptEstimate(request, new BpeCounter(PROMPT_TOKENIZE_BUDGET_CHARS, true));
}

function computePromptEstimate(request: ChatRequest, text: TextCounter): number {
  let fixed = REPLY_PRIMING_TOKENS;
  for (const message of request.messages) {
    fixed += MESSAGE_OVERHEAD_TOKENS;
    if ('name' in message) text.add(message.name);
    if (message.role === 'tool') {
      text.add(message.toolCallId);
      text.add(message.toolName);
    }
    for (const part of message.content) fixed += addPart(part, text);
  }
  for (const tool of request.tools ?? []) {
    fixed += TOOL_OVERHEAD_TOKENS;
    text.add(tool.name);
    text.add(tool.description);
    text.add(JSON.stringify(tool.parameters));
  }
  if (request.responseFormat?.type === 'json_schema') {
    text.add(request.responseFormat.name);
    text.add(request.responseFormat.description);
    text.add(JSON.stringify(request.responseFormat.schema));
  }
  return fixed + text.total();
}

/** The likely tokens of one text, from its lengths (no tokenizer): the quick estimate's rule for a rate limiter's admission. */
export function quickTextTokens(text: string): number {
  const counter = new QuickCounter();
  counter.add(text);
  return counter.total();
}

/**
 * Tokens in delivered output text, for billing when the vendor reported no usage. Exact up to
 * 256 KB; beyond that extrapolated at the measured ratio (no safety margin: this is charged).
 */
export function countTokens(text: string): number {
  const counter = new BpeCounter(OUTPUT_TOKENIZE_BUDGET_CHARS, false);
  counter.add(text);
  return counter.total();
}
