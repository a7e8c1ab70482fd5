import { describe, expect, it } from 'vitest';
import { withItemIds } from './input-item-ids.js';
import { responseIds } from './response-ids.js';

describe('withItemIds', () => {
  it('gives each item without an id one derived from the response and its place, by type', () => {
    const items = [
      { role: 'user', content: 'hi' },
      { type: 'function_call', call_id: 'c1', name: 'f', arguments: '{}' },
      { type: 'function_call_output', call_id: 'c1', output: 'ok' },
      { type: 'reasoning', summary: [] },
      { type: 'web_search_call', status: 'completed' },
      { type: 'message', role: 'developer', content: 'be brief', id: null },
    ];
    expect(withItemIds(items, 'resp_abc123').map((item) => item.id)).toEqual([
      'msg_abc123_i0',
      'fc_abc123_i1',
      'fco_abc123_i2',
      'rs_abc123_i3',
      'item_abc123_i4',
      'msg_abc123_i5',
    ]);
  });

  it('keeps the ids items already have, and everything else of the item', () => {
    const items = [{ type: 'function_call', id: 'fc_theirs', call_id: 'c1', name: 'f', arguments: '{}' }];
    expect(withItemIds(items, 'resp_x')).toEqual(items);
    expect(withItemIds([{ role: 'user', content: 'hi' }], 'resp_x')).toEqual([
      { id: 'msg_x_i0', role: 'user', content: 'hi' },
    ]);
  });

  it('is stable: the same conversation gets the same ids, and a second pass changes nothing', () => {
    const items = [
      { role: 'user', content: 'a' },
      { role: 'assistant', content: 'b' },
    ];
    const once = withItemIds(items, 'resp_r1');
    expect(withItemIds(items, 'resp_r1')).toEqual(once);
    expect(withItemIds(once, 'resp_other')).toEqual(once);
  });

  it('never gives an input item the id of an output item of the same response', () => {
    const ids = responseIds('req-7');
    const input = withItemIds([{ role: 'user', content: 'a' }], ids.response);
    expect(input[0]?.id).not.toBe(ids.item('message', 0));
  });

  it('drops what is not an item, keeping the places of the others', () => {
    expect(withItemIds([null, { role: 'user', content: 'a' }, 5], 'resp_q').map((item) => item.id)).toEqual([
      'msg_q_i1',
    ]);
  });
});
