import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_KEY, type Gateway, startGateway } from './gateway-harness.js';
import { createKey, register } from './platform-client.js';

/**
 * `GET /v1/responses/{id}/input_items` and `item_reference` inputs through the official SDK,
 * against a real AIHub: paging, the conversation carried by previous_response_id, a follow-up
 * that references a stored function call, and what a client must not get (another user's
 * response or item, garbage queries, a flood of references).
 */
let gateway: Gateway;
let openai: OpenAI;
let stranger: OpenAI;

const MODEL = 'claude-sonnet-4-5';

const WEATHER: OpenAI.Responses.FunctionTool = {
  type: 'function',
  name: 'get_weather',
  description: 'Current weather in a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  strict: false,
};

beforeAll(async () => {
  gateway = await startGateway();
  openai = new OpenAI({ apiKey: ADMIN_KEY, baseURL: gateway.baseURL, maxRetries: 0 });
  const session = await register(gateway, 'input-items-stranger@example.com');
  const { key } = await createKey(gateway, session);
  stranger = new OpenAI({ apiKey: key, baseURL: gateway.baseURL, maxRetries: 0 });
});
afterAll(async () => gateway?.close());

async function listAll(
  responseId: string,
  query: OpenAI.Responses.InputItemListParams = {},
): Promise<OpenAI.Responses.ResponseItem[]> {
  const items: OpenAI.Responses.ResponseItem[] = [];
  for await (const item of openai.responses.inputItems.list(responseId, query)) items.push(item);
  return items;
}

