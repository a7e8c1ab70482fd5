/**
 * Usage modes for the OpenAI emulator, to prove that holds bound what a vendor can bill:
 * - `o200k`: counts like OpenAI does: the prompt with the o200k tokenizer and the cookbook's chat
 *   framing (3 tokens a message, 1 a name, 3 to prime the reply), tools and schemas as their JSON
 *   text, an image at 765 tokens (a 1024 × 1024 high-detail image); the answer is cut at
 *   max_tokens COUNTED IN TOKENS (not characters), and its tokens are reported.
 * - `maximum`: an adversary billing the most any tokenizer could: one token per UTF-8 byte of
 *   every string of every message (its role included) plus 4 a message, every byte of the tools'
 *   and the response format's JSON, each image at the largest OpenAI documents for the model
 *   (gpt-4o-mini 48,169; otherwise 3,779, 1,536 patches × 2.46), and the full output budget:
 *   max_tokens × n (32,768 × n when the request sets none).
 * Long words are counted in 64-character slices (src/billing/o200k.ts), since gpt-tokenizer is
 * quadratic in one word and a prompt of 9,000 CJK characters would stall the emulator.
 */
import { countO200k } from '../../src/billing/o200k.js';
import type { Plan } from './content.js';
import type { Json } from './types.js';

export type UsageCounting = 'o200k' | 'maximum';

const O200K_IMAGE_TOKENS = 765;
const MAXIMUM_IMAGE_TOKENS = 3_779;
const GPT_4O_MINI_IMAGE_TOKENS = 48_169;
const MAXIMUM_DEFAULT_OUTPUT = 32_768;

function o200k(text: string): number {
  return countO200k(text, 'slices');
}

/** Every string inside a value, images apart (they are counted per image). */
function walk(value: unknown, onText: (text: string) => void, onImage: () => void): void {
  if (typeof value === 'string') {
    onText(value);
  } else if (Array.isArray(value)) {
    for (const item of value) walk(item, onText, onImage);
  } else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (record.type === 'image_url') {
      onImage();
      return;
    }
    for (const item of Object.values(record)) walk(item, onText, onImage);
  }
}

/** Prompt tokens as OpenAI counts them (o200k and the cookbook's framing). */
export function o200kPromptTokens(body: Json): number {
  let tokens = 3;
  for (const message of Array.isArray(body?.messages) ? body.messages : []) {
    tokens += 3;
    if (typeof message?.name === 'string') tokens += 1;
    const { role: _role, ...rest } = message ?? {};
    walk(
      rest,
      (text) => {
        tokens += o200k(text);
      },
      () => {
        tokens += O200K_IMAGE_TOKENS;
      },
    );
  }
  if (body?.tools) tokens += o200k(JSON.stringify(body.tools));
  if (body?.response_format) tokens += o200k(JSON.stringify(body.response_format));
  return tokens;
}

/** The most any tokenizer could bill for the prompt: a token a byte, and media at their worst. */
export function maximumPromptTokens(body: Json): number {
  const imageTokens = /gpt-4o-mini/.test(String(body?.model)) ? GPT_4O_MINI_IMAGE_TOKENS : MAXIMUM_IMAGE_TOKENS;
  let tokens = 3;
  for (const message of Array.isArray(body?.messages) ? body.messages : []) {
    tokens += 4;
    walk(
      message,
      (text) => {
        tokens += Buffer.byteLength(text);
      },
      () => {
        tokens += imageTokens;
      },
    );
  }
  if (body?.tools) tokens += Buffer.byteLength(JSON.stringify(body.tools));
  if (body?.response_format) tokens += Buffer.byteLength(JSON.stringify(body.response_format));
  return tokens;
}

/** The answer cut to `max` o200k tokens (whole characters), or as it is when it fits. */
function cutToTokens(text: string, max: number): string | undefined {
  if (o200k(text) <= max) return undefined;
  const characters = Array.from(text);
  let low = 0;
  let high = characters.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (o200k(characters.slice(0, middle).join('')) <= max) low = middle;
    else high = middle - 1;
  }
  return characters.slice(0, low).join('');
}

/** Replaces the plan's usage (and cuts its text) as the mode counts; usage given by the script is kept. */
export function applyUsageCounting(plan: Plan, body: Json, mode: UsageCounting): void {
  const max: number | undefined = body?.max_completion_tokens ?? body?.max_tokens ?? undefined;
  if (mode === 'maximum') {
    plan.usage.input = maximumPromptTokens(body);
    plan.usage.output = max ?? MAXIMUM_DEFAULT_OUTPUT;
    return;
  }
  plan.usage.input = o200kPromptTokens(body);
  const calls = plan.toolCalls.reduce((total, call) => total + o200k(call.name) + o200k(call.arguments), 0);
  if (max !== undefined && plan.toolCalls.length === 0) {
    const cut = cutToTokens(plan.text, Math.max(0, max - plan.usage.reasoning));
    if (cut !== undefined) {
      plan.text = cut;
      plan.stop = 'length';
    }
  }
  plan.usage.output = Math.max(1, o200k(plan.text) + calls + plan.usage.reasoning);
}
