/** A real recording's `cache_creation` object read by the usage converter (skips without ../shared). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { describeWithFixtures, FIXTURES_ROOT } from '../../../test/shared-fixtures.js';
import { convertAnthropicUsage } from './convert-usage.js';

describeWithFixtures('recorded Anthropic usage with a cache_creation object', () => {
  it('reads a real five-minute write: cacheWrite set, cacheWrite1h 0', () => {
    const file = path.join(
      FIXTURES_ROOT,
      'vercel-ai/anthropic/src/__fixtures__/anthropic-code-execution-20260120-prompt-cache.1.chunks.txt',
    );
    const start = readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as { type: string; message?: { usage: Record<string, unknown> } })
      .find((event) => event.type === 'message_start');
    const usage = convertAnthropicUsage(start?.message?.usage ?? {});
    expect(usage.inputTokens).toMatchObject({ noCache: 2, cacheWrite: 3_068, cacheWrite1h: 0, cacheRead: 0 });
  });
});
