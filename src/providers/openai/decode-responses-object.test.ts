import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../ir/index.js';
import { decodeResponsesObject } from './decode-responses-object.js';

/** Hand-written per openai-node's `Response` type; recorded objects are replayed in responses-decoders-recorded.test.ts. */
const response = {
  id: 'resp_1',
  object: 'response',
  created_at: 1765591383,
  status: 'completed',
  error: null,
  incomplete_details: null,
  model: 'gpt-5-mini-2025-08-07',
  service_tier: 'default',
  output: [
    {
      id: 'rs_1',
      type: 'reasoning',
      summary: [{ type: 'summary_text', text: 'Looked it up.' }],
      encrypted_content: 'gAAAAB-opaque',
    },
    { id: 'ws_1', type: 'web_search_call', status: 'completed', action: { type: 'search', query: 'x' } },
    {
      id: 'msg_1',
      type: 'message',
      status: 'completed',
      role: 'assistant',
      content: [
        { type: 'output_text', text: 'Sunny', annotations: [{ type: 'url_citation', url: 'https://x.test' }] },
        { type: 'refusal', refusal: 'not that' },
      ],
    },
    { id: 'fc_1', type: 'function_call', status: 'completed', call_id: 'call_1', name: 'get_weather', arguments: '{}' },
  ],
  usage: {
    input_tokens: 50,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: 20,
    output_tokens_details: { reasoning_tokens: 8 },
    total_tokens: 70,
  },
};

describe('decodeResponsesObject', () => {
  it('reads usage, finish, text, refusal, reasoning and calls; skips the items OpenAI ran itself', () => {
    const result = decodeResponsesObject(response);
    expect(result).toMatchObject({
      id: 'resp_1',
      model: 'gpt-5-mini-2025-08-07',
      created: 1765591383,
      serviceTier: 'default',
      usage: {
        inputTokens: { total: 50, noCache: 50, cacheRead: 0 },
        outputTokens: { total: 20, text: 12, reasoning: 8 },
      },
    });
    expect(result.choices).toEqual([
      {
        index: 0,
        finishReason: { unified: 'tool-calls', raw: 'completed' },
        content: [
          { type: 'reasoning', text: 'Looked it up.', redactedData: 'gAAAAB-opaque', signatureProvider: 'openai' },
          { type: 'text', text: 'Sunny' },
          { type: 'refusal', text: 'not that' },
          { type: 'tool-call', id: 'call_1', name: 'get_weather', arguments: '{}' },
        ],
      },
    ]);
  });

  it('an incomplete response finishes for length', () => {
    const result = decodeResponsesObject({
      ...response,
      status: 'incomplete',
      incomplete_details: { reason: 'max_output_tokens' },
      output: [],
    });
    expect(result.choices[0].finishReason).toEqual({ unified: 'length', raw: 'max_output_tokens' });
  });

  it('a failed response, or an error body, is an error in disguise; a body without output is malformed', () => {
    const failed = () =>
      decodeResponsesObject({ ...response, status: 'failed', error: { code: 'server_error', message: 'broke' } });
    expect(failed).toThrow(GatewayError);
    expect(failed).toThrow('broke');
    expect(() => decodeResponsesObject({ error: { message: 'quota', type: 'insufficient_quota' } })).toThrow('quota');
    expect(() => decodeResponsesObject({ id: 'resp_1', object: 'response' })).toThrow(GatewayError);
  });
});
