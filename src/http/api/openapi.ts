import { z } from 'zod';
import type { ApiRouteSpec } from './api-route.js';

/** The refusal of a `limitedPerAddress` route (the error envelope, with when to come back). */
const TOO_MANY_FROM_ADDRESS = {
  description: 'Too many calls from this client address (code `too_many_requests_from_address`)',
  headers: { 'retry-after': { description: 'Seconds until the window ends', schema: { type: 'integer' } } },
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
};

/** Builds the OpenAPI 3.1 document of the REST API from the registered route specs. */
export function buildOpenApiDocument(routes: ApiRouteSpec[], version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.url.replace(/:([A-Za-z_]+)/g, '{$1}');
    const operation: Record<string, unknown> = {
      summary: route.summary,
      tags: route.tags,
      security: route.access === 'public' ? [] : [{ session: [] }, { bearer: [] }],
      'x-aihub-access': route.access,
      parameters: [...parameters(route.params, 'path'), ...parameters(route.query, 'query')],
      responses: {
        [String(route.status ?? 200)]: {
          description: 'Success',
          ...successContent(route),
        },
        ...(route.limitedPerAddress ? { '429': TOO_MANY_FROM_ADDRESS } : {}),
        default: {
          description: 'Error',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
      },
    };
    if (route.body) {
      operation.requestBody = { required: true, content: { 'application/json': { schema: jsonSchema(route.body) } } };
    }
    paths[path] ??= {};
    (paths[path] as Record<string, unknown>)[route.method.toLowerCase()] = operation;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'AIHub API',
      version,
      description:
        'Administration and account API of AIHub. Money is in integer units of 1e-6 USD. Authenticate with the console session cookie (mutating requests also send x-csrf-token) or with an API key as Authorization: Bearer.',
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'aihub_session' },
        bearer: { type: 'http', scheme: 'bearer' },
      },
      schemas: {
        Error: {
          type: 'object',
          properties: {
            error: {
              type: 'object',
              properties: {
                message: { type: 'string' },
                type: { type: 'string' },
                param: { type: ['string', 'null'] },
                code: { type: ['string', 'null'] },
              },
              required: ['message', 'type'],
            },
          },
          required: ['error'],
        },
      },
    },
  };
}

/** Requests are described as clients may send them (`input`: defaults optional), answers as sent (`output`). */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output' = 'input'): unknown {
  return z.toJSONSchema(schema, { unrepresentable: 'any', io });
}

function parameters(schema: z.ZodType | undefined, where: 'path' | 'query'): unknown[] {
  if (!schema) return [];
  const json = jsonSchema(schema) as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    schema: property,
  }));
}

/** The success body's `content`: one entry per media type the route documents (JSON by default). */
function successContent(route: ApiRouteSpec): { content?: Record<string, { schema: unknown }> } {
  const byType = route.responseByType ?? (route.response ? { 'application/json': route.response } : undefined);
  if (!byType) return {};
  return {
    content: Object.fromEntries(
      Object.entries(byType).map(([type, schema]) => [type, { schema: jsonSchema(schema, 'output') }]),
    ),
  };
}
