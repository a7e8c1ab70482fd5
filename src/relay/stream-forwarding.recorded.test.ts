import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { chat, type FailoverGateway, startFailoverGateway } from '../../test/e2e/failover-harness.js';
import { chunkLineEvents, describeReplay, fixturesAvailable, readFixture } from '../../test/replay/openai/fixtures.js';
import { ask, frames, sse } from './test-fixtures.js';

/**
 * A recorded OpenAI stream (../shared/fixtures-raw) through AIHub: byte for byte but for our id
 * (stream-forwarding.test.ts has the rest, on made-up chunks). Skipped with a message where the
 * recordings are absent, required in CI.
 */
let env: FailoverGateway;

beforeAll(async () => {
  env = await startFailoverGateway((a, b) => [
    { name: 'openai-a', type: 'openai', base_url: a.url, key: 'test-key', models: ['gpt-4o-mini'], priority: 10 },
    { name: 'openai-b', type: 'openai', base_url: b.url, key: 'test-key', models: ['gpt-4o-mini'] },
  ]);
});
afterAll(() => env?.close());
beforeEach(() => {
  env.a.reset();
  env.b.reset();
});

describeReplay('a recorded OpenAI stream through AIHub', () => {
  const recorded = fixturesAvailable
    ? chunkLineEvents(readFixture('vercel-ai/openai/src/chat/__fixtures__/openai-text.chunks.txt')).map((e) => e.data)
    : [];

  it.each([true, false])('reaches the client byte for byte but for the id (include_usage %s)', async (includeUsage) => {
    env.a.enqueue({ fault: { type: 'raw', chunks: sse([...recorded, '[DONE]']) } });
    const reply = await chat(env.gateway, ask('gpt-4o-mini', includeUsage));
    const ourId = JSON.stringify(`chatcmpl-${reply.headers.get('x-request-id')}`);
    const expected = recorded
      .filter((data) => includeUsage || !data.includes('"usage":{'))
      .map((data) => {
        const swapped = data.replace('"chatcmpl-D8Z5oo6uDh67AD85p73ksdT1KxhE0"', ourId);
        return includeUsage ? swapped : swapped.replace(',"usage":null', '');
      });
    const received = frames(reply.text);
    if (includeUsage) {
      // The usage chunk, last before [DONE], is OpenAI's with what the request cost added to its usage.
      const usageChunk = JSON.parse(received.at(-2) as string);
      expect(usageChunk.usage.cost).toBeGreaterThan(0);
      expect(Object.keys(usageChunk.usage.cost_details)).toEqual(['prompt_cost', 'completion_cost', 'other_cost']);
      const { cost: _cost, cost_details: _details, ...asRecorded } = usageChunk.usage;
      received[received.length - 2] = JSON.stringify({ ...usageChunk, usage: asRecorded });
    }
    expect(received).toEqual([...expected, '[DONE]']);
  });
});
