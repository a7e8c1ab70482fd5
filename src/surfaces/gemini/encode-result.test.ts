import { describe, expect, it } from 'vitest';
import type { ResponseMeta } from '../surface.js';
import { encodeGeminiResult } from './encode-result.js';

const meta: ResponseMeta = {
  requestId: 'req_1',
  created: 1_700_000_000,
  model: 'gemini-2.5-flash',
  provider: 'anthropic',
  vendor: 'anthropic',
};

describe('encodeGeminiResult', () => {
  it('answers another vendor’s result as a GenerateContentResponse', () => {
    const body = encodeGeminiResult(
      {
        id: 'msg_1',
        choices: [
          {
            index: 0,
            content: [
              { type: 'reasoning', text: 'Let me see.', signature: 'EqQB' },
              { type: 'text', text: 'Calling.' },
              { type: 'tool-call', id: 'toolu_1', name: 'weather', arguments: '{"city":"Paris"}' },
            ],
            finishReason: { unified: 'tool-calls', raw: 'tool_use' },
          },
        ],
        usage: { inputTokens: { total: 10, noCache: 10 }, outputTokens: { total: 5, text: 3, reasoning: 2 } },
      },
      meta,
    );
    expect(body).toEqual({
      candidates: [
        {
          content: {
            parts: [
              { text: 'Let me see.', thought: true, thoughtSignature: 'aihub.v1.anthropic.EqQB' },
              { text: 'Calling.' },
              { functionCall: { id: 'toolu_1', name: 'weather', args: { city: 'Paris' } } },
            ],
            role: 'model',
          },
          finishReason: 'STOP',
          index: 0,
        },
      ],
      usageMetadata: { promptTokenCount: 10, candidatesTokenCount: 3, totalTokenCount: 15, thoughtsTokenCount: 2 },
      modelVersion: 'gemini-2.5-flash',
      responseId: 'msg_1',
    });
  });

  it('gives an empty candidate only its role, and our id when the upstream gave none', () => {
    const body = encodeGeminiResult(
      { choices: [{ index: 0, content: [], finishReason: { unified: 'length', raw: 'MAX_TOKENS' } }] },
      { ...meta, provider: 'gemini' },
    );
    expect(body).toEqual({
      candidates: [{ content: { role: 'model' }, finishReason: 'MAX_TOKENS', index: 0 }],
      modelVersion: 'gemini-2.5-flash',
      responseId: 'req_1',
    });
  });
});
