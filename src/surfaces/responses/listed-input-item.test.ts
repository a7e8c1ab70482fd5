import { describe, expect, it } from 'vitest';
import { listedInputItem } from './listed-input-item.js';

const NOTHING = new Set<string>();

describe('listedInputItem', () => {
  it('the easy message form becomes a typed message with content parts and a status', () => {
    expect(listedInputItem({ id: 'msg_1', role: 'developer', content: 'be brief' }, NOTHING)).toEqual({
      id: 'msg_1',
      type: 'message',
      role: 'developer',
      content: [{ type: 'input_text', text: 'be brief' }],
      status: 'completed',
    });
    expect(listedInputItem({ id: 'msg_2', role: 'assistant', content: 'sure' }, NOTHING)).toEqual({
      id: 'msg_2',
      type: 'message',
      role: 'assistant',
      content: [{ type: 'output_text', text: 'sure', annotations: [] }],
      status: 'completed',
    });
  });

  it('keeps a status the item has, and adds none to vendor items', () => {
    const call = { id: 'fc_1', type: 'function_call', call_id: 'c', name: 'f', arguments: '{}', status: 'incomplete' };
    expect(listedInputItem(call, NOTHING)).toEqual(call);
    const output = { id: 'fco_1', type: 'function_call_output', call_id: 'c', output: 'ok' };
    expect(listedInputItem(output, NOTHING)).toEqual({ ...output, status: 'completed' });
    const search = { id: 'ws_1', type: 'web_search_call', action: { type: 'search' } };
    expect(listedInputItem(search, NOTHING)).toEqual(search);
  });

  it('leaves out what `include` did not ask for, and shows it when asked', () => {
    const reasoning = { id: 'rs_1', type: 'reasoning', summary: [], encrypted_content: 'aihub.r1.sealed' };
    expect(listedInputItem(reasoning, NOTHING)).toEqual({
      id: 'rs_1',
      type: 'reasoning',
      summary: [],
      status: 'completed',
    });
    expect(listedInputItem(reasoning, new Set(['reasoning.encrypted_content']))).toMatchObject({
      encrypted_content: 'aihub.r1.sealed',
    });
    const image = {
      id: 'msg_3',
      type: 'message',
      role: 'user',
      content: [
        { type: 'input_text', text: 'look' },
        { type: 'input_image', image_url: 'data:image/png;base64,AAAA', detail: 'low' },
      ],
    };
    expect((listedInputItem(image, NOTHING).content as unknown[])[1]).toEqual({ type: 'input_image', detail: 'low' });
    expect((listedInputItem(image, new Set(['message.input_image.image_url'])).content as unknown[])[1]).toMatchObject({
      image_url: 'data:image/png;base64,AAAA',
    });
    // The stored item is not changed.
    expect(image.content[1]).toHaveProperty('image_url');
  });
});
