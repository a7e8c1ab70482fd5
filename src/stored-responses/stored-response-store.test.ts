import { beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/db-harness.js';
import { manualTimers } from '../../test/logs/log-fixtures.js';
import { type StoredResponse, StoredResponseStore } from './stored-response-store.js';
import { StoredResponseSweeper } from './stored-response-sweeper.js';

const NOW = Date.UTC(2026, 0, 1);
const HOUR = 3_600_000;

function stored(overrides: Partial<StoredResponse> = {}): StoredResponse {
  return {
    id: 'resp_a',
    userId: 'usr_1',
    keyId: 'key_1',
    model: 'claude-sonnet-4-5',
    requestItems: [{ role: 'user', content: 'hi' }],
    output: [{ type: 'reasoning', id: 'rs_1', encrypted_content: 'aihub.r1.x', summary: [] }],
    response: { id: 'resp_a', object: 'response', status: 'completed', output: [] },
    createdAt: NOW,
    expiresAt: NOW + 24 * HOUR,
    ...overrides,
  };
}

describeEachDialect('StoredResponseStore', (store) => {
  let now = NOW;
  let responses: StoredResponseStore;
  const indexRows = () =>
    store().db.selectFrom('stored_response_items').selectAll().orderBy('response_id').orderBy('item_id').execute();
  beforeEach(async () => {
    now = NOW;
    await store().db.deleteFrom('stored_responses').execute();
    await store().db.deleteFrom('stored_response_items').execute();
    responses = new StoredResponseStore(store(), () => now);
  });

  it('returns a saved response to its owner only, JSON intact', async () => {
    await responses.save(stored());
    expect(await responses.find('resp_a', 'usr_1')).toEqual(stored());
    expect(await responses.find('resp_a', 'usr_2')).toBeUndefined();
    expect(await responses.find('resp_b', 'usr_1')).toBeUndefined();
  });

  it('keeps the first write of an id, and only its index', async () => {
    await responses.save(stored());
    await responses.save(stored({ model: 'other', userId: 'usr_2', output: [{ type: 'message', id: 'msg_2' }] }));
    expect((await responses.find('resp_a', 'usr_1'))?.model).toBe('claude-sonnet-4-5');
    expect((await indexRows()).map((row) => [row.user_id, row.item_id, row.response_id])).toEqual([
      ['usr_1', 'rs_1', 'resp_a'],
    ]);
  });

  it("indexes every item id of the input and the output, and locates the owner's items only", async () => {
    const first = stored({
      requestItems: [
        { id: 'msg_q1', role: 'user', content: 'q1' },
        { role: 'user', content: 'no id: not referenceable' },
      ],
      output: [{ id: 'fc_1', type: 'function_call', call_id: 'c1', name: 'f', arguments: '{}' }],
    });
    // A follow-up carries the first's items in its history, then its own.
    const second = stored({
      id: 'resp_b',
      createdAt: NOW + 1,
      requestItems: [...first.requestItems, ...first.output, { id: 'fco_1', type: 'function_call_output' }],
      output: [{ id: 'msg_a2', type: 'message', role: 'assistant', content: [] }],
    });
    const foreign = stored({ id: 'resp_z', userId: 'usr_2', output: [{ id: 'msg_z', type: 'message' }] });
    for (const response of [second, first, foreign]) await responses.save(response);

    const firstRows = (await indexRows()).filter((row) => row.response_id === 'resp_a');
    expect(firstRows.map((row) => row.item_id)).toEqual(['fc_1', 'msg_q1']);
    // What loading the response costs: the characters of its stored JSON.
    const chars = JSON.stringify(first.requestItems).length + JSON.stringify(first.output).length;
    expect(firstRows.map((row) => Number(row.response_chars))).toEqual([chars, chars]);

    const located = await responses.locateItems(['fc_1', 'msg_a2', 'nope'], 'usr_1');
    expect(located.map((at) => `${at.itemId}@${at.responseId}`).sort()).toEqual([
      'fc_1@resp_a',
      'fc_1@resp_b',
      'msg_a2@resp_b',
    ]);
    expect(located.find((at) => at.responseId === 'resp_a')).toEqual({
      itemId: 'fc_1',
      responseId: 'resp_a',
      responseChars: chars,
      createdAt: NOW,
    });
    // Another user's item is not found, nor is one of ours by another user.
    expect(await responses.locateItems(['msg_z'], 'usr_1')).toEqual([]);
    expect(await responses.locateItems(['fc_1'], 'usr_2')).toEqual([]);
    expect(await responses.locateItems([], 'usr_1')).toEqual([]);
    expect((await responses.findMany(['resp_a', 'resp_b', 'resp_z'], 'usr_1')).map((r) => r.id).sort()).toEqual([
      'resp_a',
      'resp_b',
    ]);
    expect(await responses.findMany([], 'usr_1')).toEqual([]);

    // Deleting the first leaves its items reachable through the follow-up that carries them.
    expect(await responses.delete('resp_a', 'usr_1')).toBe(true);
    expect((await indexRows()).some((row) => row.response_id === 'resp_a')).toBe(false);
    expect((await responses.locateItems(['fc_1'], 'usr_1')).map((at) => at.responseId)).toEqual(['resp_b']);
  });

  it('indexes a response of many items (more than one INSERT of index rows)', async () => {
    const requestItems = Array.from({ length: 1_234 }, (_, index) => ({
      id: `msg_${index}`,
      role: 'user',
      content: 'x',
    }));
    await responses.save(stored({ requestItems }));
    expect(await indexRows()).toHaveLength(1_235);
    expect((await responses.locateItems(['msg_1233'], 'usr_1')).map((at) => at.responseId)).toEqual(['resp_a']);
  });

  it('an expired response is neither located nor found, and the sweep removes its index rows', async () => {
    await responses.save(stored({ expiresAt: NOW + HOUR }));
    await responses.save(stored({ id: 'resp_fresh', expiresAt: NOW + 48 * HOUR, output: [{ id: 'rs_2' }] }));
    now = NOW + 2 * HOUR;
    expect(await responses.locateItems(['rs_1'], 'usr_1')).toEqual([]);
    expect(await responses.findMany(['resp_a'], 'usr_1')).toEqual([]);
    expect(await new StoredResponseSweeper(responses).sweep()).toBe(1);
    expect((await indexRows()).map((row) => [row.item_id, row.response_id])).toEqual([['rs_2', 'resp_fresh']]);
  });

  it('hides an expired response before the sweep, and the sweep deletes it in batches', async () => {
    for (let i = 0; i < 5; i++) await responses.save(stored({ id: `old_${i}`, expiresAt: NOW + HOUR + i }));
    await responses.save(stored({ id: 'fresh', expiresAt: NOW + 48 * HOUR }));
    now = NOW + 2 * HOUR;
    expect(await responses.find('old_0', 'usr_1')).toBeUndefined();
    expect(await responses.delete('old_0', 'usr_1')).toBe(false);
    const sweeper = new StoredResponseSweeper(responses, { batchSize: 2 });
    expect(await sweeper.sweep()).toBe(5);
    const left = await store().db.selectFrom('stored_responses').select('id').execute();
    expect(left.map((row) => row.id)).toEqual(['fresh']);
  });

  it('sweeps on start and on every interval until stopped', async () => {
    const timers = manualTimers();
    await responses.save(stored({ expiresAt: NOW + HOUR }));
    const sweeper = new StoredResponseSweeper(responses, { timers });
    sweeper.start();
    await sweeper.sweep();
    expect(await store().db.selectFrom('stored_responses').select('id').execute()).toHaveLength(1);
    now = NOW + 2 * HOUR;
    timers.tick();
    await sweeper.sweep();
    expect(await store().db.selectFrom('stored_responses').select('id').execute()).toHaveLength(0);
    await sweeper.stop();
    expect(timers.live.size).toBe(0);
  });
});
