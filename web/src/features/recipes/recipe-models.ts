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

/** Newest-looking first: version numbers and later names sort higher. */
function descending(ids: readonly string[]): string[] {
  return [...ids].sort((a, b) => b.localeCompare(a, 'en', { numeric: true }));
}

/** The model a client's recipe starts with, among `ids`; null when there is none. */
export function recommendedModel(client: RecipeClient, ids: readonly string[]): string | null {
  const family = NATIVE_FAMILY[client];
  for (const id of PREFERRED[family] ?? []) if (ids.includes(id)) return id;
  const inFamily = descending(ids.filter((id) => modelFamily(id) === family));
  return inFamily.find((id) => !SMALL.test(id)) ?? inFamily[0] ?? ids[0] ?? null;
}

/**
 * A small, fast model of the main model's family for Claude Code's background work (titles,
 * summaries); the main model itself when its family has none.
 */
export function recommendedSmallModel(main: string, ids: readonly string[]): string {
  const family = modelFamily(main);
  if (family === 'other') return main;
  const small = descending(ids.filter((id) => modelFamily(id) === family && SMALL.test(id)));
  return small[0] ?? main;
}

/**
 * True when the model is not of the family the client was written for: AIHub then translates the
 * client's API to the model vendor's (Claude Code with GPT, Codex with Claude...).
 */
export function isTranslated(client: RecipeClient, model: string): boolean {
  return modelFamily(model) !== NATIVE_FAMILY[client];
}
