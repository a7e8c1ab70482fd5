/**
 * The most web searches a vendor may run, and bill per call, for one request: what its hold must
 * cover (hold-size.ts) so a user cannot overdraw with searches. Pure.
 *
 * - Anthropic's web search server tool (`web_search_20250305`, `web_search_20260209`...) caps
 *   itself with `max_uses`; without it, the operator's `webSearchHoldCalls` bound.
 * - OpenAI's Responses `web_search` (and `web_search_preview`) and Gemini's `googleSearch`
 *   grounding have no per-request cap: the same bound.
 * - Several search tools in one request: their bounds add up. No search tool: 0, the hold is
 *   exactly the token bound.
 *
 * A vendor that runs more searches than the bound is an overrun, settled as every overrun is
 * (relay-billing.ts): charged as far as the free balance and the key's quota allow.
 */
import type { ChatRequest, ServerTool } from '../ir/index.js';

/** The `webSearchHoldCalls` setting's default: more searches than one answer usually needs. */
export const DEFAULT_WEB_SEARCH_HOLD_CALLS = 20;

const GEMINI_SEARCH_TOOLS: ReadonlySet<string> = new Set(['googleSearch', 'googleSearchRetrieval']);

/** Whether a server tool is one whose searches the vendor bills per call. */
export function isWebSearchTool(tool: ServerTool): boolean {
  switch (tool.origin) {
    case 'anthropic':
    case 'openai-responses':
      return tool.type.startsWith('web_search');
    case 'gemini':
      return GEMINI_SEARCH_TOOLS.has(tool.type);
    default:
      return false;
  }
}

/** Anthropic's `max_uses`, when the client set a usable one. */
function maxUses(tool: ServerTool): number | undefined {
  if (tool.origin !== 'anthropic') return undefined;
  const value = tool.definition.max_uses;
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

/** Web searches to hold for: `uncappedBound` per search tool without a cap of its own. */
export function webSearchCallBound(request: Pick<ChatRequest, 'serverTools'>, uncappedBound: number): number {
  let bound = 0;
  for (const tool of request.serverTools ?? []) {
    if (isWebSearchTool(tool)) bound += maxUses(tool) ?? uncappedBound;
  }
  return bound;
}
