import { describe, expect, it } from 'vitest';
import type { ChatResult } from '../../ir/index.js';
import type { ResponseMeta } from '../surface.js';
import { decodeResponsesRequest } from './decode-request.js';
import { encodeResponse } from './encode-response.js';

const meta: ResponseMeta = {
  requestId: 'r-1',
  created: 1758034836,
  model: 'claude-x',
  provider: 'anthropic',
  vendor: 'anthropic',
};

const result: ChatResult = {
  choices: [
    {
      index: 0,
      content: [
        { type: 'reasoning', text: 'hmm', signature: 'sig' },
        { type: 'text', text: 'Hi!' },
      ],
      finishReason: { unified: 'stop', raw: 'end_turn' },
    },
  ],
  usage: { inputTokens: { total: 10, cacheRead: 4 }, outputTokens: { total: 6, reasoning: 3 } },
};

describe('encodeResponse', () => {
  it('the response object with the request echoed and OpenAI’s defaults', () => {
    const request = decodeResponsesRequest({
      model: 'claude-x',
      input: 'hi',
      instructions: 'be kind',
      metadata: { k: 'v' },
    });
    expect(encodeResponse(result, request, meta)).toEqual({
      id: 'resp_r1',
      object: 'response',
      created_at: 1758034836,
      status: 'completed',
      background: false,
      error: null,
      incomplete_details: null,
      instructions: 'be kind',
      max_output_tokens: null,
      max_tool_calls: null,
      model: 'claude-x',
      output: [
        { id: 'rs_r1_0', type: 'reasoning', summary: [] },
        {
          id: 'msg_r1_1',
          type: 'message',
          status: 'completed',
          content: [{ type: 'output_text', annotations: [], logprobs: [], text: 'Hi!' }],
          role: 'assistant',
        },
      ],
      parallel_tool_calls: true,
      previous_response_id: null,
      prompt_cache_key: null,
      prompt_cache_retention: null,
      reasoning: { effort: null, summary: null },
      safety_identifier: null,
      service_tier: 'default',
      store: true,
      temperature: 1,
      text: { format: { type: 'text' }, verbosity: 'medium' },
      tool_choice: 'auto',
      tools: [],
      top_logprobs: 0,
      top_p: 1,
      truncation: 'disabled',
      usage: {
        input_tokens: 10,
        input_tokens_details: { cached_tokens: 4 },
        output_tokens: 6,
        output_tokens_details: { reasoning_tokens: 3 },
        total_tokens: 16,
      },
      user: null,
      metadata: { k: 'v' },
    });
  });

  it('echoes the client’s own values; encrypted reasoning when included or stateless; summaries when asked', () => {
    const tools = [{ type: 'function', name: 'f', parameters: { type: 'object' } }];
    const request = decodeResponsesRequest(
      {
        model: 'claude-x',
        input: 'hi',
        tools,
        tool_choice: { type: 'function', name: 'f' },
        reasoning: { effort: 'low', summary: 'auto' },
        store: false,
        text: { format: { type: 'json_object' }, verbosity: 'low' },
        temperature: 0.2,
        service_tier: 'flex',
        previous_response_id: 'resp_0',
      },
      { history: [] },
    );
    const body = encodeResponse(result, request, meta);
    expect(body).toMatchObject({
      tools,
      tool_choice: { type: 'function', name: 'f' },
      reasoning: { effort: 'low', summary: 'auto' },
      store: false,
      text: { format: { type: 'json_object' }, verbosity: 'low' },
      temperature: 0.2,
      service_tier: 'flex',
      previous_response_id: 'resp_0',
    });
    expect((body.output as Record<string, unknown>[])[0]).toEqual({
      id: 'rs_r1_0',
      type: 'reasoning',
      encrypted_content: expect.stringMatching(/^aihub\.r1\./),
      summary: [{ type: 'summary_text', text: 'hmm' }],
    });
    const included = decodeResponsesRequest({ model: 'm', input: 'x', include: ['reasoning.encrypted_content'] });
    expect((encodeResponse(result, included, meta).output as Record<string, unknown>[])[0]).toHaveProperty(
      'encrypted_content',
    );
  });

  it('the stored copy always keeps encrypted reasoning, with the same ids', () => {
    const request = decodeResponsesRequest({ model: 'm', input: 'x' });
    const shown = encodeResponse(result, request, meta);
    const stored = encodeResponse(result, request, meta, true);
    expect((shown.output as Record<string, unknown>[])[0]).not.toHaveProperty('encrypted_content');
    expect((stored.output as Record<string, unknown>[])[0]).toMatchObject({
      id: 'rs_r1_0',
      encrypted_content: expect.any(String),
    });
    expect(stored.id).toBe(shown.id);
  });

  it('a length stop is incomplete with its reason; a request from elsewhere echoes the IR', () => {
    const cut: ChatResult = {
      choices: [{ index: 0, content: [{ type: 'text', text: 'par' }], finishReason: { unified: 'length' } }],
    };
    const body = encodeResponse(
      cut,
      {
        model: 'm',
        messages: [],
        stream: false,
        includeUsage: false,
        maxOutputTokens: 5,
        tools: [{ name: 'f', parameters: {} }],
      },
      meta,
    );
    expect(body).toMatchObject({
      status: 'incomplete',
      incomplete_details: { reason: 'max_output_tokens' },
      max_output_tokens: 5,
      usage: null,
      tools: [{ type: 'function', name: 'f', description: null, parameters: {}, strict: null }],
    });
    expect((body.output as Record<string, unknown>[])[0]?.status).toBe('incomplete');
  });
});
