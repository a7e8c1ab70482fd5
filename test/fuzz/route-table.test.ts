import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { buildRouteTable, parseRouteTree, pathParametersOf } from './route-table.js';

const app = Fastify();
for (const [method, url] of [
  ['POST', '/v1/chat/completions'],
  ['GET', '/v1/models'],
  ['GET', '/v1/models/*'],
  ['GET', '/api/keys'],
  ['POST', '/api/keys'],
  ['PATCH', '/api/keys/:id'],
  ['GET', '/api/admin/channels/:id/keys/:keyId'],
  ['GET', '/v1/things/:thing/parts/*'],
  ['GET', '/health'],
] as const) {
  app.route({ method, url, handler: async () => ({}) });
}
app.options('/v1/*', async () => ({}));
await app.ready();
afterAll(() => app.close());

describe('the route table comes from the server', () => {
  it('reads every method and path from Fastify’s printed route tree, HEAD and OPTIONS aside', () => {
    const routes = parseRouteTree(app.printRoutes()).map(({ method, path }) => `${method} ${path}`);
    expect(routes.sort()).toEqual(
      [
        'POST /v1/chat/completions',
        'GET /v1/models',
        'GET /v1/models/*',
        'GET /api/keys',
        'POST /api/keys',
        'PATCH /api/keys/:id',
        'GET /api/admin/channels/:id/keys/:keyId',
        'GET /v1/things/:thing/parts/*',
        'GET /health',
      ].sort(),
    );
  });

  it('names path parameters in order, a wildcard as *', () => {
    expect(pathParametersOf('/api/admin/channels/:id/keys/:keyId')).toEqual(['id', 'keyId']);
    expect(pathParametersOf('/v1/things/:thing/parts/*')).toEqual(['thing', '*']);
  });

  it('keeps /v1 and /api routes and joins what the OpenAPI document says of them', () => {
    const body = { type: 'object', properties: { name: { type: 'string' } } };
    const table = buildRouteTable(
      app.printRoutes(),
      {
        paths: {
          '/api/keys/{id}': {
            patch: {
              'x-aihub-access': 'user',
              parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
              requestBody: { content: { 'application/json': { schema: body } } },
            },
          },
          '/api/keys': {
            get: {
              'x-aihub-access': 'user',
              parameters: [{ name: 'limit', in: 'query', schema: { type: 'integer' } }],
            },
          },
        },
      },
      { 'POST /v1/chat/completions': { type: 'object' } },
    );
    expect(table.map((route) => `${route.method} ${route.path}`)).not.toContain('GET /health');
    const patch = table.find((route) => route.method === 'PATCH');
    expect(patch).toMatchObject({
      access: 'user',
      body,
      pathParameters: ['id'],
      pathSchemas: { id: { type: 'string' } },
    });
    expect(table.find((route) => route.path === '/api/keys' && route.method === 'GET')).toMatchObject({
      head: true,
      query: [{ name: 'limit', required: false, schema: { type: 'integer' } }],
    });
    expect(table.find((route) => route.path === '/v1/chat/completions')?.body).toEqual({ type: 'object' });
    // A route the document does not know is still fuzzed, with generic bodies.
    expect(table.find((route) => route.path === '/v1/things/:thing/parts/*')).toMatchObject({
      access: undefined,
      body: undefined,
    });
  });
});
