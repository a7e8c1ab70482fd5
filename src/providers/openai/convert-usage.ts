import type { Usage } from '../../ir/index.js';
import { asNumber, asObject } from './json.js';

/**
 * OpenAI usage (and the compatible vendors' variants) as nested IR usage. `undefined` stays
 * "not reported"; the vendor's object is kept as `raw`.
 * - cache reads: `prompt_tokens_details.cached_tokens`, DeepSeek `prompt_cache_hit_tokens`;
 *   cache writes: OpenRouter `prompt_tokens_details.cache_write_tokens`, of which
 *   `cache_write_1h_tokens` (another AIHub in front of this one reports it) were one-hour writes.
 * - reasoning: `completion_tokens_details.reasoning_tokens` (some vendors put `reasoning_tokens` at the top).
 * - xAI and Gemini's compat layer count reasoning outside `completion_tokens`; that shows as
 *   `total_tokens > prompt_tokens + completion_tokens`, and the difference is reasoning they billed.
 * - audio (gpt-4o-audio, gpt-realtime): `prompt_tokens_details.audio_tokens` and
 *   `completion_tokens_details.audio_tokens`, parts of the prompt and completion counts that the
 *   vendor prices at its audio rates; the completion's text is what is left of it.
 */
export function convertOpenAIUsage(rawUsage: unknown): Usage | undefined {
  const usage = asObject(rawUsage);
  if (!usage) return undefined;
  const promptDetails = asObject(usage.prompt_tokens_details);
  const completionDetails = asObject(usage.completion_tokens_details);

  const inputTotal = asNumber(usage.prompt_tokens) ?? asNumber(usage.input_tokens);
  const cacheRead = asNumber(promptDetails?.cached_tokens) ?? asNumber(usage.prompt_cache_hit_tokens);
  const cacheWrite1h = asNumber(promptDetails?.cache_write_1h_tokens);
  // The one-hour part can never exceed the writes in all (billing counts it so: encode-usage.ts).
  const cacheWrite =
    cacheWrite1h !== undefined
      ? Math.max(asNumber(promptDetails?.cache_write_tokens) ?? 0, cacheWrite1h)
      : asNumber(promptDetails?.cache_write_tokens);
  const completion = asNumber(usage.completion_tokens) ?? asNumber(usage.output_tokens);
  let reasoning = asNumber(completionDetails?.reasoning_tokens) ?? asNumber(usage.reasoning_tokens);
  const total = asNumber(usage.total_tokens);
  const inputAudio = asNumber(promptDetails?.audio_tokens);
  let outputAudio = asNumber(completionDetails?.audio_tokens);

  let outputTotal = completion;
  let text: number | undefined;
  const unaccounted =
    total !== undefined && inputTotal !== undefined && completion !== undefined ? total - inputTotal - completion : 0;
  if (completion !== undefined && unaccounted > 0 && (reasoning === undefined || reasoning === unaccounted)) {
    reasoning = unaccounted;
    outputTotal = completion + unaccounted;
    text = completion;
  } else if (completion !== undefined) {
    // Some vendors report more reasoning than completion tokens in all (OpenRouter/Minimax): cap it.
    if (reasoning !== undefined && reasoning > completion) reasoning = completion;
    text = completion - (reasoning ?? 0);
  }
  if (text !== undefined && outputAudio !== undefined) {
    // Audio is a part of the completion's non-reasoning tokens, never more than them.
    outputAudio = Math.min(outputAudio, text);
    text -= outputAudio;
  }

  return {
    inputTokens: {
      total: inputTotal,
      noCache: inputTotal !== undefined ? inputTotal - (cacheRead ?? 0) - (cacheWrite ?? 0) : undefined,
      cacheRead,
      cacheWrite,
      ...(cacheWrite1h !== undefined ? { cacheWrite1h } : {}),
      ...(inputAudio ? { audio: inputAudio } : {}),
    },
    outputTokens: { total: outputTotal, text, reasoning, ...(outputAudio ? { audio: outputAudio } : {}) },
    raw: rawUsage,
  };
}

/** The usage object of a body or chunk: top-level `usage`, else Groq's `x_groq.usage`. */
export function findUsage(body: Record<string, unknown>): unknown {
  const usage = asObject(body.usage);
  if (usage) return usage;
  return asObject(asObject(body.x_groq)?.usage);
}
