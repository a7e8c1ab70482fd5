/**
 * The realistic upstream's answer, shared by the upstream (which writes it) and the client (which
 * reads it): an OpenAI Chat Completions stream of one token a frame, each token being the
 * upstream's send time in ms (`performance.timeOrigin + performance.now()`, 3 decimals), so the
 * client can tell each frame's delay without any state shared with the upstream.
 */
const BASE = '{"id":"chatcmpl-realistic","object":"chat.completion.chunk","created":1700000000,"model":"gpt-4o-mini",';

/** The role frame, sent with the first token. */
export const ROLE_FRAME = `data: ${BASE}"choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}\n\n`;
const TOKEN_HEAD = `data: ${BASE}"choices":[{"index":0,"delta":{"content":"`;
const TOKEN_TAIL = ' "},"finish_reason":null}]}\n\n';

/** One content frame whose token is `sentAtMs`. */
export function tokenFrame(sentAtMs: number): string {
  return TOKEN_HEAD + sentAtMs.toFixed(3) + TOKEN_TAIL;
}

/** The finish frame, the usage frame when the request asked for it, and `[DONE]`. */
export function closingFrames(tokens: number, includeUsage: boolean): string {
  const finish = `data: ${BASE}"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}\n\n`;
  const usage = includeUsage
    ? `data: ${BASE}"choices":[],"usage":{"prompt_tokens":40,"completion_tokens":${tokens},"total_tokens":${40 + tokens}}}\n\n`
    : '';
  return `${finish}${usage}data: [DONE]\n\n`;
}

/**
 * How many tokens answer number `n` has: a length drawn evenly from [minSec, maxSec] by a hash of
 * `n` (the same answers in the same order on every run and every target), times the token rate.
 */
export function answerTokens(n: number, minSec: number, maxSec: number, tokensPerSec: number): number {
  const seconds = minSec + (maxSec - minSec) * unitHash(n);
  return Math.max(1, Math.round(seconds * tokensPerSec));
}

/** A number in [0, 1) from an integer (mulberry32's mixing step). */
export function unitHash(n: number): number {
  let t = (n + 0x6d2b79f5) | 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** `20-60` → [20, 60]; a single number is both ends. */
export function parseRange(text: string): [number, number] {
  const [low, high = low] = text.split('-').map((part) => Number(part.trim()));
  if (!(Number.isFinite(low) && Number.isFinite(high) && low > 0 && high >= low)) {
    throw new Error(`not a range of seconds: ${text}`);
  }
  return [low, high];
}
