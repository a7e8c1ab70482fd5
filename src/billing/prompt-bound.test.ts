import fc from 'fast-check';
import { countTokens as cl100kCount } from 'gpt-tokenizer/encoding/cl100k_base';
import { countTokens as o200kCount } from 'gpt-tokenizer/encoding/o200k_base';
import { describe, expect, it } from 'vitest';
import type { ChatRequest, Message } from '../ir/index.js';
import { FILE_TOKENS_CEILING, GPT_4O_MINI_IMAGE_TOKENS, IMAGE_TOKENS_CEILING, mediaCeilings } from './media-bounds.js';
import {
  MESSAGE_FRAMING_TOKENS,
  promptParts,
  promptTokenBound,
  REPLY_PRIMING_TOKENS,
  TOOL_USE_PROMPT_TOKENS,
} from './prompt-bound.js';
import { REFINE_BUDGET_CHARS, refinedPromptTokens } from './prompt-refine.js';

const media = mediaCeilings('gpt-4.1-mini');
const request = (messages: Message[], extra: Partial<ChatRequest> = {}): ChatRequest => ({
  model: 'm',
  messages,
  stream: false,
  includeUsage: false,
  ...extra,
});
const user = (text: string): Message => ({ role: 'user', content: [{ type: 'text', text }] });
const bound = (value: ChatRequest, contextWindow?: number) =>
  promptTokenBound(promptParts(value, media), { contextWindow });
const NO_SPECIAL = { disallowedSpecial: new Set<string>() };

/** Fixed seed, so a failure reproduces; a few hundred strings keep this file fast. */
const RUNS = { seed: 20_251_108, numRuns: 300 };
const hostile = fc
  .array(
    fc.constantFrom('a1', '漢字', '😀', '👍🏽', ' ', '\n', '.', "'s", '123', 'x', 'e\u0301', '\ud800', '<|endoftext|>'),
    {
      maxLength: 400,
    },
  )
  .map((pieces) => pieces.join(''));
const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 600 }), fc.string({ maxLength: 600 }), hostile);

