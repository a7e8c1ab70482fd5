import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startOpenAIEmulator } from '../emulators/index.js';
import { ADMIN_KEY, type Gateway, startGateway } from './gateway-harness.js';

/**
 * The admin's "test channel" call goes through the relay's own provider call, with the catalog
 * in force at the time of the test (not the one the server started with).
 */
describe('POST /api/admin/channels/:id/test', () => {
  let gateway: Gateway;
  let ollama: Emulator;

  beforeAll(async () => {
    // Ollama has no cheap default test model: the test uses the catalog's first Ollama chat model.
    ollama = await startOpenAIEmulator({ label: 'Ollama', apiKey: null });
    gateway = await startGateway({ OLLAMA_BASE_URL: ollama.url });
  });

  afterAll(async () => {
    await gateway.close();
    await ollama.close();
  });

  const call = async (method: string, path: string, body: unknown = {}) => {
    const response = await fetch(`${gateway.origin}${path}`, {
      method,
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, json: (await response.json()) as { ok: boolean; model: string } };
  };

  it('uses the catalog in force after a catalog change', async () => {
    const before = await call('POST', '/api/admin/channels/env-ollama/test');
    expect(before.status).toBe(200);
    expect(before.json).toMatchObject({ ok: true });
    const firstModel: string = before.json.model;
    expect(ollama.requests.at(-1)?.body.model).toBe(firstModel);

    // The administrator turns that model into an embedding model: it is no chat model any more.
    const override = await call('PUT', `/api/admin/catalog/overrides/ollama/${encodeURIComponent(firstModel)}`, {
      mode: 'embedding',
    });
    expect(override.status).toBe(200);

    const after = await call('POST', '/api/admin/channels/env-ollama/test');
    expect(after.json).toMatchObject({ ok: true });
    expect(after.json.model).not.toBe(firstModel);
    expect(ollama.requests.at(-1)?.body.model).toBe(after.json.model);
  });
});
