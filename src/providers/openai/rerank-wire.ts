import { GatewayError } from '../../ir/index.js';
import type { RerankResult } from '../../rerank/rerank-types.js';
import type { ProviderContext } from '../provider.js';

/**
 * The rerank APIs AIHub speaks, named by the vendor whose wire it is:
 * - `cohere`: `POST {host}/v2/rerank`, billed per search (`meta.billed_units.search_units`);
 * - `jina`: `POST {base}/rerank` (base ending in `/v1`), billed by `usage.total_tokens`; also the
 *   shape of vLLM's and other OpenAI-compatible servers' `/v1/rerank`;
 * - `dashscope`: Alibaba's `POST {host}/api/v1/services/rerank/text-rerank/text-rerank`
 *   (`input`/`parameters`, answer in `output.results`), billed by `usage.total_tokens`.
 */
export type RerankWire = 'cohere' | 'jina' | 'dashscope';

/** How a wire's vendor bills a rerank: per search, or by the tokens it counted. */
export function rerankBillingOf(wire: RerankWire): 'search' | 'tokens' {
  return wire === 'cohere' ? 'search' : 'tokens';
}

export function jsonHeaders(context: ProviderContext): Record<string, string> {
  const { target } = context;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (target.apiKey) headers.authorization = `Bearer ${target.apiKey}`;
  for (const [name, value] of Object.entries(target.headers ?? {})) headers[name.toLowerCase()] = value;
  return headers;
}

function invalidAnswer(message: string): GatewayError {
  return new GatewayError({ kind: 'upstream_error', message, code: 'upstream_invalid_response' });
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/**
 * `results: [{index, relevance_score}]` as all three wires answer it, checked against the
 * documents sent: each index a document's, none twice, scores numbers.
 */
export function readRerankResults(list: unknown, documentCount: number): RerankResult['results'] {
  if (!Array.isArray(list)) throw invalidAnswer('The upstream answered the rerank without a `results` list.');
  const seen = new Set<number>();
  return list.map((item) => {
    const entry = asRecord(item);
    const { index, relevance_score: score } = entry;
    if (
      typeof index !== 'number' ||
      !Number.isInteger(index) ||
      index < 0 ||
      index >= documentCount ||
      seen.has(index) ||
      typeof score !== 'number'
    ) {
      throw invalidAnswer(
        'The upstream answered the rerank with a result that is not a scored document of the request.',
      );
    }
    seen.add(index);
    return { index, relevanceScore: score };
  });
}

export { asRecord };
