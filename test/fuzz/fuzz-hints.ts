/**
 * Hints for the generators, from what exists on the fuzzed server: its ids, routed models,
 * providers, redemption codes and accounts, and URLs that stay on this machine (an upstream
 * emulator, a closed port, schemes the server must refuse), so no generated URL leaves it.
 */
import fc from 'fast-check';
import type { SchemaHints } from './schema-arbitrary.js';

export interface HintPools {
  ids: string[];
  models: string[];
  providers: string[];
  codes: string[];
  emails: string[];
  password: string;
  upstreamUrls: string[];
}

/** `constantFrom` that tolerates an empty pool (a fuzzed call may have deleted everything in it). */
const oneOf = (values: string[], fallback: string) => fc.constantFrom(...(values.length > 0 ? values : [fallback]));

export function hintsFrom(pools: HintPools): SchemaHints {
  const ids = oneOf(pools.ids, 'missing-id');
  const localUrls = fc.constantFrom(
    ...pools.upstreamUrls,
    ...pools.upstreamUrls.map((url) => `${url}/`),
    'http://127.0.0.1:1/v1',
    'http://localhost:1',
    'http://[::1]:1',
    'file:///etc/passwd',
    'ftp://127.0.0.1/x',
    'not a url',
  );
  const byName: Record<string, fc.Arbitrary<unknown>> = {
    id: ids,
    keyId: ids,
    userId: ids,
    model: oneOf(pools.models, 'gpt-4o-mini'),
    provider: oneOf(pools.providers, 'openai'),
    email: fc.constantFrom(
      ...pools.emails,
      ...pools.emails.map((email) => email.toUpperCase()),
      'new@example.com',
      'a@b',
    ),
    password: fc.constantFrom(pools.password, 'short'),
    currentPassword: fc.constant(pools.password),
    code: fc.constantFrom(...pools.codes, 'AIHUB-NOT-A-CODE'),
    url: localUrls,
    baseUrl: localUrls,
    proxyUrl: localUrls,
    content: fc.constantFrom('What is the weather in Paris?', 'Say hi', 'weather in parallel please'),
    text: fc.constantFrom('What is the weather in Paris?', 'Say hi'),
    name: fc.constantFrom('get_weather', 'fuzz', 'fuzz-seed'),
  };
  return {
    property: (name) => byName[name],
    format: (format) => (format === 'uri' ? localUrls : undefined),
  };
}
