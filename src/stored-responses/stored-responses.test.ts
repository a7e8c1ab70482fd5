import { describe, expect, it, vi } from 'vitest';
import type { StoredResponse, StoredResponseStore } from './stored-response-store.js';
import { StoredResponses } from './stored-responses.js';

const RESPONSE = { id: 'resp_1', userId: 'usr_1' } as StoredResponse;

/** A store whose save resolves (or rejects) when the test says. */
function slowStore() {
  let finish: (error?: Error) => void = () => {};
  const saved = new Set<string>();
  const store = {
    save: (response: StoredResponse) =>
      new Promise<void>((resolve, reject) => {
        finish = (error) => {
          if (error) reject(error);
          else {
            saved.add(response.id);
            resolve();
          }
        };
      }),
    find: async (id: string) => (saved.has(id) ? RESPONSE : undefined),
    delete: async (id: string) => saved.delete(id),
  } as unknown as StoredResponseStore;
  return { store, finish: (error?: Error) => finish(error) };
}

describe('StoredResponses', () => {
  it('a read of an id still being written waits for the write', async () => {
    const { store, finish } = slowStore();
    const responses = new StoredResponses(store, { warn: vi.fn(), error: vi.fn() });
    void responses.saveInBackground(RESPONSE);
    const found = responses.find('resp_1', 'usr_1');
    setTimeout(() => finish(), 5);
    expect(await found).toBe(RESPONSE);
    expect(await responses.delete('resp_1', 'usr_1')).toBe(true);
  });

  it('a failed write is logged, never thrown, and reads go on', async () => {
    const { store, finish } = slowStore();
    const logger = { warn: vi.fn(), error: vi.fn() };
    const responses = new StoredResponses(store, logger);
    const write = responses.saveInBackground(RESPONSE);
    finish(new Error('disk full'));
    await expect(write).resolves.toBeUndefined();
    expect(logger.error).toHaveBeenCalledWith(
      expect.objectContaining({ responseId: 'resp_1' }),
      'stored responses: saving a response failed',
    );
    expect(await responses.find('resp_1', 'usr_1')).toBeUndefined();
    await responses.flush();
  });
});
