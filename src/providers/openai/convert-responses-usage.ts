import type { Usage } from '../../ir/index.js';
import { asNumber, asObject } from './json.js';

/**
 * A Responses `usage` object as nested IR usage: `input_tokens` includes the cache reads
 * (`input_tokens_details.cached_tokens`) and writes (`cache_write_tokens`, in newer answers),
 * `output_tokens` includes the reasoning (`output_tokens_details.reasoning_tokens`). `undefined`
 * stays "not reported"; the vendor's object is kept raw. `webSearchCalls` is the count of
 * `web_search_call` items in the answer (countWebSearchCalls): OpenAI bills each web search tool
 * call on top of tokens and reports none of them in `usage`.
 */
export function convertResponsesUsage(rawUsage: unknown, webSearchCalls = 0): Usage | undefined {
  const usage = asObject(rawUsage);
  if (!usage) return undefined;
  const input = asNumber(usage.input_tokens);
  const inputDetails = asObject(usage.input_tokens_details);
  const cacheRead = asNumber(inputDetails?.cached_tokens);
  const cacheWrite = asNumber(inputDetails?.cache_write_tokens);
  const output = asNumber(usage.output_tokens);
  const reasoning = asNumber(asObject(usage.output_tokens_details)?.reasoning_tokens);
  return {
    inputTokens: {
      total: input,
      noCache: input !== undefined ? Math.max(0, input - (cacheRead ?? 0) - (cacheWrite ?? 0)) : undefined,
      cacheRead,
      cacheWrite,
    },
    outputTokens: {
      total: output,
      text: output !== undefined ? Math.max(0, output - (reasoning ?? 0)) : undefined,
      reasoning,
    },
    ...(webSearchCalls > 0 ? { serverToolCalls: { webSearch: webSearchCalls } } : {}),
    raw: rawUsage,
  };
}

/**
 * The web search tool calls in a Responses `output`. Every `web_search_call` item counts, whatever
 * its `action` (`search`, `open_page`, `find_in_page`): OpenAI prices "web search tool calls", and
 * each item is one call (counting all of them can only over-bill a page visit, never miss a search).
 */
export function countWebSearchCalls(output: readonly unknown[]): number {
  let calls = 0;
  for (const item of output) if (isWebSearchCall(item)) calls++;
  return calls;
}

export function isWebSearchCall(item: unknown): boolean {
  return asObject(item)?.type === 'web_search_call';
}
