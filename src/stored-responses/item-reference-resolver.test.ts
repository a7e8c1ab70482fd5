import { beforeEach, expect, it, vi } from 'vitest';
import { describeEachDialect } from '../../test/db-harness.js';
import { decodeResponsesRequest } from '../surfaces/responses/index.js';
import type { SurfaceInput } from '../surfaces/surface.js';
import { withItemReferencesResolved } from './item-reference-resolver.js';
import type { StoredResponse } from './stored-response-store.js';
import { StoredResponseStore } from './stored-response-store.js';
import { StoredResponses } from './stored-responses.js';

const NOW = Date.UTC(2026, 0, 1);
const CALL = {
  id: 'fc_r1_0',
  type: 'function_call',
  status: 'completed',
  call_id: 'call_1',
  name: 'get_weather',
  arguments: '{"city":"Paris"}',
};
const QUESTION = { id: 'msg_r1_i0', role: 'user', content: 'weather in Paris?' };

function stored(overrides: Partial<StoredResponse> = {}): StoredResponse {
  return {
    id: 'resp_r1',
    userId: 'usr_1',
    keyId: null,
    model: 'claude-sonnet-4-5',
    requestItems: [QUESTION],
    output: [CALL],
    response: { id: 'resp_r1', object: 'response' },
    createdAt: NOW,
    expiresAt: NOW + 86_400_000,
    ...overrides,
  };
}

function request(input: unknown): SurfaceInput {
  return { body: { model: 'claude-sonnet-4-5', input }, headers: {}, query: {}, params: {} };
}

describeEachDialect('withItemReferencesResolved', (store) => {
  let responses: StoredResponses;
  beforeEach(async () => {
    await store().db.deleteFrom('stored_responses').execute();
    await store().db.deleteFrom('stored_response_items').execute();
    responses = new StoredResponses(new StoredResponseStore(store(), () => NOW), { warn: vi.fn(), error: vi.fn() });
    await responses.saveInBackground(stored());
    await responses.saveInBackground(stored({ id: 'resp_x', userId: 'usr_2', output: [{ ...CALL, id: 'fc_x' }] }));
  });

  it('replaces references to input and output items by the items, as a follow-up sends them', async () => {
    const answer = { type: 'function_call_output', call_id: 'call_1', output: 'sunny' };
    const resolved = await withItemReferencesResolved(
      request([{ type: 'item_reference', id: 'msg_r1_i0' }, { id: 'fc_r1_0' }, answer]),
      'usr_1',
      responses,
    );
    const { status: _status, ...call } = CALL;
    expect((resolved.body as { input: unknown }).input).toEqual([QUESTION, call, answer]);
    // It decodes: the call and its output are one exchange.
    const decoded = decodeResponsesRequest(resolved.body);
    expect(decoded.messages.map((message) => message.role)).toEqual(['user', 'assistant', 'tool']);
  });

  it("another user's item, or an unknown one, is a 404 naming it", async () => {
    await expect(
      withItemReferencesResolved(request([{ type: 'item_reference', id: 'fc_x' }]), 'usr_1', responses),
    ).rejects.toMatchObject({ status: 404, param: 'input', message: "Item with id 'fc_x' not found." });
    await expect(
      withItemReferencesResolved(request([{ type: 'item_reference', id: 'fc_r1_0' }]), 'usr_2', responses),
    ).rejects.toMatchObject({ status: 404 });
  });

  it('a request without references is passed on untouched', async () => {
    const plain = request('hello');
    expect(await withItemReferencesResolved(plain, 'usr_1', responses)).toBe(plain);
    const items = request([{ role: 'user', content: 'hi' }]);
    expect(await withItemReferencesResolved(items, 'usr_1', responses)).toBe(items);
  });

  it('finds an item of a response whose write is still in progress', async () => {
    const write = responses.saveInBackground(stored({ id: 'resp_r2', output: [{ ...CALL, id: 'fc_r2_0' }] }));
    const resolved = withItemReferencesResolved(request([{ id: 'fc_r2_0' }]), 'usr_1', responses);
    await write;
    expect(((await resolved).body as { input: Array<{ id: string }> }).input[0]?.id).toBe('fc_r2_0');
  });
});
