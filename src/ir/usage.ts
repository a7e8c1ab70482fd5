/**
 * Token usage, nested the way billing needs it. `undefined` means "not reported", never 0.
 * Input: total = noCache + cacheRead + cacheWrite. Output: total = text + reasoning + image + audio.
 * `image` and `audio` are parts of those totals (of the uncached input, of the output), never extra.
 */
export interface Usage {
  inputTokens: {
    total?: number;
    noCache?: number;
    cacheRead?: number;
    cacheWrite?: number;
    /**
     * The part of `cacheWrite` written with a one-hour lifetime (Anthropic `ttl: "1h"`), priced
     * apart; the rest of `cacheWrite` is five-minute writes.
     */
    cacheWrite1h?: number;
    /** The part of the input that was images (gpt-image edits), priced at `inputImage` where the model has it. */
    image?: number;
    /**
     * The part of the input that was audio (a transcription's clip, audio sent to gpt-4o-audio or
     * Gemini), priced at `inputAudio` where the model has it.
     */
    audio?: number;
  };
  outputTokens: {
    total?: number;
    text?: number;
    reasoning?: number;
    /** The part of the output that was images (gpt-image, Gemini image models), priced at `outputImage`. */
    image?: number;
    /** The part of the output that was audio (gpt-4o-mini-tts, gpt-4o-audio, Gemini TTS), priced at `outputAudio`. */
    audio?: number;
  };
  /**
   * Things billed per unit rather than per token, counted by unit key (src/billing/unit-prices.ts):
   * `{ "image:1024x1024:hd": 2 }`, `{ "video_second:1280x720": 8 }`, `{ "character": 812 }`.
   */
  units?: Record<string, number>;
  /**
   * Calls of tools the vendor ran itself and bills per call on top of tokens (undefined: none
   * reported). `webSearch`: Anthropic `server_tool_use.web_search_requests`, OpenAI Responses
   * `web_search_call` items, Gemini grounding with Google Search (per prompt on 2.x, per query on 3).
   */
  serverToolCalls?: { webSearch?: number };
  /** The vendor's own usage object, kept for logs and debugging, never sent to clients as is. */
  raw?: unknown;
}

export function emptyUsage(): Usage {
  return { inputTokens: {}, outputTokens: {} };
}
