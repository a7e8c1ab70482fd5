import { describe, expect, it } from 'vitest';
import { itemReferenceIds, MAX_ITEM_REFERENCES, replaceItemReferences } from './item-references.js';

const CALL = { id: 'fc_1', type: 'function_call', call_id: 'call_1', name: 'get_weather', arguments: '{}' };
const MESSAGE = { id: 'msg_1', type: 'message', role: 'user', content: 'hi' };

describe('item references', () => {
  it('finds the referenced ids, typed or bare, each once, in order', () => {
    const input = [
      { role: 'user', content: 'x' },
      { type: 'item_reference', id: 'fc_1' },
      { id: 'msg_1' },
      { type: 'item_reference', id: 'fc_1' },
      { type: 'function_call_output', call_id: 'call_1', output: 'sunny', id: 'fco_9' },
    ];
    expect(itemReferenceIds(input)).toEqual(['fc_1', 'msg_1']);
    expect(itemReferenceIds('a string input')).toEqual([]);
    expect(itemReferenceIds(undefined)).toEqual([]);
    // Not a string id: left for the decoder to refuse.
    expect(itemReferenceIds([{ type: 'item_reference', id: 7 }])).toEqual([]);
  });

  it('refuses more references than the bound, counting repeats', () => {
    const atBound = Array.from({ length: MAX_ITEM_REFERENCES }, () => ({ type: 'item_reference', id: 'fc_1' }));
    expect(itemReferenceIds(atBound)).toEqual(['fc_1']);
    expect(() => itemReferenceIds([...atBound, { id: 'fc_2' }])).toThrow(
      expect.objectContaining({ status: 400, param: 'input', code: 'too_many_item_references' }),
    );
  });

  it('replaces each reference by the item it names, leaving the other items as they were', () => {
    const own = { role: 'user', content: 'what now?' };
    const input = [{ type: 'item_reference', id: 'msg_1' }, { id: 'fc_1' }, own];
    const found = new Map<string, Record<string, unknown>>([
      ['fc_1', CALL],
      ['msg_1', MESSAGE],
    ]);
    const replaced = replaceItemReferences(input, found);
    expect(replaced).toEqual([MESSAGE, CALL, own]);
    expect(replaced[2]).toBe(own);
    // A copy: the stored item is not shared with the request.
    expect(replaced[1]).not.toBe(CALL);
  });

  it("an id not found is a 404 naming it, as OpenAI's unknown item", () => {
    expect(() => replaceItemReferences([{ type: 'item_reference', id: 'fc_nope' }], new Map())).toThrow(
      expect.objectContaining({
        kind: 'not_found',
        status: 404,
        param: 'input',
        message: "Item with id 'fc_nope' not found.",
      }),
    );
  });
});
