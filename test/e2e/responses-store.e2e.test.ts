import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_KEY, type Gateway, startGateway } from './gateway-harness.js';
import { createKey, register } from './platform-client.js';

/** Stored responses through the official SDK: retrieve, delete, previous_response_id, owners, store:false. */
let gateway: Gateway;
let openai: OpenAI;

beforeAll(async () => {
  gateway = await startGateway();
  openai = new OpenAI({ apiKey: ADMIN_KEY, baseURL: gateway.baseURL, maxRetries: 0 });
});
afterAll(async () => gateway?.close());

const MODELS = ['gpt-4.1-mini', 'claude-sonnet-4-5', 'gemini-2.5-flash-lite', 'deepseek-chat'];

/** Where each string first occurs in the body the upstream last received (-1: absent). */
function positionsInLastUpstreamBody(model: string, ...texts: string[]): number[] {
  const body = JSON.stringify(lastBody(model));
  return texts.map((text) => body.indexOf(text));
}

/** The texts occur in this order, each present. */
function expectInOrder(positions: number[]): void {
  expect(
    positions.every((position) => position >= 0),
    JSON.stringify(positions),
  ).toBe(true);
  expect([...positions].sort((a, b) => a - b)).toEqual(positions);
}

describe('stored responses', () => {
  it.each(MODELS)(
    '%s: a stored answer is retrieved, continued with previous_response_id, then deleted',
    async (model) => {
      const first = await openai.responses.create({ model, input: 'first question', max_output_tokens: 200 });
      expect(first.status).toBe('completed');
      const retrieved = await openai.responses.retrieve(first.id);
      expect(retrieved).toEqual(first);

      const stream = openai.responses.stream({
        model,
        previous_response_id: first.id,
        input: [{ role: 'user', content: 'second question' }],
        max_output_tokens: 200,
      });
      const second = await stream.finalResponse();
      // A translated answer echoes the id it continued; OpenAI's own answer (a pass-through) is
      // forwarded untouched, and OpenAI was sent the history, not the id, which it does not hold.
      expect(second.previous_response_id).toBe(model.startsWith('gpt') ? null : first.id);
      // The first question, its answer (as the assistant's turn), then the second question.
      expectInOrder(positionsInLastUpstreamBody(model, 'first question', first.output_text, 'second question'));

      // A chain: the third turn sees both earlier turns (the second stored the first's history).
      await openai.responses.create({ model, previous_response_id: second.id, input: 'third', max_output_tokens: 50 });
      expectInOrder(
        positionsInLastUpstreamBody(model, 'first question', first.output_text, 'second question', messageText(second)),
      );

      const retrievedStream = await openai.responses.retrieve(second.id);
      expect(retrievedStream.output_text).toBe(messageText(second));

      const deleted: unknown = await openai.responses.delete(first.id);
      expect(deleted).toEqual({ id: first.id, object: 'response', deleted: true });
      await expect(openai.responses.retrieve(first.id)).rejects.toMatchObject({ status: 404 });
    },
  );

  it("DELETE answers {id, object, deleted} and a second DELETE is a 404 in OpenAI's envelope", async () => {
    const response = await openai.responses.create({ model: 'gpt-4.1-mini', input: 'hello' });
    const del = await fetch(`${gateway.baseURL}/responses/${response.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${ADMIN_KEY}` },
    });
    expect(del.status).toBe(200);
    expect(await del.json()).toEqual({ id: response.id, object: 'response', deleted: true });
    const again = await fetch(`${gateway.baseURL}/responses/${response.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${ADMIN_KEY}` },
    });
    expect(again.status).toBe(404);
    expect(await again.json()).toMatchObject({ error: { type: 'invalid_request_error', code: 'response_not_found' } });
  });

  it("another user's response is not found, whether retrieved, deleted or continued", async () => {
    const session = await register(gateway, 'other-owner@example.com');
    const { key } = await createKey(gateway, session);
    const stranger = new OpenAI({ apiKey: key, baseURL: gateway.baseURL, maxRetries: 0 });
    const mine = await openai.responses.create({ model: 'gpt-4.1-mini', input: 'private' });
    await expect(stranger.responses.retrieve(mine.id)).rejects.toMatchObject({ status: 404 });
    await expect(stranger.responses.delete(mine.id)).rejects.toMatchObject({ status: 404 });
    await expect(
      stranger.responses.create({ model: 'gpt-4.1-mini', previous_response_id: mine.id, input: 'x' }),
    ).rejects.toMatchObject({
      status: 404,
      error: { code: 'previous_response_not_found', param: 'previous_response_id' },
    });
    // Still there for its owner.
    expect((await openai.responses.retrieve(mine.id)).id).toBe(mine.id);
  });

  it('store:false answers statelessly: nothing to retrieve or continue', async () => {
    const response = await openai.responses.create({ model: 'claude-sonnet-4-5', input: 'hello', store: false });
    expect(response.status).toBe('completed');
    await expect(openai.responses.retrieve(response.id)).rejects.toMatchObject({ status: 404 });
    await expect(
      openai.responses.create({ model: 'claude-sonnet-4-5', previous_response_id: response.id, input: 'x' }),
    ).rejects.toMatchObject({ status: 404, error: { code: 'previous_response_not_found' } });
  });

  it('a failed answer is not stored', async () => {
    // After the first text (OpenAI's stream passes through: its opening events wait for content).
    gateway.openai.enqueue({ fault: { type: 'in-band-error', afterChunks: 5 } });
    const stream = openai.responses.stream({ model: 'gpt-4.1-mini', input: 'hello' });
    let id: string | undefined;
    stream.on('response.created', (event) => {
      id = event.response.id;
    });
    await expect(stream.finalResponse()).rejects.toThrow();
    expect(id).toBeTruthy();
    await expect(openai.responses.retrieve(id as string)).rejects.toMatchObject({ status: 404 });
  });

  it('the operator setting sets the expiry; 0 stores nothing', async () => {
    const row = async (id: string) =>
      gateway.app.store.db.selectFrom('stored_responses').selectAll().where('id', '=', id).executeTakeFirst();
    const kept = await openai.responses.create({ model: 'gpt-4.1-mini', input: 'hello' });
    const stored = await row(kept.id);
    expect(Number(stored?.expires_at) - Number(stored?.created_at)).toBe(30 * 86_400_000);
    const patch = await fetch(`${gateway.origin}/api/admin/settings`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ responseRetentionDays: 0 }),
    });
    expect(patch.status).toBe(200);
    const unkept = await openai.responses.create({ model: 'gpt-4.1-mini', input: 'hello' });
    await expect(openai.responses.retrieve(unkept.id)).rejects.toMatchObject({ status: 404 });
    await fetch(`${gateway.origin}/api/admin/settings`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ responseRetentionDays: 30 }),
    });
  });
});

function lastBody(model: string): unknown {
  const emulator = model.startsWith('claude')
    ? gateway.anthropic
    : model.startsWith('gemini')
      ? gateway.gemini
      : model.startsWith('deepseek')
        ? gateway.deepseek
        : gateway.openai;
  return emulator.requests.at(-1)?.body;
}

/** The answer's text (a streamed final response has no `output_text` convenience field). */
function messageText(response: OpenAI.Responses.Response): string {
  return response.output
    .flatMap((item) => (item.type === 'message' ? item.content : []))
    .map((part) => (part.type === 'output_text' ? part.text : ''))
    .join('');
}
