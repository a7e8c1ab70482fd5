/**
 * Sticky routing across two replicas sharing one Redis: one OpenAI channel with six keys.
 * - each conversation, begun on replica 1, keeps its upstream key when its turns alternate
 *   between the replicas (each replica on its own would rotate the keys: 1 chance in 6 to agree);
 * - when replica 2 finds the sticky key rate-limited and moves the conversation, replica 1
 *   follows to the new key at once, although its own view of the old key is healthy (the Redis
 *   failure fallback is covered by src/routing/sticky/redis-sticky-store.test.ts).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ADMIN_KEY } from '../e2e/gateway-harness.js';
import { startOpenAIEmulator } from '../emulators/index.js';
import type { Emulator } from '../emulators/types.js';
import { describeRedis } from './redis-harness.js';
import { type Replica, replicaCluster } from './replica-harness.js';

const KEYS = ['sk-r-1', 'sk-r-2', 'sk-r-3', 'sk-r-4', 'sk-r-5', 'sk-r-6'];

describeRedis('sticky routing shared by two replicas through Redis', () => {
  const cluster = replicaCluster('sticky', () => upstream.url);
  let upstream: Emulator;
  let one: Replica;
  let two: Replica;

  beforeAll(async () => {
    upstream = await startOpenAIEmulator({ apiKey: KEYS });
    // One at a time: the first migrates the schema.
    one = await cluster.start({ OPENAI_API_KEY: KEYS.join(',') });
    two = await cluster.start({ OPENAI_API_KEY: KEYS.join(',') });
  }, 60_000);
  afterAll(async () => {
    await cluster.close();
    await upstream?.close();
  });

  /** One turn of conversation `topic` on `replica`: the upstream key that answered it. */
  async function turn(replica: Replica, topic: string, turnIndex: number): Promise<string> {
    const messages = [{ role: 'user', content: `Tell me about ${topic}.` }];
    for (let index = 0; index < turnIndex; index++) {
      messages.push({ role: 'assistant', content: `Part ${index}.` }, { role: 'user', content: 'More.' });
    }
    const before = upstream.requests.length;
    const response = await fetch(`${replica.origin}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4.1-mini', messages }),
    });
    expect(response.status, await response.text()).toBe(200);
    const last = upstream.requests.slice(before).at(-1);
    return String(last?.headers.authorization).replace('Bearer ', '');
  }

  it('keeps each conversation on its key whichever replica serves the turn, and follows a move made by the other', async () => {
    const topics = Array.from({ length: 8 }, (_, index) => `topic ${index}`);
    const stickyKeys = new Map<string, string>();
    for (const topic of topics) stickyKeys.set(topic, await turn(one, topic, 0));
    for (let turnIndex = 1; turnIndex <= 6; turnIndex++) {
      for (const topic of topics) {
        expect(await turn(turnIndex % 2 ? two : one, topic, turnIndex)).toBe(stickyKeys.get(topic));
      }
    }

    // Replica 2 finds the first conversation's key rate-limited and moves it.
    const topic = topics[0] as string;
    const oldKey = stickyKeys.get(topic) as string;
    upstream.setScript((request) =>
      request.headers.authorization === `Bearer ${oldKey}`
        ? { fault: { type: 'http-error', status: 429, retryAfterSeconds: 30 } }
        : undefined,
    );
    const newKey = await turn(two, topic, 7);
    expect(newKey).not.toBe(oldKey);
    upstream.setScript(undefined);
    // Replica 1 never saw the 429: only the shared route can send it to the new key.
    expect(one.app.deps.routeHealth.snapshot().cooldowns).toEqual([]);
    for (let turnIndex = 8; turnIndex < 12; turnIndex++) expect(await turn(one, topic, turnIndex)).toBe(newKey);
  }, 60_000);
});
