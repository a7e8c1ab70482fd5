/**
 * One property per (route, caller): generated requests (path parameters, query, body, content
 * type, odd headers, spoiled credentials) sent to the real server, each answer held to
 * `answerProblems` and to the route's own extra check. A failure reports the seed and path that
 * replay it, the request (long values cut) and what was wrong.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { answerProblems, type FuzzAnswer } from './answer-checks.js';
import { type FuzzBody, fuzzBody } from './body-mutations.js';
import { FUZZ_SEED, KNOWN_FINDINGS_FIXED, propertyTimeoutMs } from './fuzz-config.js';
import type { CallerName, FuzzRequest, FuzzWorld } from './fuzz-world.js';
import { credentialSpoiler, extraHeaders, pathParameter, queryString, spoil } from './request-parts.js';
import { type FuzzRoute, routeName } from './route-table.js';
import { type SchemaHints, schemaArbitrary } from './schema-arbitrary.js';
import { surfaceProfileOf } from './surface-profiles.js';

export interface DescribedRequest extends FuzzRequest {
  description: string;
}

/** A JSON object for routes that declare no body schema: a few fields, hinted where names match. */
function anyObject(hints: SchemaHints): fc.Arbitrary<unknown> {
  return schemaArbitrary(
    {
      type: 'object',
      properties: { model: { type: 'string' }, messages: { type: 'array', items: {} }, name: { type: 'string' } },
      additionalProperties: {},
    },
    hints,
  );
}

/**
 * The body arbitrary of a route: from its schema, else a generic object, mixed with the surface's
 * hand-written valid bodies where it has some; bodiless methods rarely get one.
 */
function bodyFor(route: FuzzRoute, hints: SchemaHints): fc.Arbitrary<FuzzBody> {
  const options = {
    printableLatin1TopLevelKeys: route.path.startsWith('/v1/') && !KNOWN_FINDINGS_FIXED.nonLatin1FieldNames,
  };
  const fromSchema = route.body ? schemaArbitrary(route.body, hints) : anyObject(hints);
  const profile = surfaceProfileOf(route);
  const valid = profile?.validBody
    ? fc.oneof({ weight: 3, arbitrary: profile.validBody(hints) }, { weight: 1, arbitrary: fromSchema })
    : fromSchema;
  const bodies = fuzzBody(valid, options);
  if (route.body || route.method === 'POST' || route.method === 'PUT' || route.method === 'PATCH') return bodies;
  return fc.oneof(
    { weight: 6, arbitrary: fc.constant<FuzzBody>({ description: 'no body' }) },
    { weight: 1, arbitrary: bodies },
  );
}

/** Generated requests for one route as one caller. */
export function requestsFor(route: FuzzRoute, caller: CallerName, world: FuzzWorld): fc.Arbitrary<DescribedRequest> {
  const hints = world.hints();
  const method = route.head
    ? fc.oneof({ weight: 9, arbitrary: fc.constant('GET') }, { weight: 1, arbitrary: fc.constant('HEAD') })
    : fc.constant(route.method);
  const parameters = fc.tuple(...route.pathParameters.map((name) => pathParameter(name, hints)));
  const profile = surfaceProfileOf(route);
  return fc
    .record({
      method,
      parameters,
      ownPath: profile?.path?.(hints) ?? fc.constant(undefined),
      query: queryString(route.query, hints),
      body: bodyFor(route, hints),
      spoiler: credentialSpoiler,
      extra: extraHeaders,
      // The surface's own headers and query, around the (spoiled) credentials its clients send.
      parts: credentialSpoiler.chain((spoiler) =>
        (profile?.parts(spoil(world.headersOf(caller), spoiler)) ?? fc.constant(undefined)).map((parts) => ({
          spoiler,
          parts,
        })),
      ),
    })
    .map(
      ({ method: chosen, parameters: values, ownPath, query, body, spoiler: plainSpoiler, extra, parts: surface }) => {
        let index = 0;
        const path = ownPath ?? route.path.replace(/:([A-Za-z_][A-Za-z0-9_]*)|\*/g, () => values[index++] ?? '');
        const spoiler = surface.parts ? surface.spoiler : plainSpoiler;
        const own = surface.parts ?? { headers: spoil(world.headersOf(caller), spoiler), query: [], description: '' };
        const headers: Record<string, string> = { ...extra, ...own.headers };
        if (body.contentType !== undefined) headers['content-type'] = body.contentType;
        const fullQuery = own.query.length === 0 ? query : `${query ? `${query}&` : '?'}${own.query.join('&')}`;
        const request: DescribedRequest = {
          method: chosen,
          target: `${path}${fullQuery}`,
          headers,
          payload: body.payload,
          description: `${body.description}; credentials ${spoiler}${own.description ? `; ${own.description}` : ''}`,
        };
        return Object.assign(request, { [fc.toStringMethod]: () => summary(request) });
      },
    );
}

/** The request in a few lines, long values cut, for a failure's report. */
export function summary(request: DescribedRequest): string {
  const cut = (text: string, length: number) =>
    text.length > length ? `${text.slice(0, length)}… (${text.length} chars)` : text;
  const payload =
    request.payload === undefined
      ? '(no body)'
      : typeof request.payload === 'string'
        ? cut(request.payload, 600)
        : `(${request.payload.length} bytes) ${Buffer.from(request.payload).toString('hex').slice(0, 200)}`;
  return [
    `${request.method} ${cut(request.target, 300)}`,
    `headers: ${cut(JSON.stringify(request.headers), 400)}`,
    `body: ${payload}`,
    `what: ${request.description}`,
  ].join('\n');
}

/** A seed of its own for each property, from the suite's seed: adding a route changes no other's runs. */
export function seedFor(...parts: string[]): number {
  return createHash('sha256')
    .update([FUZZ_SEED, ...parts].join('\n'))
    .digest()
    .readInt32LE(0);
}

export interface PropertyOptions<Before> {
  runs: number;
  /** Runs before each request (for example: wait for earlier requests to settle, read balances). */
  before?: () => Promise<Before>;
  /** More problems for this answer (for example: a refused chat request charged nothing). */
  extraCheck?: (answer: FuzzAnswer, before: Before) => Promise<string[]>;
}

/** Runs the property of one route and caller; throws fast-check's report when a request breaks a promise. */
export async function fuzzRoute<Before = undefined>(
  world: FuzzWorld,
  route: FuzzRoute,
  caller: CallerName,
  options: PropertyOptions<Before>,
): Promise<void> {
  await fc.assert(
    fc.asyncProperty(requestsFor(route, caller, world), async (request) => {
      const before = (await options.before?.()) as Before;
      let answer: FuzzAnswer;
      try {
        answer = await world.send(request);
      } catch (error) {
        throw new Error(`no answer: ${(error as Error).message}`);
      }
      const problems = [...answerProblems(answer), ...((await options.extraCheck?.(answer, before)) ?? [])];
      if (problems.length > 0) {
        throw new Error(`${problems.join('\n')}\nanswer ${answer.status}: ${answer.body.slice(0, 500)}`);
      }
    }),
    {
      seed: seedFor(routeName(route), caller),
      numRuns: options.runs,
      // Shrinking a failure sends requests too: stop in time to report what was found.
      interruptAfterTimeLimit: propertyTimeoutMs(options.runs) - 10_000,
      markInterruptAsFailure: true,
    },
  );
}
