/**
 * Every vendor's recorded usage, read by its provider and priced: cache reads, cache writes and
 * reasoning each land in their own cost line (a class lost between the provider and the cost
 * would be billed at the wrong price or not at all).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { describeWithFixtures, FIXTURES_ROOT } from '../../test/shared-fixtures.js';
import { convertAnthropicUsage } from '../providers/anthropic/convert-usage.js';
import { convertGeminiUsage } from '../providers/gemini/convert-usage.js';
import type { GeminiUsageMetadata } from '../providers/gemini/response-schema.js';
import { convertOpenAIUsage } from '../providers/openai/convert-usage.js';
import { costOf } from './cost.js';
import type { SalePrice } from './price-types.js';

const price: SalePrice = {
  known: true,
  source: 'official×multiplier',
  multiplierPpm: 1_000_000,
  input: 1_000_000,
  output: 2_000_000,
  cacheRead: 100_000,
  cacheWrite: 1_250_000,
  cacheWrite1h: 2_000_000,
  reasoning: 3_000_000,
};

const read = (relative: string) => readFileSync(path.join(FIXTURES_ROOT, relative), 'utf8');
const lines = (usage: Parameters<typeof costOf>[0]) =>
  Object.fromEntries(costOf(usage, price).breakdown.lines.map((line) => [line.class, line.tokens]));

describeWithFixtures('cost of recorded usage, per vendor', () => {
  it('OpenAI-compatible (xAI): cached_tokens are reads, reasoning_tokens priced as reasoning', () => {
    const body = JSON.parse(read('vercel-ai/xai/src/__fixtures__/xai-tool-call.json')) as { usage: unknown };
    const usage = convertOpenAIUsage(body.usage);
    expect(usage).toBeDefined();
    // prompt 291 of which 244 cached; completion 26 text + 189 reasoning (counted outside completion_tokens)
    expect(lines(usage ?? { inputTokens: {}, outputTokens: {} })).toEqual({
      input: 47,
      cacheRead: 244,
      output: 26,
      reasoning: 189,
    });
  });

  it('Gemini: cachedContentTokenCount is a read, thoughtsTokenCount reasoning', () => {
    const recording = JSON.parse(
      read(
        'js-genai/test/system/recordings/Client_Tests_generateContent_ML_Dev_should_generate_content_with_given_valid_json_schema_in_responseSchema.json',
      ),
    ) as { interactions: Array<{ response: { bodySegments: Array<{ usageMetadata: GeminiUsageMetadata }> } }> };
    const usage = convertGeminiUsage(recording.interactions[0]?.response.bodySegments[0]?.usageMetadata);
    expect(lines(usage ?? { inputTokens: {}, outputTokens: {} })).toEqual({
      input: 2,
      cacheRead: 3,
      output: 238,
      reasoning: 41,
    });
  });

  it('Anthropic: a recorded five-minute write is priced as such, none as a 1 h write', () => {
    const start = read(
      'vercel-ai/anthropic/src/__fixtures__/anthropic-code-execution-20260120-prompt-cache.1.chunks.txt',
    )
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as { type: string; message?: { usage: Record<string, unknown> } })
      .find((event) => event.type === 'message_start');
    const usage = convertAnthropicUsage(start?.message?.usage ?? {});
    expect(lines(usage)).toEqual({ input: 2, cacheWrite: 3_068, output: usage.outputTokens.total });
  });
});
