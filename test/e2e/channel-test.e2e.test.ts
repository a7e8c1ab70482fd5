import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startOpenAIEmulator, startRerankEmulator } from '../emulators/index.js';
import { ADMIN_KEY, type Gateway, startGateway } from './gateway-harness.js';

/**
 * The admin's "test channel" call goes through the relay's own provider call, with the catalog
 * in force at the time of the test (not the one the server started with).
 */
const COHERE_KEY = 'co-test-key-0123456789';

describe('POST /api/admin/channels/:id/test', () => {
  let gateway: Gateway;
  let ollama: Emulator;
  let cohere: Emulator;

  beforeAll(async () => {
    // Ollama has no cheap default test model: the test uses the catalog's first Ollama chat model.
    ollama = await startOpenAIEmulator({ label: 'Ollama', apiKey: null });
    cohere = await startRerankEmulator('cohere', { apiKey: COHERE_KEY });
    gateway = await startGateway({
      OLLAMA_BASE_URL: ollama.url,
      COHERE_API_KEY: COHERE_KEY,
      COHERE_BASE_URL: cohere.url,
    });
  });

  afterAll(async () => {
    await gateway.close();
    await Promise.all([ollama.close(), cohere.close()]);
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

  it('tests a rerank-only channel (Cohere) with a tiny rerank, and routes none of its chat models there', async () => {
    const tested = await call('POST', '/api/admin/channels/env-cohere/test');
    expect(tested.status).toBe(200);
    expect(tested.json).toMatchObject({ ok: true, model: 'rerank-v3.5' });
    expect(cohere.requests.map((request) => request.path)).toEqual(['/v2/rerank']);

    // The catalog knows Cohere's chat models, but AIHub speaks no Cohere chat: no channel serves them.
    const chat = await fetch(`${gateway.origin}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'command-r', messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(chat.status).toBe(404);
    expect(((await chat.json()) as { error: { code: string } }).error.code).toBe('model_not_found');
    // Nor when the client forces the vendor.
    const forced = await fetch(`${gateway.origin}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'cohere/command-r', messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(forced.status).toBe(404);
    expect(((await forced.json()) as { error: { message: string } }).error.message).toMatch(/answers chat/);
    expect(cohere.requests).toHaveLength(1);
  });
});
