/**
 * Where a request's CPU goes, by pipeline stage: each busy sample of a CPU profile is charged to
 * one stage, chosen by the innermost AIHub source file on its stack (a SQLite statement run from
 * the money path is the money path's; undici's work under src/upstream is the upstream call's).
 * Samples with no AIHub frame are Node's own HTTP and socket work, the garbage collector, or V8.
 * Divided by the requests answered in the profiled window, it is the per-request bill that the
 * floor's CPU per request is compared with (issue 17: a missed target names what it would cost).
 */

export interface StageRule {
  stage: string;
  /** Matches the AIHub file as `src/<path>.ts`. */
  file: RegExp;
}

const HTTP_LAYER = 'HTTP layer (fastify, routes, replies)';
const UPSTREAM_HTTP = 'upstream HTTP (undici)';

/** First match wins; order from the most specific. */
export const STAGE_RULES: readonly StageRule[] = [
  { stage: 'money path (hold, settle)', file: /^src\/billing\/(money-path|ledger|relay-billing|settle)/ },
  { stage: 'billing (prices, estimates)', file: /^src\/billing\// },
  { stage: 'request log', file: /^src\/logs\// },
  { stage: 'rate limits', file: /^src\/limits\// },
  { stage: 'auth (keys, accounts)', file: /^src\/(accounts|platform\/relay-auth|http\/authenticate|keys)/ },
  { stage: 'client format (decode, encode)', file: /^src\/surfaces\// },
  { stage: 'vendor format (encode, decode)', file: /^src\/providers\// },
  { stage: UPSTREAM_HTTP, file: /^src\/upstream\// },
  { stage: 'routing', file: /^src\/routing\// },
  { stage: 'metrics, tracing', file: /^src\/(metrics|observability)\// },
  { stage: 'relay orchestration', file: /^src\/relay\// },
  { stage: HTTP_LAYER, file: /^src\/(http|cache)\// },
  { stage: 'other AIHub code', file: /^src\// },
];

/** A sample's stage from its stack, innermost frame first (`src/...ts` paths, or V8's names). */
export function stageOf(innermostFirst: readonly string[]): string | undefined {
  const leaf = innermostFirst[0];
  if (leaf === '(idle)') return undefined;
  if (leaf === '(garbage collector)') return 'garbage collector';
  for (const file of innermostFirst) {
    if (!file.startsWith('src/')) continue;
    return STAGE_RULES.find((rule) => rule.file.test(file))?.stage ?? 'other AIHub code';
  }
  // No AIHub frame: work started by a socket event rather than by AIHub's code (undici parsing an
  // upstream answer, fastify routing a request before its handler), named by the innermost package.
  for (const file of innermostFirst) {
    if (file === 'node_modules/undici') return UPSTREAM_HTTP;
    if (/^node_modules\/(fastify|find-my-way|avvio|@fastify\/)/.test(file)) return HTTP_LAYER;
  }
  if (leaf === '(program)') return 'V8 and native (no JS frame)';
  return 'Node HTTP server and sockets (no AIHub frame)';
}

export interface StageRow {
  stage: string;
  ms: number;
  /** Share of the busy time. */
  pct: number;
  /** CPU per answered request, when the request count is known. */
  usPerRequest?: number;
}

/** Busy time per stage, highest first; `requests` (answered in the window) gives µs per request. */
export function stageRows(stageUs: Map<string, number>, requests?: number): StageRow[] {
  const busy = [...stageUs.values()].reduce((sum, us) => sum + us, 0);
  return [...stageUs]
    .sort((a, b) => b[1] - a[1])
    .map(([stage, us]) => ({
      stage,
      ms: Math.round(us / 100) / 10,
      pct: Math.round((us / busy) * 1000) / 10,
      ...(requests ? { usPerRequest: Math.round((us / requests) * 10) / 10 } : {}),
    }));
}
