import { describe, expect, it } from 'vitest';
import { logEntry } from '../../test/logs/log-fixtures.js';
import {
  fromRequestLogRow,
  MAX_ERROR_MESSAGE_CHARS,
  MAX_LOGGED_TEXT_CHARS,
  REQUEST_LOG_COLUMNS,
  toRequestLogRow,
} from './request-log-entry.js';

describe('request log entry ↔ row', () => {
  it('maps every field and back', () => {
    const entry = logEntry({
      id: 'req_1',
      stream: true,
      usageEstimated: true,
      ttftMs: 120,
      prompt: 'hi',
      output: 'hello',
      attemptsDetail: [{ channel: 'openai', key: 'sk-…abcd', model: 'gpt-4o', outcome: 'ok', status: 200, ms: 12 }],
      cachedResponse: false,
      surface: 'anthropic-messages',
      endpoint: 'count_tokens',
      webSearchCalls: 3,
      units: { 'image:1024x1024:hd': 2 },
      planDrawn: 4_200,
      keyGroup: 'vip',
      upstreamCost: 3_100,
      hedgeOverhead: 250,
    });
    const row = toRequestLogRow(entry, true);
    expect(Object.keys(row)).toHaveLength(REQUEST_LOG_COLUMNS);
    expect(row).toMatchObject({
      id: 'req_1',
      stream: 1,
      usage_estimated: 1,
      ttft_ms: 120,
      prompt: 'hi',
      output: 'hello',
      web_search_calls: 3,
      units: '{"image:1024x1024:hd":2}',
      plan_drawn: 4_200,
      key_group: 'vip',
      upstream_cost: 3_100,
      hedge_overhead: 250,
    });
    expect(fromRequestLogRow(row)).toEqual({ ...entry, prompt: 'hi', output: 'hello' });
  });

  it('drops prompt and output unless text is kept', () => {
    const row = toRequestLogRow(logEntry({ id: 'r', prompt: 'secret', output: 'answer' }), false);
    expect(row.prompt).toBeNull();
    expect(row.output).toBeNull();
  });

  it('fills omitted nullable fields with null', () => {
    const row = toRequestLogRow(
      {
        id: 'r',
        createdAt: 1,
        modelRequested: 'm',
        status: 401,
        stream: false,
        attempts: 0,
        promptTokens: 0,
        completionTokens: 0,
        cachedTokens: 0,
        cacheWriteTokens: 0,
        cacheWrite1hTokens: 0,
        reasoningTokens: 0,
        usageEstimated: false,
        cost: 0,
        latencyMs: 3,
      },
      true,
    );
    expect(row).toMatchObject({
      user_id: null,
      key_id: null,
      channel: null,
      ttft_ms: null,
      prompt: null,
      client_ip: null,
      surface: 'openai-chat',
      endpoint: 'generate',
      web_search_calls: 0,
      upstream_cost: null,
      hedge_overhead: 0,
    });
  });

  it('reads an endpoint it does not know as a generation', () => {
    const row = { ...toRequestLogRow(logEntry({ id: 'r' }), false), endpoint: 'transmogrify' };
    expect(fromRequestLogRow(row).endpoint).toBe('generate');
  });

  it('truncates the error message and long texts, and strips NUL characters', () => {
    const row = toRequestLogRow(
      logEntry({
        id: 'r',
        errorMessage: 'x'.repeat(2_000),
        prompt: `a\u0000b${'p'.repeat(MAX_LOGGED_TEXT_CHARS)}`,
        output: `${'o'.repeat(MAX_LOGGED_TEXT_CHARS - 1)}😀`,
      }),
      true,
    );
    expect(row.error_message).toHaveLength(MAX_ERROR_MESSAGE_CHARS);
    expect(row.prompt?.startsWith('ab')).toBe(true);
    expect(row.prompt?.includes('\u0000')).toBe(false);
    // The emoji's surrogate pair straddles the cut: neither half is kept.
    expect(row.output).toHaveLength(MAX_LOGGED_TEXT_CHARS - 1);
  });

  it('turns numbers a column cannot hold into integers instead of failing the batch', () => {
    const row = toRequestLogRow(
      logEntry({ id: 'r', cost: 12.6, promptTokens: Number.NaN, latencyMs: 1e12, completionTokens: Infinity }),
      false,
    );
    expect(row).toMatchObject({ cost: 13, prompt_tokens: 0, latency_ms: 2_147_483_647, completion_tokens: 0 });
  });
});
