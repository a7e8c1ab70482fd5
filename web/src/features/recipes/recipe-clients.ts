/**
 * The clients the "Use with…" page and the README set up, and the inbound API (surface) each one
 * speaks to AIHub. Names are proper names: not translated.
 */

export type RecipeClient =
  | 'claude-code'
  | 'codex'
  | 'gemini-cli'
  | 'cherry-studio'
  | 'openai-sdk'
  | 'anthropic-sdk'
  | 'google-genai-sdk'
  | 'curl';

/** AIHub's inbound APIs. */
export type RecipeSurface = 'chat-completions' | 'responses' | 'messages' | 'gemini';

export interface RecipeClientInfo {
  id: RecipeClient;
  /** The tab label, and the name of a key created for this client. */
  label: string;
  /** The APIs its recipe uses, in the order its snippets do. */
  surfaces: readonly RecipeSurface[];
}

export const RECIPE_CLIENTS: readonly RecipeClientInfo[] = [
  { id: 'claude-code', label: 'Claude Code', surfaces: ['messages'] },
  { id: 'codex', label: 'Codex CLI', surfaces: ['responses'] },
  { id: 'gemini-cli', label: 'Gemini CLI', surfaces: ['gemini'] },
  { id: 'cherry-studio', label: 'Cherry Studio', surfaces: ['chat-completions'] },
  { id: 'openai-sdk', label: 'OpenAI SDK', surfaces: ['chat-completions', 'responses'] },
  { id: 'anthropic-sdk', label: 'Anthropic SDK', surfaces: ['messages'] },
  { id: 'google-genai-sdk', label: 'Google Gen AI SDK', surfaces: ['gemini'] },
  { id: 'curl', label: 'curl', surfaces: ['chat-completions', 'messages', 'responses', 'gemini'] },
];

/** Each surface's main endpoint, as the page names it. */
export const SURFACE_ENDPOINTS: Record<RecipeSurface, string> = {
  'chat-completions': 'POST /v1/chat/completions',
  responses: 'POST /v1/responses',
  messages: 'POST /v1/messages',
  gemini: 'POST /v1beta/models/{model}:generateContent',
};

export function isRecipeClient(value: unknown): value is RecipeClient {
  return RECIPE_CLIENTS.some((client) => client.id === value);
}

export function recipeClient(id: RecipeClient): RecipeClientInfo {
  const found = RECIPE_CLIENTS.find((client) => client.id === id);
  if (!found) throw new Error(`Unknown client: ${id}`);
  return found;
}
