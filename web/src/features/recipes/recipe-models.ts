/**
 * Which model a recipe starts with. Each client is made for one vendor's models (Claude Code for
 * Claude, Codex for GPT, Gemini CLI for Gemini), so that family is recommended first; AIHub
 * translates, so any other model the user can call works behind it as well. Pure functions over
 * model ids.
 */
import type { RecipeClient } from './recipe-clients';

export type ModelFamily = 'claude' | 'gpt' | 'gemini' | 'deepseek' | 'qwen' | 'other';

/** The vendor family of a model id; a `provider/` prefix is ignored. */
export function modelFamily(id: string): ModelFamily {
  const name = (id.split('/').pop() ?? id).toLowerCase();
  if (name.startsWith('claude')) return 'claude';
  if (name.startsWith('gemini')) return 'gemini';
  if (name.startsWith('deepseek')) return 'deepseek';
  if (name.startsWith('qwen') || name.startsWith('qwq')) return 'qwen';
  if (/^(gpt|chatgpt|codex|o\d)/.test(name)) return 'gpt';
  return 'other';
}

/** The family each client speaks natively (whose API it was written for). */
export const NATIVE_FAMILY: Record<RecipeClient, ModelFamily> = {
  'claude-code': 'claude',
  codex: 'gpt',
  'gemini-cli': 'gemini',
  'cherry-studio': 'gpt',
  'openai-sdk': 'gpt',
  'anthropic-sdk': 'claude',
  'google-genai-sdk': 'gemini',
  curl: 'gpt',
};

/** Well-known good first choices per family, best first. */
const PREFERRED: Partial<Record<ModelFamily, readonly string[]>> = {
  claude: ['claude-sonnet-4-5', 'claude-sonnet-4-0', 'claude-sonnet-4', 'claude-opus-4-1'],
  gpt: ['gpt-5-codex', 'gpt-5', 'gpt-5-mini', 'gpt-4.1', 'gpt-4o'],
  gemini: ['gemini-2.5-pro', 'gemini-2.5-flash'],
};

/**
 * Names of a family's small, fast, cheap models (Claude Code's background model), as whole name
 * segments: "gemini" holds "mini" but is not small.
 */
const SMALL = /(^|[-_./])(haiku|mini|nano|flash|lite|turbo|instant)([-_.]|$)|deepseek-chat/i;

/** Special-purpose variants that make poor defaults for a chat or coding client. */
const SPECIAL = /search|audio|realtime|tts|transcribe|image|embed|moderation|computer-use/i;

/** A dated snapshot (`-20251001`, `-2025-04-16`): its undated alias is the better recipe default. */
const DATED = /-\d{8}$|-\d{4}-\d{2}-\d{2}$/;

/** Undated aliases first, then newest-looking first (version numbers and later names sort higher). */
function ranked(ids: readonly string[]): string[] {
  return [...ids].sort(
    (a, b) => Number(DATED.test(a)) - Number(DATED.test(b)) || b.localeCompare(a, 'en', { numeric: true }),
  );
}

function commonPrefixLength(a: string, b: string): number {
  let length = 0;
  while (length < a.length && length < b.length && a[length] === b[length]) length++;
  return length;
}

/** The model a client's recipe starts with, among `ids`; null when there is none. */
export function recommendedModel(client: RecipeClient, ids: readonly string[]): string | null {
  const family = NATIVE_FAMILY[client];
  for (const id of PREFERRED[family] ?? []) if (ids.includes(id)) return id;
  const inFamily = ranked(ids.filter((id) => modelFamily(id) === family && !SPECIAL.test(id)));
  return inFamily.find((id) => !SMALL.test(id)) ?? inFamily[0] ?? ids[0] ?? null;
}

/**
 * A small, fast model of the main model's family for Claude Code's background work (titles,
 * summaries), the closest relative first (`gpt-4o` → `gpt-4o-mini`, not `o4-mini`); the main model
 * itself when its family has none.
 */
export function recommendedSmallModel(main: string, ids: readonly string[]): string {
  const family = modelFamily(main);
  if (family === 'other') return main;
  const small = ranked(ids.filter((id) => modelFamily(id) === family && SMALL.test(id) && !SPECIAL.test(id)));
  // Longest shared prefix with the main model, then a name shaped like it (as many segments, or one
  // more such as `-mini`): `claude-haiku-4-5` beside `claude-sonnet-4-5` rather than `claude-3-haiku`.
  const segments = (id: string) => id.split('-').length;
  const shape = (id: string) =>
    Math.min(Math.abs(segments(id) - segments(main)), Math.abs(segments(id) - segments(main) - 1));
  const closest = [...small].sort(
    (a, b) => commonPrefixLength(b, main) - commonPrefixLength(a, main) || shape(a) - shape(b),
  );
  return closest[0] ?? main;
}

/**
 * True when the model is not of the family the client was written for: AIHub then translates the
 * client's API to the model vendor's (Claude Code with GPT, Codex with Claude...).
 */
export function isTranslated(client: RecipeClient, model: string): boolean {
  return modelFamily(model) !== NATIVE_FAMILY[client];
}