async function getJson(path: string, key = ADMIN_KEY): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${gateway.baseURL}${path}`, { headers: { authorization: `Bearer ${key}` } });
  return { status: response.status, body: await response.json() };
}

function texts(items: OpenAI.Responses.ResponseItem[]): string[] {
  return items.map((item) => {
    if (item.type !== 'message') return String(item.type);
    return item.content.map((part) => ('text' in part ? part.text : part.type)).join('');
  });
}

describe('input items of a stored response', () => {
  it('lists the input, then the carried conversation, newest first, page by page', async () => {
    const first = await openai.responses.create({
      model: MODEL,
      instructions: 'Be brief.',
      input: [
        { role: 'developer', content: 'Answer in English.' },
        { role: 'user', content: 'one' },
        { role: 'assistant', content: 'two' },
        { role: 'user', content: [{ type: 'input_text', text: 'three' }] },
      ],
    });
    const second = await openai.responses.create({
      model: MODEL,
      previous_response_id: first.id,
      input: [{ role: 'user', content: 'four' }],
    });

    const firstItems = await listAll(first.id, { order: 'asc', limit: 3 });
    expect(texts(firstItems)).toEqual(['Answer in English.', 'one', 'two', 'three']);
    for (const item of firstItems) {
      expect(item).toMatchObject({ id: expect.stringMatching(/^msg_/), type: 'message', status: 'completed' });
    }

    // The follow-up's items: the first's input, its answer, then its own input; ids carried over.
    const ascending = await listAll(second.id, { order: 'asc', limit: 2 });
    expect(texts(ascending)).toEqual(['Answer in English.', 'one', 'two', 'three', first.output_text, 'four']);
    expect(ascending.slice(0, 4).map((item) => item.id)).toEqual(firstItems.map((item) => item.id));
    expect(ascending[4]?.id).toBe(first.output[0]?.id);
    expect(new Set(ascending.map((item) => item.id)).size).toBe(6);

    // Default order: newest first; the same ids every time.
    const descending = await listAll(second.id);
    expect(descending.map((item) => item.id)).toEqual(ascending.map((item) => item.id).reverse());

    const page = await getJson(`/responses/${second.id}/input_items?limit=4`);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({
      object: 'list',
      data: descending.slice(0, 4),
      first_id: descending[0]?.id,
      last_id: descending[3]?.id,
      has_more: true,
    });
    const rest = await getJson(`/responses/${second.id}/input_items?limit=4&after=${descending[3]?.id}`);
    expect(rest.body).toMatchObject({ first_id: descending[4]?.id, last_id: descending[5]?.id, has_more: false });
  });

  it("include[] (the SDK's bracket form) shows a carried reasoning item's encrypted_content", async () => {
    const first = await openai.responses.create({
      model: MODEL,
      input: 'think first',
      reasoning: { effort: 'medium', summary: 'auto' },
    });
    const reasoning = first.output.find((item) => item.type === 'reasoning');
    expect(reasoning).toBeDefined();
    const second = await openai.responses.create({ model: MODEL, previous_response_id: first.id, input: 'go on' });
    // This SDK version's ResponseItem union has no reasoning member; OpenAI's newer one does.
    const isReasoning = (item: OpenAI.Responses.ResponseItem) => (item as { type?: string }).type === 'reasoning';
    const plain = (await listAll(second.id)).find(isReasoning);
    expect(plain).toMatchObject({ id: reasoning?.id, type: 'reasoning' });
    expect(plain).not.toHaveProperty('encrypted_content');
    const included = (await listAll(second.id, { include: ['reasoning.encrypted_content'] })).find(isReasoning);
    expect(included).toMatchObject({ id: reasoning?.id, encrypted_content: expect.stringMatching(/^aihub\.r1\./) });
  });

  it('a follow-up references a stored function call and question by id', async () => {
    const first = await openai.responses.create({
      model: MODEL,
      input: [{ role: 'user', content: 'What is the weather in Paris?' }],
      tools: [WEATHER],
    });
    const call = first.output.find((item) => item.type === 'function_call');
    expect(call).toBeDefined();
    if (call?.type !== 'function_call') return;
    const [question] = await listAll(first.id);

    const followUp = await openai.responses.create({
      model: MODEL,
      tools: [WEATHER],
      input: [
        { type: 'item_reference', id: question?.id as string },
        { type: 'item_reference', id: call.id as string },
        { type: 'function_call_output', call_id: call.call_id, output: 'sunny in Paris' },
      ],
    });
    expect(followUp.status).toBe('completed');
    expect(followUp.output_text).toContain('tool result sunny in Paris');
    // The upstream got the question, the call (with its id) and the result, not references.
    const sent = JSON.stringify(gateway.anthropic.requests.at(-1)?.body);
    expect(sent).toContain('What is the weather in Paris?');
    expect(sent).toContain(call.call_id);
    expect(sent).not.toContain('item_reference');

    // Stored with the items themselves: the follow-up's input lists them under their own ids.
    const listed = await listAll(followUp.id, { order: 'asc' });
    expect(listed.map((item) => item.type)).toEqual(['message', 'function_call', 'function_call_output']);
    expect(listed[0]?.id).toBe(question?.id);
    expect(listed[1]).toMatchObject({ id: call.id, call_id: call.call_id, name: 'get_weather' });
  });
});

describe('what a client must not get', () => {
  it("another user's response is a 404 in OpenAI's envelope", async () => {
    const mine = await openai.responses.create({ model: MODEL, input: 'private' });
    await expect(stranger.responses.inputItems.list(mine.id)).rejects.toMatchObject({
      status: 404,
      error: { type: 'invalid_request_error', code: 'response_not_found', param: 'response_id' },
    });
    const { key } = await createKey(gateway, await register(gateway, 'input-items-raw@example.com'));
    const raw = await getJson(`/responses/${mine.id}/input_items`, key);
    expect(raw).toEqual({
      status: 404,
      body: {
        error: {
          message: `Response with id '${mine.id}' not found.`,
          type: 'invalid_request_error',
          param: 'response_id',
          code: 'response_not_found',
        },
      },
    });
    expect((await listAll(mine.id)).length).toBe(1);
  });

  it("a reference to another user's item is a 404 naming it, and nothing is sent upstream", async () => {
    const mine = await openai.responses.create({ model: MODEL, input: 'secret question' });
    const [item] = await listAll(mine.id);
    const itemId = item?.id as string;
    const before = gateway.anthropic.requests.length;
    await expect(
      stranger.responses.create({ model: MODEL, input: [{ type: 'item_reference', id: itemId }] }),
    ).rejects.toMatchObject({
      status: 404,
      error: { type: 'invalid_request_error', param: 'input', message: `Item with id '${itemId}' not found.` },
    });
    await expect(
      openai.responses.create({ model: MODEL, input: [{ type: 'item_reference', id: 'msg_never_stored' }] }),
    ).rejects.toMatchObject({ status: 404, error: { message: "Item with id 'msg_never_stored' not found." } });
    expect(gateway.anthropic.requests.length).toBe(before);
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['limit=abc', 'limit'],
    ['limit=1&limit=2', 'limit'],
    ['order=sideways', 'order'],
    ['after=msg_not_in_this_response', 'after'],
    ['include[]=everything', 'include'],
  ])("?%s is a 400 in OpenAI's envelope naming %s", async (query, param) => {
    const response = await openai.responses.create({ model: MODEL, input: 'hello' });
    const answer = await getJson(`/responses/${response.id}/input_items?${query}`);
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      error: { message: expect.any(String), type: 'invalid_request_error', param, code: expect.any(String) },
    });
  });

  it('more than 1,000 references is a 400; 1,000 unknown ones a 404, all in one lookup', async () => {
    const flood = Array.from({ length: 1_001 }, (_, index) => ({
      type: 'item_reference' as const,
      id: `msg_${index}`,
    }));
    await expect(openai.responses.create({ model: MODEL, input: flood })).rejects.toMatchObject({
      status: 400,
      error: { param: 'input', code: 'too_many_item_references' },
    });
    await expect(openai.responses.create({ model: MODEL, input: flood.slice(0, 1_000) })).rejects.toMatchObject({
      status: 404,
      error: { message: "Item with id 'msg_0' not found." },
    });
  });
});
