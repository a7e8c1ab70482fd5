import { afterAll, describe, expect, it } from 'vitest';
import { createApiHarness, headerPrincipals } from '../../../../test/api-harness.js';
import { builtinVendors } from '../../../vendors/vendor-registry.js';
import { buildOpenApiDocument } from '../openapi.js';
import { registerVendorRoutes } from './vendor-routes.js';

describe('GET /api/vendors', () => {
  const harness = createApiHarness(headerPrincipals, (api) => registerVendorRoutes(api, builtinVendors));
  afterAll(() => harness.app.close());

  it('needs a signed-in caller', async () => {
    const response = await harness.app.inject({ method: 'GET', url: '/api/vendors' });
    expect(response.statusCode).toBe(401);
  });

  it('lists every vendor of the registry in order, without wire quirks', async () => {
    const response = await harness.app.inject({
      method: 'GET',
      url: '/api/vendors',
      headers: { 'x-test-user': 'usr_alice' },
    });
    expect(response.statusCode).toBe(200);
    const { data } = response.json();
    expect(data.map((vendor: { name: string }) => vendor.name)).toEqual(builtinVendors.vendors.map(({ name }) => name));
    expect(data.find((vendor: { name: string }) => vendor.name === 'ollama')).toMatchObject({
      keyOptional: true,
      envKey: null,
      envBaseUrl: 'OLLAMA_BASE_URL',
      testModel: null,
    });
    expect(response.body).not.toContain('reasoningEcho');
  });

  it('is in the OpenAPI document with its response schema', () => {
    const document = buildOpenApiDocument(harness.api.routes, 'test') as {
      paths: Record<string, { get?: { responses: Record<string, { content?: unknown }> } }>;
    };
    expect(document.paths['/api/vendors']?.get?.responses['200']?.content).toBeDefined();
  });
});