describe('promptTokenBound', () => {
  it('is never below what o200k or cl100k count for any text (a token covers at least one byte)', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const framing = MESSAGE_FRAMING_TOKENS + REPLY_PRIMING_TOKENS;
        // OpenAI's chat framing is 3 a message and 3 to prime the reply: ours is above it.
        expect(bound(request([user(text)]))).toBeGreaterThanOrEqual(o200kCount(text, NO_SPECIAL) + 6);
        expect(bound(request([user(text)]))).toBeGreaterThanOrEqual(cl100kCount(text, NO_SPECIAL) + 6);
        expect(bound(request([user(text)]))).toBe(Buffer.byteLength(text) + framing);
      }),
      RUNS,
    );
  });

  it('is beaten by no text that the old 2.5-characters estimate under-counted: "a1" × 4,000', () => {
    const text = 'a1'.repeat(4_000);
    expect(o200kCount(text)).toBe(8_000);
    expect(bound(request([user(text)]))).toBeGreaterThanOrEqual(8_000);
  });

  it('counts names, tool calls, tool results and replayed reasoning by their bytes', () => {
    const messages: Message[] = [
      { role: 'system', content: [{ type: 'text', text: 'sys' }], name: 'boss' },
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'hmm', signature: 'sig', redactedData: 'cipher' },
          { type: 'tool-call', id: 'call_1', name: 'lookup', arguments: '{"q":"漢"}', signature: 'ts' },
        ],
      },
      { role: 'tool', toolCallId: 'call_1', toolName: 'lookup', content: [{ type: 'text', text: 'result' }] },
    ];
    const texts = [
      'sys',
      'boss',
      'hmm',
      'sig',
      'cipher',
      'call_1',
      'lookup',
      '{"q":"漢"}',
      'ts',
      'call_1',
      'lookup',
      'result',
    ];
    const bytes = texts.reduce((total, text) => total + Buffer.byteLength(text), 0);
    expect(bound(request(messages))).toBe(bytes + 3 * MESSAGE_FRAMING_TOKENS + 2 * 16 + REPLY_PRIMING_TOKENS);
  });

  it('counts tool schemas, response schemas and pass-through fields by their JSON bytes', () => {
    const parameters = { type: 'object', properties: { city: { type: 'string', description: '城市' } } };
    const base = bound(request([user('hi')]));
    const withTool = bound(request([user('hi')], { tools: [{ name: 'weather', parameters }] }));
    expect(withTool - base).toBe(TOOL_USE_PROMPT_TOKENS + 16 + 7 + Buffer.byteLength(JSON.stringify(parameters)));
    const schema = { type: 'object', properties: { answer: { type: 'string' } } };
    const withFormat = bound(request([user('hi')], { responseFormat: { type: 'json_schema', name: 'out', schema } }));
    expect(withFormat - base).toBe(128 + 3 + Buffer.byteLength(JSON.stringify(schema)));
    const extra = { prediction: { type: 'content', content: 'predicted text' } };
    expect(bound(request([user('hi')], { extraBody: extra })) - base).toBe(Buffer.byteLength(JSON.stringify(extra)));
  });

  it('holds images, files and audio at the vendor’s worst case, whatever their size', () => {
    const base = bound(request([user('hi')]));
    const parts: Message = {
      role: 'user',
      content: [
        { type: 'text', text: 'hi' },
        { type: 'image', source: { kind: 'url', url: 'https://example.com/a.png' } },
        { type: 'file', source: { kind: 'base64', mediaType: 'application/pdf', data: 'JVBERi0=' } },
        { type: 'file', source: { kind: 'base64', mediaType: 'text/plain', data: 'aGVsbG8gd29ybGQ=' } },
        { type: 'audio', data: 'A'.repeat(16_000), format: 'mp3' },
      ],
    };
    // 12,000 decoded audio bytes at a token per 16 bytes, plus the clip's 1,600.
    expect(bound(request([parts])) - base).toBe(IMAGE_TOKENS_CEILING + FILE_TOKENS_CEILING + 16 + 12 + 1_600 + 750);
    // gpt-4o-mini bills an image 33 times gpt-4o's tokens.
    const mini = promptTokenBound(promptParts(request([parts]), mediaCeilings('gpt-4o-mini-2024-07-18')), {});
    expect(mini - bound(request([parts]))).toBe(GPT_4O_MINI_IMAGE_TOKENS - IMAGE_TOKENS_CEILING);
  });

  it('never exceeds the model’s input window', () => {
    expect(bound(request([user('x'.repeat(100_000))]), 4_000)).toBe(4_000);
    expect(bound(request([user('x')]), 4_000)).toBe(1 + MESSAGE_FRAMING_TOKENS + REPLY_PRIMING_TOKENS);
  });
});

describe('refinedPromptTokens', () => {
  it('replaces text bytes by o200k counts, never below o200k and never above the bound', async () => {
    await fc.assert(
      fc.asyncProperty(anyText, async (text) => {
        const parts = promptParts(request([user(text)]), media);
        const refined = await refinedPromptTokens(parts, undefined);
        expect(refined).toBeGreaterThanOrEqual(o200kCount(text, NO_SPECIAL) + 6);
        expect(refined).toBeLessThanOrEqual(promptTokenBound(parts, {}));
      }),
      { ...RUNS, numRuns: 100 },
    );
  });

  it('counts prose exactly across slices, and keeps the bound for text beyond its budget', async () => {
    // 45,000 characters: several slices, cut at word boundaries, add up to the whole count.
    const prose = 'The quick brown fox jumps over the lazy dog. '.repeat(1_000);
    const framing = MESSAGE_FRAMING_TOKENS + REPLY_PRIMING_TOKENS;
    expect(await refinedPromptTokens(promptParts(request([user(prose)]), media), undefined)).toBe(
      o200kCount(prose) + framing,
    );
    // 500 KB: its head is counted, the rest beyond the budget keeps its bytes.
    const huge = 'word '.repeat(100_000);
    const refined = await refinedPromptTokens(promptParts(request([user(huge)]), media), undefined);
    expect(refined).toBeLessThan(Buffer.byteLength(huge) + framing);
    expect(refined).toBeGreaterThan(Buffer.byteLength(huge) - REFINE_BUDGET_CHARS);
    // One word with no boundary to cut at: its bytes.
    const word = 'x'.repeat(100_000);
    expect(await refinedPromptTokens(promptParts(request([user(word)]), media), undefined)).toBe(
      Buffer.byteLength(word) + framing,
    );
  });
});
