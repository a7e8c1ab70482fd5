/**
 * Shared set-up for channel tests: a ChannelStore over a test database with a fixed secret key,
 * a settable clock, and helpers to read the raw rows (to prove keys are encrypted at rest).
 */
import { randomBytes } from 'node:crypto';
import { ChannelStore, type ChannelStoreOptions } from '../../src/channels/channel-store.js';
import type { ChannelTestDeps } from '../../src/channels/channel-tester.js';
import { SecretBox } from '../../src/channels/secret-box.js';
import { newId } from '../../src/platform/ids.js';
import { anthropicProvider } from '../../src/providers/anthropic/index.js';
import { geminiProvider } from '../../src/providers/gemini/index.js';
import { midjourneyProxyProvider } from '../../src/providers/midjourney/index.js';
import { openaiProvider } from '../../src/providers/openai/index.js';
import { EMPTY_DIRECTORY } from '../../src/routing/model-directory.js';
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

/**
 * What a channel test needs besides the channel: every provider that can test one, no catalog,
 * fixed ids, and the given clock (the tester measures latency with it).
 */
export function channelTestDeps(now: () => number = Date.now): ChannelTestDeps {
  return {
    providers: {
      openai: openaiProvider,
      anthropic: anthropicProvider,
      gemini: geminiProvider,
      'midjourney-proxy': midjourneyProxyProvider,
    },
    directory: EMPTY_DIRECTORY,
    generateId: (prefix) => `${prefix}test`,
    now,
  };
}
