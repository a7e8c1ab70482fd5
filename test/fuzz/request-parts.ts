/**
 * The parts of a request around its body: path parameters and query strings with odd values, and
 * the odd headers a client may add.
 */
import fc from 'fast-check';
import { ODD_STRINGS } from './hostile-values.js';
import type { QueryParameter } from './route-table.js';
import { type SchemaHints, schemaArbitrary } from './schema-arbitrary.js';

/** Pieces of a URL written as is: broken escapes, traversal, encoded separators. */
const RAW_URL_PIECES = [
  '%',
  '%zz',
  '%E0%A4%A',
  '%00',
  '%2F',
  '%2e%2e',
  '..',
  '.',
  '%20',
  '%FF%FE',
  '%C0%AF',
  '~',
  '%25',
];

/** A path parameter: an existing id (from hints), a plain string, an odd one, or raw URL pieces. */
export function pathParameter(name: string, hints: SchemaHints): fc.Arbitrary<string> {
  const encoded = (text: fc.Arbitrary<string>) => text.map((value) => encodeURIComponent(value));
  const choices = [
    { weight: 2, arbitrary: encoded(fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 30 })) },
    {
      weight: 2,
      arbitrary: encoded(
        fc.constantFrom(...ODD_STRINGS.filter((text) => text !== '' && !/[\ud800-\udfff]/.test(text))),
      ),
    },
    { weight: 1, arbitrary: encoded(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 10 })) },
    { weight: 1, arbitrary: fc.constantFrom(...RAW_URL_PIECES) },
    { weight: 1, arbitrary: fc.constantFrom(200, 2_000).map((length) => 'i'.repeat(length)) },
    { weight: 1, arbitrary: fc.constantFrom('0', '-1', '1e400', '9007199254740993', 'null', 'undefined') },
  ];
  const hinted = hints.property?.(name) as fc.Arbitrary<string> | undefined;
  if (hinted) choices.push({ weight: 6, arbitrary: encoded(hinted) });
  if (name === '*') choices.push({ weight: 2, arbitrary: fc.constantFrom('a/b', 'a/../b', 'x/%2F/y', '/') });
  return fc.oneof(...choices);
}

/** A value for a declared query parameter, as text: valid for its schema, or odd. */
function queryValue(parameter: QueryParameter, hints: SchemaHints): fc.Arbitrary<string> {
  const valid = schemaArbitrary(parameter.schema, hints, parameter.name).map((value) =>
    typeof value === 'string' ? value : JSON.stringify(value),
  );
  const odd = fc.constantFrom(
    ...ODD_STRINGS.filter((text) => !/[\ud800-\udfff]/.test(text)),
    '1e999',
    '0x10',
    '1.5',
    '-0',
    '99999999999999999999',
  );
  return fc
    .oneof({ weight: 3, arbitrary: valid }, { weight: 2, arbitrary: odd })
    .map((value) => encodeURIComponent(value));
}

/** Query pieces written as is: repeated, bracketed, prototype-shaped, badly escaped. */
const RAW_QUERY_PIECES = [
  '__proto__[role]=admin',
  'constructor[prototype][x]=1',
  'a[]=1&a[]=2',
  'a[b][c]=1',
  '=',
  '&&',
  'a',
  'a=%',
  'a=%zz',
  'key=sk-wrong',
  'key=',
  'limit=1&limit=2',
  `long=${'q'.repeat(4_000)}`,
];

/** A query string (with its `?`, or empty) for a route's declared parameters plus odd extras. */
export function queryString(parameters: QueryParameter[], hints: SchemaHints): fc.Arbitrary<string> {
  const declared = parameters.map((parameter) =>
    fc.option(
      queryValue(parameter, hints).map((value) => `${encodeURIComponent(parameter.name)}=${value}`),
      {
        freq: parameter.required ? 8 : 2,
      },
    ),
  );
  const repeated =
    parameters.length > 0
      ? fc.option(
          fc
            .tuple(fc.constantFrom(...parameters), fc.nat(1_000))
            .map(([parameter, value]) => `${parameter.name}=${value}`),
          { freq: 4 },
        )
      : fc.constant(null);
  const extras = fc.array(fc.constantFrom(...RAW_QUERY_PIECES), { maxLength: 2 });
  return fc
    .tuple(
      fc.tuple(...declared),
      repeated,
      fc.oneof({ weight: 4, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: extras }),
    )
    .map(([values, repeat, odd]) => {
      const pieces = [
        ...values.filter((piece): piece is string => piece !== null),
        ...(repeat ? [repeat] : []),
        ...odd,
      ];
      return pieces.length > 0 ? `?${pieces.join('&')}` : '';
    });
}

/** Headers a client may add that the server must take in its stride (values a client can send). */
export const extraHeaders: fc.Arbitrary<Record<string, string>> = fc.oneof(
  { weight: 6, arbitrary: fc.constant({}) },
  {
    weight: 1,
    arbitrary: fc.constantFrom<Record<string, string>>(
      { 'x-aihub-cache': 'on' },
      { 'x-aihub-cache': 'ttl=60' },
      { 'x-aihub-cache': 'refresh' },
      { 'x-aihub-cache-ttl': '-1' },
      { 'x-aihub-cache-ttl': '1e400' },
      { accept: 'text/event-stream' },
      { 'accept-encoding': 'gzip, br' },
      { 'content-encoding': 'gzip' },
      { origin: 'https://evil.example' },
      { 'x-forwarded-for': '1.2.3.4, ::1, garbage' },
      { 'x-request-id': '"><script>' },
      { cookie: 'aihub_session=forged; other=1' },
      { 'x-csrf-token': 'forged' },
      { 'accept-language': 'zh-CN' },
      { 'anthropic-version': '2023-06-01' },
      { 'x-stainless-retry-count': '3' },
    ),
  },
);

/** How a caller's credentials may be spoiled: sent as given most of the time. */
export type CredentialSpoiler = 'as-given' | 'drop-csrf' | 'wrong-csrf' | 'wrong-key' | 'malformed-authorization';

export const credentialSpoiler: fc.Arbitrary<CredentialSpoiler> = fc.oneof(
  { weight: 12, arbitrary: fc.constant<CredentialSpoiler>('as-given') },
  {
    weight: 1,
    arbitrary: fc.constantFrom<CredentialSpoiler>('drop-csrf', 'wrong-csrf', 'wrong-key', 'malformed-authorization'),
  },
);

/** The caller's headers with the spoiler applied. */
export function spoil(headers: Record<string, string>, spoiler: CredentialSpoiler): Record<string, string> {
  const copy = { ...headers };
  switch (spoiler) {
    case 'as-given':
      return copy;
    case 'drop-csrf':
      delete copy['x-csrf-token'];
      return copy;
    case 'wrong-csrf':
      if (copy['x-csrf-token']) copy['x-csrf-token'] = `${copy['x-csrf-token']}x`;
      return copy;
    case 'wrong-key':
      if (copy.authorization) copy.authorization = `${copy.authorization}x`;
      return copy;
    case 'malformed-authorization':
      copy.authorization = 'Bearer';
      return copy;
    default: {
      const exhaustive: never = spoiler;
      return exhaustive;
    }
  }
}
