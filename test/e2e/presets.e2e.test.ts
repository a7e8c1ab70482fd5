/**
 * Presets (issue 18): a user saves a named bundle (model or fallback list, system prompt,
 * parameters, provider preferences) and calls it as `model: "@preset/name"` on any API; the
 * operator's shared presets serve every user; nobody calls, sees or changes another user's.
 */
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Gateway, startGateway } from './gateway-harness.js';
import { asAdmin, asUser, createKey, register, type Session } from './platform-client.js';

/** What the emulator received, as far as these tests read it. */
interface SentBody {
  model?: string;
  messages: Array<{ role: string; content: unknown }>;
  system?: unknown;
  temperature?: number;
  max_tokens?: number;
  max_completion_tokens?: number;
}

for (const database of ['sqlite', 'postgres'] as const) {
  describe(`presets [${database}]`, () => {
    let gateway: Gateway;
    let alice: Session;
    let bob: Session;
    let aliceKey: string;
    let client: OpenAI;

    beforeAll(async () => {
      gateway = await startGateway({}, database);
      alice = await register(gateway, `preset-alice-${database}@example.com`);
      bob = await register(gateway, `preset-bob-${database}@example.com`);
      aliceKey = (await createKey(gateway, alice)).key;
      client = new OpenAI({ apiKey: aliceKey, baseURL: gateway.baseURL, maxRetries: 0 });
    });
    afterAll(() => gateway?.close());
    beforeEach(() => {
      gateway.openai.reset();
      gateway.anthropic.reset();
    });

    it('calls a saved preset: its model, system prompt and parameters reach the upstream; the caller’s own win', async () => {
      const saved = await asUser(gateway, alice, 'POST', '/api/presets', {
        name: 'french',
        description: 'Short answers in French',
        model: 'gpt-4.1-mini',
        system: 'Réponds en français.',
        params: { temperature: 0.3, max_tokens: 77 },
      });
      expect(saved.status, JSON.stringify(saved.json)).toBe(201);
      expect(saved.json).toMatchObject({ name: 'french', shared: false, model: 'gpt-4.1-mini' });

      await client.chat.completions.create({ model: '@preset/french', messages: [{ role: 'user', content: 'Hello' }] });
      const sent = gateway.openai.requests.at(-1)?.body as SentBody;
      expect(sent.model).toBe('gpt-4.1-mini');
      expect(sent.messages[0]).toMatchObject({ role: 'system', content: 'Réponds en français.' });
      expect(sent.messages[1]).toMatchObject({ role: 'user', content: 'Hello' });
      expect(sent.temperature).toBe(0.3);
      expect(sent.max_completion_tokens ?? sent.max_tokens).toBe(77);

      await client.chat.completions.create({
        model: '@preset/french',
        messages: [{ role: 'user', content: 'Hello' }],
        temperature: 1.2,
      });
      const again = gateway.openai.requests.at(-1)?.body as SentBody;
      expect(again.temperature).toBe(1.2);
    });

    it('works on the other APIs: an Anthropic Messages client calling a preset', async () => {
      const saved = await asUser(gateway, alice, 'POST', '/api/presets', {
        name: 'claude-terse',
        models: ['claude-sonnet-4-5'],
        system: 'Be terse.',
      });
      expect(saved.status).toBe(201);
      const anthropic = new Anthropic({ apiKey: aliceKey, baseURL: gateway.origin, maxRetries: 0 });
      const message = await anthropic.messages.create({
        model: '@preset/claude-terse',
        max_tokens: 40,
        messages: [{ role: 'user', content: 'x' }],
      });
      expect(message.content[0]?.type === 'text' && message.content[0].text).toContain('Anthropic');
      const sent = gateway.anthropic.requests.at(-1)?.body as SentBody;
      expect(JSON.stringify(sent.system)).toContain('Be terse.');
    });

    it('falls back along a preset’s models', async () => {
      await asUser(gateway, alice, 'POST', '/api/presets', {
        name: 'resilient',
        models: ['gpt-4.1-mini', 'claude-sonnet-4-5'],
      });
      for (let i = 0; i < 5; i++) gateway.openai.enqueue({ fault: { type: 'http-error', status: 503 } });
      const completion = await client.chat.completions.create({
        model: '@preset/resilient',
        messages: [{ role: 'user', content: 'x' }],
      });
      expect(completion.choices[0]?.message.content).toContain('Anthropic');
    });

    it('keeps a user’s presets from everyone else: not callable, not listed, not changeable', async () => {
      const bobKey = (await createKey(gateway, bob)).key;
      const bobClient = new OpenAI({ apiKey: bobKey, baseURL: gateway.baseURL, maxRetries: 0 });
      const refused = (await bobClient.chat.completions
        .create({ model: '@preset/french', messages: [{ role: 'user', content: 'x' }] })
        .catch((error: unknown) => error)) as InstanceType<typeof OpenAI.APIError>;
      expect(refused.status).toBe(404);
      expect(refused.code).toBe('preset_not_found');
      const listed = await asUser(gateway, bob, 'GET', '/api/presets');
      expect(listed.json.data.map((preset: { name: string }) => preset.name)).not.toContain('french');
      const alices = (await asUser(gateway, alice, 'GET', '/api/presets')).json.data;
      const french = alices.find((preset: { name: string }) => preset.name === 'french');
      expect((await asUser(gateway, bob, 'PATCH', `/api/presets/${french.id}`, { system: 'pwned' })).status).toBe(404);
      expect((await asUser(gateway, bob, 'DELETE', `/api/presets/${french.id}`)).status).toBe(404);
      expect(gateway.openai.requestCount).toBe(0);
    });

    it('serves the operator’s shared presets to every user; only administrators make them', async () => {
      const denied = await asUser(gateway, bob, 'POST', '/api/presets', {
        name: 'house',
        model: 'gpt-4.1-mini',
        shared: true,
      });
      expect(denied.status).toBe(403);
      const shared = await asAdmin(gateway, 'POST', '/api/presets', {
        name: 'house',
        model: 'gpt-4.1-mini',
        system: 'House style.',
        shared: true,
      });
      expect(shared.status, JSON.stringify(shared.json)).toBe(201);
      const bobKey = (await createKey(gateway, bob)).key;
      const bobClient = new OpenAI({ apiKey: bobKey, baseURL: gateway.baseURL, maxRetries: 0 });
      await bobClient.chat.completions.create({ model: '@preset/house', messages: [{ role: 'user', content: 'x' }] });
      expect(JSON.stringify(gateway.openai.requests.at(-1)?.body)).toContain('House style.');
      expect(
        (await asUser(gateway, bob, 'GET', '/api/presets')).json.data.map((p: { name: string }) => p.name),
      ).toContain('house');
      expect((await asUser(gateway, bob, 'DELETE', `/api/presets/${shared.json.id}`)).status).toBe(404);
      // A user's own preset of the same name wins over the operator's, for that user only.
      await asUser(gateway, bob, 'POST', '/api/presets', { name: 'house', model: 'claude-sonnet-4-5' });
      await bobClient.chat.completions.create({ model: '@preset/house', messages: [{ role: 'user', content: 'x' }] });
      expect(gateway.anthropic.requestCount).toBe(1);
    });

    it('keeps one preset per name under a burst of concurrent saves of that name', async () => {
      const replies = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          asUser(gateway, alice, 'POST', '/api/presets', { name: 'burst', model: 'gpt-4.1-mini', system: `v${i}` }),
        ),
      );
      const statuses = replies.map((reply) => reply.status).sort();
      expect(statuses.filter((status) => status === 201)).toHaveLength(1);
      expect(statuses.filter((status) => status === 409)).toHaveLength(11);
      const listed = (await asUser(gateway, alice, 'GET', '/api/presets')).json.data;
      expect(listed.filter((preset: { name: string }) => preset.name === 'burst')).toHaveLength(1);
    });

    it('refuses malformed presets with a 400 naming the field, and a taken name with a 409', async () => {
      for (const body of [
        { name: 'no-model', system: 'x' },
        { name: 'bad name!', model: 'gpt-4.1-mini' },
        { name: 'loop', model: '@preset/french' },
        { name: 'typo', model: 'gpt-4.1-mini', params: { temprature: 1 } },
        { name: 'hot', model: 'gpt-4.1-mini', params: { temperature: 9 } },
      ]) {
        const reply = await asUser(gateway, alice, 'POST', '/api/presets', body);
        expect(reply.status, JSON.stringify(body)).toBe(400);
      }
      const taken = await asUser(gateway, alice, 'POST', '/api/presets', { name: 'french', model: 'gpt-4.1-mini' });
      expect(taken.status).toBe(409);
      const unknown = (await client.chat.completions
        .create({ model: '@preset/nothing-here', messages: [{ role: 'user', content: 'x' }] })
        .catch((error: unknown) => error)) as InstanceType<typeof OpenAI.APIError>;
      expect(unknown.status).toBe(404);
    });
  });
}
