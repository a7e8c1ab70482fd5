/**
 * The routes to fuzz, read from the running server rather than listed by hand, so a new route is
 * fuzzed without editing the suite: every method and path of Fastify's route tree under `/v1/` and
 * `/api/`, joined with what `GET /api/openapi.json` says of it (who may call it, its body, query and
 * path parameter schemas). `/v1` routes are not in that document; their body schemas come from the
 * surface's own request schema when the suite knows one (`v1-request-schemas.ts`).
 */

/** A JSON Schema object as the OpenAPI document (zod's `toJSONSchema`) writes it. */
export type JsonSchema = Record<string, unknown>;

export type Access = 'public' | 'user' | 'admin';

export interface QueryParameter {
  name: string;
  required: boolean;
  schema: JsonSchema;
}

export interface FuzzRoute {
  method: string;
  /** Fastify syntax: `/api/keys/:id`, `/v1/models/*`. */
  path: string;
  /** Path parameter names in order (`id`, or `*` for a wildcard). */
  pathParameters: string[];
  /** From the OpenAPI document; undefined for routes it does not describe. */
  access?: Access;
  body?: JsonSchema;
  query: QueryParameter[];
  pathSchemas: Record<string, JsonSchema>;
  /** Fastify answers HEAD for this GET route as well. */
  head: boolean;
}

/** (method, path) pairs of `fastify.printRoutes()` (the default, exact radix tree), HEAD and OPTIONS aside. */
export function parseRouteTree(printed: string): Array<{ method: string; path: string; head: boolean }> {
  const found: Array<{ method: string; path: string; head: boolean }> = [];
  const prefixes: string[] = [];
  for (const line of printed.split('\n')) {
    const match = /^((?:│ {3}| {4})*)(?:├── |└── )(.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = match[1].length / 4;
    const path = (prefixes[depth - 1] ?? '') + match[2];
    prefixes[depth] = path;
    prefixes.length = depth + 1;
    if (!match[3]) continue;
    const methods = match[3].split(',').map((method) => method.trim());
    for (const method of methods) {
      if (method === 'HEAD' || method === 'OPTIONS') continue;
      found.push({ method, path, head: method === 'GET' && methods.includes('HEAD') });
    }
  }
  return found;
}

interface OpenApiOperation {
  'x-aihub-access'?: Access;
  parameters?: Array<{ name: string; in: 'path' | 'query'; required?: boolean; schema: JsonSchema }>;
  requestBody?: { content?: { 'application/json'?: { schema?: JsonSchema } } };
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
}

/** Path parameter names of a Fastify path, in order. */
export function pathParametersOf(path: string): string[] {
  return [...path.matchAll(/:([A-Za-z_][A-Za-z0-9_]*)|\*/g)].map((match) => match[1] ?? '*');
}

/**
 * Every fuzzable route: the tree's `/v1/` and `/api/` routes, described by the OpenAPI document
 * where it knows them and by `v1BodySchemas` (keyed `METHOD /path`) for the relay's routes.
 */
export function buildRouteTable(
  printedTree: string,
  openApi: OpenApiDocument,
  v1BodySchemas: Record<string, JsonSchema>,
): FuzzRoute[] {
  return parseRouteTree(printedTree)
    .filter(({ path }) => path.startsWith('/v1/') || path.startsWith('/v1beta/') || path.startsWith('/api/'))
    .map(({ method, path, head }) => {
      const openApiPath = path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}');
      const operation = openApi.paths[openApiPath]?.[method.toLowerCase()];
      const parameters = operation?.parameters ?? [];
      return {
        method,
        path,
        head,
        pathParameters: pathParametersOf(path),
        access: operation?.['x-aihub-access'],
        body: operation?.requestBody?.content?.['application/json']?.schema ?? v1BodySchemas[`${method} ${path}`],
        query: parameters
          .filter((parameter) => parameter.in === 'query')
          .map((parameter) => ({
            name: parameter.name,
            required: parameter.required === true,
            schema: parameter.schema,
          })),
        pathSchemas: Object.fromEntries(
          parameters
            .filter((parameter) => parameter.in === 'path')
            .map((parameter) => [parameter.name, parameter.schema]),
        ),
      };
    });
}

/** `POST /api/keys/:id`: how a route is named in test titles and seeds. */
export function routeName(route: Pick<FuzzRoute, 'method' | 'path'>): string {
  return `${route.method} ${route.path}`;
}
