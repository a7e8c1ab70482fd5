import { describe, expect, it } from 'vitest';
import type { ResponseItem } from './decode-input-items.js';
import { inputItemsPage } from './input-items-page.js';
import type { InputItemsQuery } from './input-items-query.js';

/** Ten messages, oldest first: msg_0 … msg_9. */
const ITEMS: ResponseItem[] = Array.from({ length: 10 }, (_, index) => ({
  id: `msg_${index}`,
  type: 'message',
  role: 'user',
  content: [{ type: 'input_text', text: `turn ${index}` }],
  status: 'completed',
}));

function query(overrides: Partial<InputItemsQuery> = {}): InputItemsQuery {
  return { limit: 20, order: 'desc', include: new Set(), ...overrides };
}

function ids(page: { data: ResponseItem[] }): unknown[] {
  return page.data.map((item) => item.id);
}

describe('inputItemsPage', () => {
  it("lists newest first by default, in OpenAI's list shape", () => {
    const page = inputItemsPage(ITEMS, query({ limit: 3 }));
    expect(page).toEqual({
      object: 'list',
      data: [ITEMS[9], ITEMS[8], ITEMS[7]],
      first_id: 'msg_9',
      last_id: 'msg_7',
      has_more: true,
    });
  });

  it('walks every item exactly once with `after`, in either order', () => {
    for (const order of ['asc', 'desc'] as const) {
      const seen: unknown[] = [];
      let after: string | undefined;
      for (let pages = 0; pages < 20; pages++) {
        const page = inputItemsPage(ITEMS, query({ order, limit: 4, ...(after ? { after } : {}) }));
        seen.push(...ids(page));
        if (!page.has_more) break;
        after = page.last_id ?? undefined;
      }
      const expected = ITEMS.map((item) => item.id);
      expect(seen).toEqual(order === 'asc' ? expected : expected.reverse());
    }
  });

  it('`before` takes the items closest to it; both cursors bound a window', () => {
    expect(ids(inputItemsPage(ITEMS, query({ order: 'asc', before: 'msg_5', limit: 2 })))).toEqual(['msg_3', 'msg_4']);
    expect(inputItemsPage(ITEMS, query({ order: 'asc', before: 'msg_5', limit: 2 })).has_more).toBe(true);
    expect(inputItemsPage(ITEMS, query({ order: 'asc', before: 'msg_2', limit: 5 })).has_more).toBe(false);
    const window = inputItemsPage(ITEMS, query({ order: 'asc', after: 'msg_2', before: 'msg_7', limit: 3 }));
    expect(ids(window)).toEqual(['msg_3', 'msg_4', 'msg_5']);
    expect(window.has_more).toBe(true);
    expect(ids(inputItemsPage(ITEMS, query({ order: 'asc', after: 'msg_7', before: 'msg_2' })))).toEqual([]);
  });

  it('an empty page has null ids', () => {
    expect(inputItemsPage([], query())).toEqual({
      object: 'list',
      data: [],
      first_id: null,
      last_id: null,
      has_more: false,
    });
    expect(inputItemsPage(ITEMS, query({ order: 'asc', after: 'msg_9' }))).toMatchObject({
      data: [],
      first_id: null,
      has_more: false,
    });
  });

  it('a cursor naming no item of the response is a 400', () => {
    expect(() => inputItemsPage(ITEMS, query({ after: 'msg_other' }))).toThrow(
      expect.objectContaining({ status: 400, param: 'after' }),
    );
    expect(() => inputItemsPage(ITEMS, query({ before: 'msg_other' }))).toThrow(
      expect.objectContaining({ status: 400, param: 'before' }),
    );
  });

  it('an id that occurs twice cannot make paging go round in circles', () => {
    const twice = [ITEMS[0], ITEMS[1], ITEMS[0], ITEMS[2]] as ResponseItem[];
    const first = inputItemsPage(twice, query({ order: 'asc', limit: 1 }));
    expect(ids(first)).toEqual(['msg_0']);
    expect(ids(inputItemsPage(twice, query({ order: 'asc', after: 'msg_0' })))).toEqual(['msg_2']);
  });

  it('shows items in the listed shape (see listed-input-item.ts)', () => {
    const page = inputItemsPage([{ id: 'msg_a', role: 'user', content: 'hi' }], query());
    expect(page.data).toEqual([
      {
        id: 'msg_a',
        type: 'message',
        role: 'user',
        content: [{ type: 'input_text', text: 'hi' }],
        status: 'completed',
      },
    ]);
  });
});
