import { describe, expect, it } from 'vitest';
import type { Message } from '../../ir/index.js';
import { MemoryStickyStore } from './memory-sticky-store.js';
import { StickyRouting } from './sticky-routing.js';
import type { StickyStore } from './sticky-store.js';

const messages: Message[] = [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }];

describe('StickyRouting', () => {
  it('finds nothing for a new conversation, then the route recorded after it was served', async () => {
    const sticky = new StickyRouting(new MemoryStickyStore({ maxEntries: 10, idleTtlMs: 60_000 }));
    const first = await sticky.lookup({ model: 'm', messages }, {}, 'u1');
    expect(first.route).toBeUndefined();
    sticky.record(first, { channelId: 'c', keyId: 'k' });
    await Promise.resolve();
    expect((await sticky.lookup({ model: 'm', messages }, {}, 'u1')).route).toEqual({ channelId: 'c', keyId: 'k' });
    expect((await sticky.lookup({ model: 'm', messages }, {}, 'u2')).route).toBeUndefined();
  });

  it('never fails the request when its store does', async () => {
    const errors: unknown[] = [];
    const broken: StickyStore = {
      get: () => Promise.reject(new Error('down')),
      set: () => Promise.reject(new Error('down')),
    };
    const sticky = new StickyRouting(broken, (error) => errors.push(error));
    const lookup = await sticky.lookup({ model: 'm', messages }, {}, 'u1');
    expect(lookup.route).toBeUndefined();
    sticky.record(lookup, { channelId: 'c', keyId: 'k' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(errors).toHaveLength(2);
  });
});
