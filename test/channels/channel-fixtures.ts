/**
 * Shared set-up for channel tests: a ChannelStore over a test database with a fixed secret key,
 * a settable clock, and helpers to read the raw rows (to prove keys are encrypted at rest).
 */
import { randomBytes } from 'node:crypto';
import { ChannelStore, type ChannelStoreOptions } from '../../src/channels/channel-store.js';
import { SecretBox } from '../../src/channels/secret-box.js';
import { newId } from '../../src/platform/ids.js';
import type { Store } from '../../src/store/database.js';

export const T0 = Date.UTC(2025, 5, 1, 12);

export interface Clock {
  now: () => number;
  set(ms: number): void;
}

export function testClock(start = T0): Clock {
  let current = start;
  return { now: () => current, set: (ms) => (current = ms) };
}

export function testBox(): SecretBox {
  return new SecretBox(randomBytes(32));
}

export function channelStoreFor(
  store: Store,
  options: Partial<ChannelStoreOptions> = {},
): { channels: ChannelStore; box: SecretBox; clock: Clock } {
  const clock = testClock();
  const box = options.box ?? testBox();
  const channels = new ChannelStore(store, { box, now: clock.now, newId, ...options });
  return { channels, box, clock };
}

/** Removes every channel between tests that share one database. */
export async function clearChannels(store: Store): Promise<void> {
  await store.db.deleteFrom('channel_keys').execute();
  await store.db.deleteFrom('channels').execute();
  await store.db.deleteFrom('channel_test_results').execute();
}

/** Unique names per test, so tests sharing a database never collide. */
let counter = 0;
export function uniqueName(prefix = 'chan'): string {
  counter += 1;
  return `${prefix}-${counter}-${randomBytes(3).toString('hex')}`;
}
