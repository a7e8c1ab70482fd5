/**
 * Model aliases (issue 18): an operator's `fast` / `smart` names, each an ordered list of models
 * (another per key group), called as a model on any API, listed in /v1/models, failing over along
 * the list, and answered by the model that served.
 */
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Gateway, startGateway } from './gateway-harness.js';
import { asAdmin, asUser, createKey, register, type Session } from './platform-client.js';

describe('model aliases', () => {
  let gateway: Gateway;
  let user: Session;
  let key: string;
  let client: OpenAI;

  beforeAll(async () => {
    gateway = await startGateway();
    const groups = await asAdmin(gateway, 'PATCH', '/api/admin/settings', {
      keyGroups: [{ name: 'vip', multiplier: 1 }],
      modelAliases: {
        fast: { models: ['gpt-4.1-mini', 'gemini-2.5-flash-lite'], description: 'Quick answers' },
        smart: { models: ['claude-sonnet-4-5'], groups: { vip: ['gemini-2.5-flash-lite'] } },
      },
    });
    expect(groups.status, JSON.stringify(groups.json)).toBe(200);
    user = await register(gateway, 'aliases@example.com');
    key = (await createKey(gateway, user)).key;
    client = new OpenAI({ apiKey: key, baseURL: gateway.baseURL, maxRetries: 0 });
  });
  afterAll(() => gateway?.close());
  beforeEach(() => {
    gateway.openai.reset();
    gateway.gemini.reset();
    gateway.anthropic.reset();
  });

  it('serves an alias from its first model, and lists the aliases as models', async () => {
    const completion = await client.chat.completions.create({
      model: 'fast',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(completion.choices[0]?.message.content).toContain('OpenAI');
    expect(gateway.openai.requestCount).toBe(1);
    const listed = await client.models.list();
    const ids = listed.data.map((model) => model.id);
    expect(ids).toEqual(expect.arrayContaining(['fast', 'smart', 'gpt-4.1-mini']));
    expect((await client.models.retrieve('fast')).owned_by).toBe('aihub');
  });

  it('fails over along the alias’s list', async () => {
    for (let i = 0; i < 5; i++) gateway.openai.enqueue({ fault: { type: 'http-error', status: 503 } });
    const completion = await client.chat.completions.create({
      model: 'fast',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(completion.choices[0]?.message.content).toContain('Gemini');
  });

  it('uses the list of the caller’s key group', async () => {
    const vipKey = (await createKey(gateway, user, { group: 'vip' })).key;
    const vip = new OpenAI({ apiKey: vipKey, baseURL: gateway.baseURL, maxRetries: 0 });
    expect(
      (await vip.chat.completions.create({ model: 'smart', messages: [{ role: 'user', content: 'x' }] })).choices[0]
        ?.message.content,
    ).toContain('Gemini');
    expect(
      (await client.chat.completions.create({ model: 'smart', messages: [{ role: 'user', content: 'x' }] })).choices[0]
        ?.message.content,
    ).toContain('Anthropic');
  });

  it('serves a request that names no model by its group’s default model, once the operator set one', async () => {
    const noModel = {
      messages: [{ role: 'user', content: 'x' }],
    } as unknown as OpenAI.ChatCompletionCreateParamsNonStreaming;
    const refused = (await client.chat.completions.create(noModel).catch((error: unknown) => error)) as InstanceType<
      typeof OpenAI.APIError
    >;
    expect(refused.status).toBe(400);
    expect(refused.param).toBe('model');
    expect(refused.code).toBe('missing_required_parameter');
    const set = await asAdmin(gateway, 'PATCH', '/api/admin/settings', {
      defaultModels: { '*': 'gpt-4.1-mini', vip: 'smart' },
    });
    expect(set.status, JSON.stringify(set.json)).toBe(200);
    const plain = await client.chat.completions.create(noModel);
    expect(plain.choices[0]?.message.content).toContain('OpenAI');
    expect(plain.model).toBe('gpt-4.1-mini');
    // The vip group's default is an alias, resolved for its group: Gemini.
    const vipKey = (await createKey(gateway, user, { group: 'vip' })).key;
    const vip = new OpenAI({ apiKey: vipKey, baseURL: gateway.baseURL, maxRetries: 0 });
    expect((await vip.chat.completions.create(noModel)).choices[0]?.message.content).toContain('Gemini');
    const cleared = await asAdmin(gateway, 'PATCH', '/api/admin/settings', { defaultModels: {} });
    expect(cleared.status).toBe(200);
  });

  it('works on the other APIs too: Anthropic Messages', async () => {
    const anthropic = new Anthropic({ apiKey: key, baseURL: gateway.origin, maxRetries: 0 });
    const message = await anthropic.messages.create({
      model: 'smart',
      max_tokens: 50,
      messages: [{ role: 'user', content: 'x' }],
    });
    expect(message.content[0]?.type === 'text' && message.content[0].text).toContain('Anthropic');
  });

  it('refuses an alias the settings cannot hold, with the field named', async () => {
    const bad = await asAdmin(gateway, 'PATCH', '/api/admin/settings', { modelAliases: { fast: { models: [] } } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json)).toMatch(/modelAliases/);
    // A user cannot set them.
    const asUserReply = await asUser(gateway, user, 'PATCH', '/api/admin/settings', { modelAliases: {} });
    expect(asUserReply.status).toBe(403);
  });
});
