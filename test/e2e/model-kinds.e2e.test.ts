/**
 * Each listed model says its kind (issue 13), on every surface that lists models, through the
 * official SDKs: OpenAI's and Anthropic's `/v1/models` carry `kind`, Gemini's `/v1beta/models`
 * gives the methods of the kind, and the console's `/api/models` filters by it. The gateway routes
 * embedding and image models beside the default chat models, an alias of an embedding model, and
 * a model the catalog does not know (a fine-tune), which is chat.
 */
import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_KEY, type Gateway, startGateway } from './gateway-harness.js';

let gateway: Gateway;

beforeAll(async () => {
  gateway = await startGateway({
    OPENAI_MODEL_MAPPING: [
      'text-embedding-3-small=text-embedding-3-small',
      'my-embedder=text-embedding-3-large',
      'gpt-image-1=gpt-image-1',
      'acme-finetune=ft:gpt-4.1-mini:acme:support:42',
    ].join(','),
    GEMINI_MODEL_MAPPING: 'gemini-embedding-001=gemini-embedding-001,imagen-4.0-generate-001=imagen-4.0-generate-001',
  });
}, 30_000);

afterAll(async () => {
  await gateway?.close();
});

const EXPECTED_KINDS = {
  'gpt-4.1-mini': 'chat',
  'claude-sonnet-4-5': 'chat',
  'text-embedding-3-small': 'embedding',
  'my-embedder': 'embedding',
  'gpt-image-1': 'image',
  'acme-finetune': 'chat',
  'gemini-embedding-001': 'embedding',
  'imagen-4.0-generate-001': 'image',
};

function kindsOf(models: Iterable<{ id: string }>): Record<string, unknown> {
  const byId = new Map([...models].map((model) => [model.id, (model as { kind?: unknown }).kind]));
  return Object.fromEntries(Object.keys(EXPECTED_KINDS).map((id) => [id, byId.get(id)]));
}

describe('/v1/models says each model’s kind', () => {
  it('in OpenAI’s list, through the openai package', async () => {
    const client = new OpenAI({ apiKey: ADMIN_KEY, baseURL: gateway.baseURL, maxRetries: 0 });
    const models: OpenAI.Models.Model[] = [];
    for await (const model of client.models.list()) models.push(model);
    expect(kindsOf(models)).toEqual(EXPECTED_KINDS);
    // Every entry has a kind, and the OpenAI fields are still there.
    for (const model of models) {
      expect(model).toMatchObject({ object: 'model', owned_by: expect.any(String), kind: expect.any(String) });
    }
    expect(await client.models.retrieve('my-embedder')).toMatchObject({ id: 'my-embedder', kind: 'embedding' });
    // A `vendor/model` id routed by its prefix, unknown to the catalog: chat.
    expect(await client.models.retrieve('openai/acme-experimental')).toMatchObject({ kind: 'chat' });
  });

  it('in Anthropic’s list, through the Anthropic package', async () => {
    const client = new Anthropic({ apiKey: ADMIN_KEY, baseURL: gateway.origin, maxRetries: 0 });
    const models: Anthropic.ModelInfo[] = [];
    for await (const model of client.models.list()) models.push(model);
    expect(kindsOf(models)).toEqual(EXPECTED_KINDS);
    expect(models.every((model) => model.type === 'model')).toBe(true);
    expect(await client.models.retrieve('gpt-image-1')).toMatchObject({ type: 'model', kind: 'image' });
  });

  it('in Gemini’s list as the methods of the kind, through @google/genai', async () => {
    const google = new GoogleGenAI({ apiKey: ADMIN_KEY, httpOptions: { baseUrl: gateway.origin } });
    const actions = new Map<string, string[] | undefined>();
    for await (const model of await google.models.list()) actions.set(model.name ?? '', model.supportedActions);
    expect(actions.get('models/gemini-2.5-flash-lite')).toEqual([
      'generateContent',
      'streamGenerateContent',
      'countTokens',
    ]);
    expect(actions.get('models/gemini-embedding-001')).toEqual(['embedContent', 'batchEmbedContents']);
    expect(actions.get('models/my-embedder')).toEqual(['embedContent', 'batchEmbedContents']);
    expect(actions.get('models/imagen-4.0-generate-001')).toEqual(['predict']);
    expect(actions.get('models/acme-finetune')).toEqual(['generateContent', 'streamGenerateContent', 'countTokens']);
    const one = await google.models.get({ model: 'text-embedding-3-small' });
    expect(one.supportedActions).toEqual(['embedContent', 'batchEmbedContents']);
  });
});

describe('/api/models', () => {
  it('lists every kind with its kind, and filters by it', async () => {
    const all = (await (await fetch(`${gateway.origin}/api/models?provider=openai`)).json()) as {
      data: Array<{ id: string; kind: string }>;
    };
    const kindOf = new Map(all.data.map((model) => [model.id, model.kind]));
    expect(kindOf.get('gpt-4.1-mini')).toBe('chat');
    expect(kindOf.get('text-embedding-3-small')).toBe('embedding');
    expect(kindOf.get('gpt-image-1')).toBe('image');
    expect(kindOf.get('tts-1')).toBe('audio');

    const embeddings = (await (await fetch(`${gateway.origin}/api/models?kind=embedding`)).json()) as typeof all;
    expect(embeddings.data.length).toBeGreaterThan(10);
    expect(embeddings.data.every((model) => model.kind === 'embedding')).toBe(true);
    expect(embeddings.data.map((model) => model.id)).toContain('gemini-embedding-001');

    const bad = await fetch(`${gateway.origin}/api/models?kind=video`);
    expect(bad.status).toBe(400);
  });
});
