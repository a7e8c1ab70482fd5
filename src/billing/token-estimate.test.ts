import { countTokens as referenceCount } from 'gpt-tokenizer/encoding/o200k_base';
import { describe, expect, it } from 'vitest';
import type { ChatRequest, Message } from '../ir/index.js';
import {
  AUDIO_BASE_TOKENS,
  countTokens,
  estimatePromptTokens,
  FILE_TOKENS,
  IMAGE_TOKENS,
  MESSAGE_OVERHEAD_TOKENS,
  PROMPT_TOKENIZE_BUDGET_CHARS,
  quickPromptEstimate,
  REPLY_PRIMING_TOKENS,
  TOOL_OVERHEAD_TOKENS,
} from './token-estimate.js';

const request = (messages: Message[], extra: Partial<ChatRequest> = {}): ChatRequest => ({
  model: 'gpt-test',
  messages,
  stream: false,
  includeUsage: false,
  ...extra,
});

const user = (text: string): Message => ({ role: 'user', content: [{ type: 'text', text }] });

describe('estimatePromptTokens', () => {
  it('counts text with o200k plus per-message framing', () => {
    const text = 'The quick brown fox jumps over the lazy dog.';
    const expected = referenceCount(text) + MESSAGE_OVERHEAD_TOKENS + REPLY_PRIMING_TOKENS;
    expect(estimatePromptTokens(request([user(text)]))).toBe(expected);
    expect(estimatePromptTokens(request([user(text), user(text)]))).toBe(
      2 * (referenceCount(text) + MESSAGE_OVERHEAD_TOKENS) + REPLY_PRIMING_TOKENS,
    );
  });

  it('treats special-token text as plain text instead of throwing', () => {
    expect(estimatePromptTokens(request([user('<|endoftext|>')]))).toBeGreaterThan(REPLY_PRIMING_TOKENS);
  });

  it('adds fixed allowances for images, files and audio', () => {
    const base = estimatePromptTokens(request([user('hi')]));
    const withMedia = estimatePromptTokens(
      request([
        {
          role: 'user',
          content: [
            { type: 'text', text: 'hi' },
            { type: 'image', source: { kind: 'url', url: 'https://example.com/a.png' } },
            { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'AAAA' } },
            { type: 'file', source: { kind: 'url', url: 'https://example.com/a.pdf' }, mediaType: 'application/pdf' },
            { type: 'audio', data: 'A'.repeat(4_000), format: 'mp3' },
          ],
        },
      ]),
    );
    // 3,000 decoded audio bytes → 6 tokens
    expect(withMedia - base).toBe(2 * IMAGE_TOKENS + FILE_TOKENS + AUDIO_BASE_TOKENS + 6);
  });

  it('counts tool definitions, tool calls, tool results and json schemas', () => {
    const base = estimatePromptTokens(request([user('hi')]));
    const tools = estimatePromptTokens(
      request([user('hi')], {
        tools: [{ name: 'get_weather', description: 'Weather for a city', parameters: { type: 'object' } }],
      }),
    );
    expect(tools - base).toBeGreaterThan(TOOL_OVERHEAD_TOKENS);
    const conversation = estimatePromptTokens(
      request([
        user('hi'),
        {
          role: 'assistant',
          content: [{ type: 'tool-call', id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' }],
        },
        { role: 'tool', toolCallId: 'call_1', content: [{ type: 'text', text: '{"temp": 21}' }] },
      ]),
    );
    expect(conversation - base).toBeGreaterThan(2 * MESSAGE_OVERHEAD_TOKENS + 10);
    const schema = estimatePromptTokens(
      request([user('hi')], {
        responseFormat: {
          type: 'json_schema',
          name: 'answer',
          schema: { type: 'object', properties: { a: { type: 'string' } } },
        },
      }),
    );
    expect(schema).toBeGreaterThan(base + 5);
  });

  it('beyond the budget extrapolates conservatively instead of tokenizing everything', () => {
    const sentence = 'The quick brown fox jumps over the lazy dog. ';
    const huge = sentence.repeat(Math.ceil((3 * 1024 * 1024) / sentence.length)); // ~3 MB
    const exact = referenceCount(huge);
    const started = performance.now();
    const estimate = estimatePromptTokens(request([user(huge)]));
    const elapsed = performance.now() - started;
    // Never below the real count (chars/3 floor, +10%), and not absurdly above it.
    expect(estimate).toBeGreaterThanOrEqual(exact);
    expect(estimate).toBeLessThan(exact * 1.6);
    // Tokenizing only the budget keeps this far below the full tokenization.
    expect(elapsed).toBeLessThan(500);
  });

  it('extrapolates dense text (CJK) at its own measured ratio, not chars/3', () => {
    const cjk = '你好世界，这是一个测试。'.repeat(Math.ceil((PROMPT_TOKENIZE_BUDGET_CHARS * 4) / 12));
    const exact = referenceCount(cjk);
    expect(estimatePromptTokens(request([user(cjk)]))).toBeGreaterThanOrEqual(exact);
  });
});

describe('countTokens (delivered output)', () => {
  it('is exact for ordinary outputs', () => {
    const text = 'Hello! Here is your answer: 42. 你好。';
    expect(countTokens(text)).toBe(referenceCount(text));
    expect(countTokens('')).toBe(0);
  });

  it('counts an output of one endless word without stalling (BPE is quadratic in a word)', () => {
    // A client can ask for such an output and break the stream: it is then counted here. Whole,
    // 200,000 'x' keep gpt-tokenizer busy for minutes; word by word it is counted in slices.
    const run = 'x'.repeat(200_000);
    const counted = countTokens(run);
    expect(counted).toBeGreaterThanOrEqual(referenceCount('x'.repeat(64)) * Math.floor(200_000 / 64));
    expect(counted).toBeLessThanOrEqual(200_000);
    expect(estimatePromptTokens(request([user('漢'.repeat(50_000))]))).toBeGreaterThan(0);
  });

  it('extrapolates beyond 256 KB at the measured ratio', () => {
    const text = 'lorem ipsum dolor sit amet '.repeat(40_000); // ~1 MB
    const exact = referenceCount(text);
    const counted = countTokens(text);
    expect(Math.abs(counted - exact) / exact).toBeLessThan(0.02);
  });
});

describe('quickPromptEstimate (no tokenizer: sizes rate-limit admission)', () => {
  const samples: Record<string, string> = {
    english:
      'Large language models are trained on vast amounts of text. A gateway in front of them has to decide, ' +
      'before the vendor answers, how much money a request may cost, and hold it against the balance.',
    code: 'export function add(a: number, b: number): number {\n  return a + b; // sum\n}\nconst xs = [1, 2, 3].map((x) => add(x, 1));',
    json: JSON.stringify({ type: 'object', properties: { city: { type: 'string' }, days: { type: 'integer' } } }),
    chinese:
      '大型语言模型通过大量文本进行训练。网关需要在供应商回答之前决定一个请求最多会花多少钱，并从余额中预留这笔钱。',
    japanese: '大規模言語モデルは膨大なテキストで学習されます。ゲートウェイは応答の前に費用を見積もります。',
    mixed: 'Translate to 中文: "Where is the train station?" — 火车站在哪里？ Then reply in English.',
  };

  for (const [name, text] of Object.entries(samples)) {
    it(`stays at or above o200k for ${name}, and within 2.5× of it`, () => {
      const exact = estimatePromptTokens(request([user(text)]));
      const quick = quickPromptEstimate(request([user(text)]));
      expect(quick).toBeGreaterThanOrEqual(exact);
      expect(quick).toBeLessThanOrEqual(exact * 2.5);
    });
  }

  it('keeps the same allowances and framing as the exact count', () => {
    const withImage: Message = {
      role: 'user',
      content: [
        { type: 'text', text: 'hi' },
        { type: 'image', source: { kind: 'url', url: 'https://example.test/a.png' } },
      ],
    };
    expect(quickPromptEstimate(request([withImage])) - quickPromptEstimate(request([user('hi')]))).toBe(IMAGE_TOKENS);
  });

  it('sizes a 30 MB prompt from lengths alone, quickly enough not to stall the event loop', () => {
    const huge = 'lorem ipsum dolor sit amet '.repeat(1_200_000);
    const started = performance.now();
    const estimate = quickPromptEstimate(request([user(huge)]));
    expect(estimate).toBeGreaterThanOrEqual(Math.ceil(huge.length / 3));
    // Generous bound: a byte count, not a tokenization (that would take seconds).
    expect(performance.now() - started).toBeLessThan(500);
  });
});
