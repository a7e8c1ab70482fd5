/**
 * The most input tokens a vendor bills for media it receives, whatever its size or resolution:
 * what a hold must assume for an image, a file or an audio clip, since their pixels and pages are
 * not counted before the call. Each figure is the largest the vendors document, with the source.
 *
 * Images (per image):
 * - OpenAI, tile models (gpt-4o, gpt-4.1, gpt-5, o1, o3): 85 + 170 per 512-px tile, at most 8
 *   tiles after the image is fitted in 2048 × 2048 and its short side scaled to 768 px: 1,445.
 *   Patch models (gpt-4.1-mini/nano, o4-mini, gpt-5-mini/nano): at most 1,536 patches of 32 px
 *   × a multiplier of at most 2.46 (gpt-4.1-nano): 3,779; newer models allow 2,500 patches at
 *   "high" and more at "original" detail, × 1.2. (platform.openai.com/docs/guides/images-vision,
 *   "Calculating costs".)
 * - OpenAI gpt-4o-mini bills images with more tokens so that their dollar cost matches gpt-4o:
 *   2,833 + 5,667 per tile, at most 8 tiles: 48,169 (same page).
 * - Anthropic: width × height / 750 after resizing to at most ~1.15 megapixels (≈ 1,600 tokens);
 *   high-resolution models keep up to ~3.75 megapixels (≈ 4,800). (docs.anthropic.com, "Vision",
 *   "Calculate image costs".)
 * - Gemini: 258 per 768-px tile (2.x), 1,120 at Gemini 3's high media resolution.
 *   (ai.google.dev/gemini-api/docs/tokens, "Multimodal tokens".)
 * IMAGE_TOKENS_CEILING is above all of these except gpt-4o-mini's, which has its own.
 *
 * Files (PDF and other documents): OpenAI and Anthropic read at most 100 pages, each billed as its
 * text plus an image of the page; a page's text has no size limit we could check before the call
 * (a compressed PDF stream expands), so a file may fill the model's whole context window, which
 * is where the prompt bound caps it. Without a known window: 100 pages × 4,096 tokens.
 *
 * Audio: Gemini bills 32 tokens a second, OpenAI's audio models ~10; the lowest bit rates the
 * vendors accept (mp3 at 8 kbit/s, opus at 6 kbit/s) are ≥ 500 bytes a second, so one token per
 * 16 bytes is above either; plus a fixed allowance for a clip's framing.
 */

export const IMAGE_TOKENS_CEILING = 12_288;
/** gpt-4o-mini's high-detail maximum: 2,833 + 8 × 5,667. */
export const GPT_4O_MINI_IMAGE_TOKENS = 48_169;
export const FILE_TOKENS_CEILING = 100 * 4_096;
export const AUDIO_FRAMING_TOKENS = 1_600;
export const AUDIO_BYTES_PER_TOKEN = 16;

export interface MediaCeilings {
  imageTokens: number;
  fileTokens: number;
  /** Tokens for an audio clip of this many (decoded) bytes. */
  audioTokens(bytes: number): number;
}

function audioTokens(bytes: number): number {
  return AUDIO_FRAMING_TOKENS + Math.ceil(bytes / AUDIO_BYTES_PER_TOKEN);
}

/**
 * The ceilings for a model as the upstream names it. Decided by the model id rather than the
 * vendor: a reseller (OpenRouter, an OpenAI-compatible proxy) bills OpenAI's models as OpenAI does.
 */
export function mediaCeilings(upstreamModel: string): MediaCeilings {
  const imageTokens = /gpt-4o-mini/i.test(upstreamModel) ? GPT_4O_MINI_IMAGE_TOKENS : IMAGE_TOKENS_CEILING;
  return { imageTokens, fileTokens: FILE_TOKENS_CEILING, audioTokens };
}
