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
  beforeEach(async () => {
    now = NOW;
    await store().db.deleteFrom('stored_responses').execute();
    responses = new StoredResponseStore(store(), () => now);
  });

  it('returns a saved response to its owner only, JSON intact', async () => {
    await responses.save(stored());
    expect(await responses.find('resp_a', 'usr_1')).toEqual(stored());
    expect(await responses.find('resp_a', 'usr_2')).toBeUndefined();
    expect(await responses.find('resp_b', 'usr_1')).toBeUndefined();
  });

  it('keeps the first write of an id', async () => {
    await responses.save(stored());
    await responses.save(stored({ model: 'other', userId: 'usr_2' }));
    expect((await responses.find('resp_a', 'usr_1'))?.model).toBe('claude-sonnet-4-5');
  });

  it('deletes for the owner only', async () => {
    await responses.save(stored());
    expect(await responses.delete('resp_a', 'usr_2')).toBe(false);
    expect(await responses.delete('resp_a', 'usr_1')).toBe(true);
    expect(await responses.delete('resp_a', 'usr_1')).toBe(false);
    expect(await responses.find('resp_a', 'usr_1')).toBeUndefined();
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
