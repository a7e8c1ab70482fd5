/**
 * The request parts around the body that each vendor's clients send, right and wrong: where the
 * key travels (`Authorization: Bearer`, Anthropic's `x-api-key`, Google's `x-goog-api-key` or
 * `?key=`), Anthropic's `anthropic-version` and `anthropic-beta` (garbage and control characters
 * included), Claude Code's `?beta=true`, Codex's and Gemini CLI's own headers. Header values stay
 * what an HTTP client can send (undici refuses C0 controls but \t, and DEL; C1 controls and
 * Latin-1 bytes pass), so every request reaches the server.
 */
import fc from 'fast-check';

export interface SurfaceParts {
  headers: Record<string, string>;
  /** Query pieces, already encoded (`beta=true`, `key=…`). */
  query: string[];
  description: string;
}

/** How a caller's key may travel to this surface. */
export type KeyPlacement = 'bearer' | 'x-api-key' | 'x-goog-api-key' | 'query-key' | 'two-keys-disagree';

/** The caller's headers with its key moved (callers without a Bearer key are left as they are). */
export function placeKey(callerHeaders: Record<string, string>, placement: KeyPlacement): SurfaceParts {
  const match = /^Bearer (.+)$/.exec(callerHeaders.authorization ?? '');
  if (!match || placement === 'bearer') return { headers: { ...callerHeaders }, query: [], description: placement };
  const key = match[1];
  const headers = { ...callerHeaders };
  delete headers.authorization;
  switch (placement) {
    case 'x-api-key':
      return { headers: { ...headers, 'x-api-key': key }, query: [], description: placement };
    case 'x-goog-api-key':
      return { headers: { ...headers, 'x-goog-api-key': key }, query: [], description: placement };
    case 'query-key':
      return { headers, query: [`key=${encodeURIComponent(key)}`], description: placement };
    case 'two-keys-disagree':
      // The Bearer header wins (auth.ts): a wrong second key must not matter, nor crash.
      return {
        headers: { ...callerHeaders, 'x-api-key': 'sk-wrong', 'x-goog-api-key': 'AIza-wrong' },
        query: ['key=also-wrong'],
        description: placement,
      };
    default: {
      const exhaustive: never = placement;
      return exhaustive;
    }
  }
}

/** Header values a client can send that a server may trip on. */
const ODD_HEADER_VALUES = [
  '',
  ' ',
  '\t',
  'x',
  '\u0085next-line',
  'a\u009bb',
  '\u00d8mega',
  '\u00ff\u00fe',
  ',,,',
  'null',
  '__proto__',
  '0',
  '-1',
  'v'.repeat(8_000),
];

export const anthropicVersion: fc.Arbitrary<string | undefined> = fc.oneof(
  { weight: 6, arbitrary: fc.constant('2023-06-01') },
  { weight: 2, arbitrary: fc.constant(undefined) },
  { weight: 2, arbitrary: fc.constantFrom('2023-01-01', '2099-12-31', '2023-06-01, 2023-06-01', ...ODD_HEADER_VALUES) },
);

const BETAS = [
  'prompt-caching-2024-07-31',
  'interleaved-thinking-2025-05-14',
  'fine-grained-tool-streaming-2025-05-14',
  'context-1m-2025-08-07',
  'claude-code-20250219',
  'oauth-2025-04-20',
  'extended-cache-ttl-2025-04-11',
  'not-a-beta-1999-01-01',
];

export const anthropicBeta: fc.Arbitrary<string | undefined> = fc.oneof(
  { weight: 5, arbitrary: fc.constant(undefined) },
  {
    weight: 3,
    arbitrary: fc
      .subarray(BETAS, { minLength: 1 })
      .chain((betas) => fc.constantFrom(',', ', ', ' ,').map((separator) => betas.join(separator))),
  },
  { weight: 2, arbitrary: fc.constantFrom(...ODD_HEADER_VALUES, `${BETAS[0]},\u0085,${BETAS[1]}`, `\t${BETAS[0]}\t`) },
);

/** Claude Code's `?beta=true`, and what else may stand there. */
const betaQuery = fc.oneof(
  { weight: 4, arbitrary: fc.constant<string[]>([]) },
  { weight: 4, arbitrary: fc.constant(['beta=true']) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(['beta=false'], ['beta='], ['beta=true', 'beta=true'], ['beta=%FF'], ['beta']),
  },
);

