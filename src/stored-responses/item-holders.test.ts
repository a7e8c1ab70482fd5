import { describe, expect, it } from 'vitest';
import { MAX_REFERENCED_CHARS, responsesToLoad } from './item-holders.js';
import type { StoredItemLocation } from './stored-response-store.js';

function at(itemId: string, responseId: string, responseChars: number, createdAt = 0): StoredItemLocation {
  return { itemId, responseId, responseChars, createdAt };
}

describe('responsesToLoad', () => {
  it('loads, for each item, the smallest response holding it, each response once', () => {
    const locations = [
      at('fc_1', 'resp_late', 9_000, 3),
      at('fc_1', 'resp_first', 1_000, 1),
      at('msg_1', 'resp_first', 1_000, 1),
      at('msg_2', 'resp_late', 9_000, 3),
    ];
    expect(responsesToLoad(locations).sort()).toEqual(['resp_first', 'resp_late']);
    expect(responsesToLoad(locations.slice(0, 3))).toEqual(['resp_first']);
    expect(responsesToLoad([])).toEqual([]);
  });

  it('on equal sizes, the oldest', () => {
    expect(responsesToLoad([at('fc_1', 'resp_b', 10, 2), at('fc_1', 'resp_a', 10, 1)])).toEqual(['resp_a']);
  });

  it('refuses with a 413 when the responses to load add up to more than the bound', () => {
    const locations = [at('a', 'resp_1', 600), at('b', 'resp_2', 500)];
    expect(responsesToLoad(locations, 1_100).sort()).toEqual(['resp_1', 'resp_2']);
    expect(() => responsesToLoad(locations, 1_099)).toThrow(
      expect.objectContaining({ kind: 'payload_too_large', status: 413, param: 'input' }),
    );
    // The default bound lets a long conversation through.
    expect(responsesToLoad([at('a', 'resp_1', 30 * 1024 * 1024)])).toEqual(['resp_1']);
    expect(() => responsesToLoad([at('a', 'resp_1', MAX_REFERENCED_CHARS + 1)])).toThrow(
      expect.objectContaining({ status: 413 }),
    );
  });
});