function merge(
  base: SurfaceParts,
  headers: Record<string, string | undefined>,
  query: readonly string[],
): SurfaceParts {
  const defined = Object.fromEntries(Object.entries(headers).filter(([, value]) => value !== undefined)) as Record<
    string,
    string
  >;
  return {
    headers: { ...base.headers, ...defined },
    query: [...base.query, ...query],
    description: `key ${base.description}; ${JSON.stringify(defined).slice(0, 120)}${query.length ? `; ?${query.join('&')}` : ''}`,
  };
}

/** Anthropic clients: key as Bearer or x-api-key, anthropic-version, anthropic-beta, ?beta=true. */
export function anthropicParts(callerHeaders: Record<string, string>): fc.Arbitrary<SurfaceParts> {
  const placement = fc.constantFrom<KeyPlacement>('x-api-key', 'x-api-key', 'bearer', 'two-keys-disagree');
  return fc
    .record({ placement, version: anthropicVersion, beta: anthropicBeta, query: betaQuery })
    .map(({ placement: where, version, beta, query }) =>
      merge(placeKey(callerHeaders, where), { 'anthropic-version': version, 'anthropic-beta': beta }, query),
    );
}

/** OpenAI Responses clients (the SDK, Codex CLI): Bearer, and the headers Codex adds. */
export function responsesParts(callerHeaders: Record<string, string>): fc.Arbitrary<SurfaceParts> {
  const codexHeaders = fc.oneof(
    { weight: 3, arbitrary: fc.constant<Record<string, string>>({}) },
    {
      weight: 2,
      arbitrary: fc.record(
        {
          'openai-beta': fc.constantFrom('responses=experimental', 'responses=v1', ...ODD_HEADER_VALUES),
          originator: fc.constantFrom('codex_cli_rs', ...ODD_HEADER_VALUES),
          session_id: fc.constantFrom('0198a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', ...ODD_HEADER_VALUES),
          'x-session-id': fc.constantFrom('s-1', ...ODD_HEADER_VALUES),
          'chatgpt-account-id': fc.constantFrom('acct', ''),
        },
        { requiredKeys: [] },
      ),
    },
  );
  const placement = fc.constantFrom<KeyPlacement>('bearer', 'bearer', 'bearer', 'x-api-key', 'two-keys-disagree');
  return fc
    .record({ placement, extra: codexHeaders })
    .map(({ placement: where, extra }) => merge(placeKey(callerHeaders, where), extra, []));
}

/** Gemini's `alt`: `sse` selects SSE framing, anything else (or nothing) the JSON array. */
const altQuery = fc.oneof(
  { weight: 4, arbitrary: fc.constant<string[]>([]) },
  { weight: 4, arbitrary: fc.constant(['alt=sse']) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      ['alt=SSE'],
      ['alt=json'],
      ['alt=proto'],
      ['alt='],
      ['alt=sse', 'alt=json'],
      ['%24alt=sse'],
    ),
  },
);

/** Google's SDK and Gemini CLI: key as x-goog-api-key, ?key= or Bearer; alt; their client headers. */
export function geminiParts(callerHeaders: Record<string, string>): fc.Arbitrary<SurfaceParts> {
  const placement = fc.constantFrom<KeyPlacement>(
    'x-goog-api-key',
    'x-goog-api-key',
    'query-key',
    'query-key',
    'bearer',
    'two-keys-disagree',
  );
  const clientHeaders = fc.record(
    {
      'x-goog-api-client': fc.constantFrom('google-genai-sdk/1.30.0 gl-node/v20.19.0', ...ODD_HEADER_VALUES),
      'user-agent': fc.constantFrom('GeminiCLI/0.1.0 (linux; x64)', ...ODD_HEADER_VALUES),
      'x-goog-user-project': fc.constantFrom('project-1', ''),
    },
    { requiredKeys: [] },
  );
  return fc
    .record({ placement, headers: clientHeaders, alt: altQuery })
    .map(({ placement: where, headers, alt }) => merge(placeKey(callerHeaders, where), headers, alt));
}
