import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { RateLimitError } from '../limits/rate-limit-error.js';
import type { RequestLogEntry } from '../logs/request-log-entry.js';
import type { KnownModels } from './metric-labels.js';
import { type FinishedRequest, RequestMetrics } from './request-metrics.js';

const known: KnownModels = { has: (_vendor, model) => model === 'gpt-4.1-mini' || model === 'claude-haiku-4-5' };

function entry(overrides: Partial<RequestLogEntry> = {}): RequestLogEntry {
  return {
    id: 'req_1',
    createdAt: 0,
    userId: 'usr_1',
    keyId: 'key_1',
    modelRequested: 'gpt-4.1-mini',
    modelServed: 'gpt-4.1-mini',
    provider: 'openai',
    channel: 'openai',
    status: 200,
    stream: true,
    attempts: 1,
    promptTokens: 120,
    completionTokens: 40,
    cachedTokens: 20,
    reasoningTokens: 10,
    cost: 1_500,
    latencyMs: 2_100,
    ttftMs: 100,
    clientIp: '127.0.0.1',
    attemptsDetail: [{ channel: 'openai', model: 'gpt-4.1-mini', outcome: 'ok', status: 200, ms: 2_000 }],
    surface: 'openai-chat',
    endpoint: 'generate',
    ...overrides,
  } as RequestLogEntry;
}

function finished(overrides: Partial<RequestLogEntry> = {}, extra: Partial<FinishedRequest> = {}): FinishedRequest {
  return { entry: entry(overrides), cacheOutcome: 'miss', error: undefined, ...extra };
}

async function value(registry: Registry, name: string, labels: Record<string, string> = {}): Promise<number> {
  const metric = await registry.getSingleMetric(name)?.get();
  return (metric?.values ?? [])
    .filter((sample) => Object.entries(labels).every(([key, wanted]) => String(sample.labels[key]) === wanted))
    .reduce((sum, sample) => sum + sample.value, 0);
}

/** Samples in the exposition: one line per series (histograms: one per bucket, plus sum and count). */
async function sampleLines(registry: Registry): Promise<string[]> {
  return (await registry.metrics()).split('\n').filter((line) => line !== '' && !line.startsWith('#'));
}

describe('RequestMetrics', () => {
  it('counts a request, its tokens, cost, latency, first token and speed', async () => {
    const registry = new Registry();
    const metrics = new RequestMetrics(registry, known);
    metrics.observe(finished());
    const labels = {
      surface: 'openai-chat',
      model: 'gpt-4.1-mini',
      channel: 'openai',
      status_class: '2xx',
      cache: 'miss',
    };
    expect(await value(registry, 'aihub_requests_total', labels)).toBe(1);
    expect(await value(registry, 'aihub_tokens_total', { type: 'input' })).toBe(120);
    expect(await value(registry, 'aihub_tokens_total', { type: 'output' })).toBe(40);
    expect(await value(registry, 'aihub_tokens_total', { type: 'cached' })).toBe(20);
    expect(await value(registry, 'aihub_tokens_total', { type: 'reasoning' })).toBe(10);
    expect(await value(registry, 'aihub_cost_usd_total')).toBeCloseTo(0.0015, 10);
    const text = await registry.metrics();
    expect(text).toMatch(
      /aihub_request_duration_seconds_count\{surface="openai-chat",model="gpt-4.1-mini",stream="true"\} 1/,
    );
    expect(text).toMatch(/aihub_request_duration_seconds_sum\{[^}]*\} 2\.1\n/);
    expect(text).toMatch(/aihub_time_to_first_token_seconds_sum\{[^}]*\} 0\.1\n/);
    // 40 tokens over the 2 s after the first byte.
    expect(text).toMatch(/aihub_output_tokens_per_second_sum\{[^}]*\} 20\n/);
    expect(await value(registry, 'aihub_upstream_attempts_total', { outcome: 'ok' })).toBe(1);
  });

  it('classes failed attempts, and counts our own limiter’s refusals', async () => {
    const registry = new Registry();
    const metrics = new RequestMetrics(registry, known);
    metrics.observe(
      finished({
        attemptsDetail: [
          { channel: 'a', model: 'm', outcome: 'rate_limit_exceeded', status: 429, ms: 5 },
          { channel: 'b', model: 'm', outcome: 'upstream_error', status: 502, ms: 5 },
          { channel: 'c', model: 'm', outcome: 'ok', status: 200, ms: 5 },
        ],
      }),
    );
    const limited = new RateLimitError({ message: 'slow down', headers: {} });
    metrics.observe(finished({ status: 429, attemptsDetail: null, channel: null }, { error: limited }));
    expect(await value(registry, 'aihub_upstream_attempts_total', { outcome: 'failed' })).toBe(2);
    expect(await value(registry, 'aihub_upstream_errors_total', { channel: 'a', class: 'rate_limit' })).toBe(1);
    expect(await value(registry, 'aihub_upstream_errors_total', { channel: 'b', class: 'server_error' })).toBe(1);
    expect(await value(registry, 'aihub_limiter_rejections_total')).toBe(1);
    expect(await value(registry, 'aihub_requests_total', { status_class: '4xx', channel: 'none' })).toBe(1);
  });

  it('keeps series bounded under 10,000 users and keys and random model names', async () => {
    const registry = new Registry();
    const metrics = new RequestMetrics(registry, known);
    const channels = ['openai', 'anthropic', 'gemini'];
    for (let i = 0; i < 10_000; i++) {
      const madeUp = `model-${i.toString(36)}-${Math.random().toString(36).slice(2)}`;
      const isKnown = i % 3 === 0;
      metrics.observe(
        finished({
          id: `req_${i}`,
          userId: `usr_${i}`,
          keyId: `key_${i}`,
          clientIp: `10.${i >> 8}.${i & 255}.1`,
          modelRequested: isKnown ? 'claude-haiku-4-5' : madeUp,
          modelServed: isKnown ? 'claude-haiku-4-5' : madeUp,
          channel: channels[i % 3] ?? null,
          status: i % 7 === 0 ? 404 : 200,
          stream: i % 2 === 0,
          attemptsDetail: [{ channel: channels[i % 3], model: madeUp, outcome: 'ok', status: 200, ms: 1 }],
        }),
      );
    }
    const lines = await sampleLines(registry);
    // 2 models × 3 channels × 2 status classes, times the histograms' buckets: hundreds, not tens of thousands.
    expect(lines.length).toBeLessThan(600);
    const text = lines.join('\n');
    expect(text).not.toMatch(/usr_|key_|req_|model-/);
    expect(await value(registry, 'aihub_requests_total')).toBe(10_000);
    expect(await value(registry, 'aihub_requests_total', { model: 'other' })).toBe(6_666);
  });

  it('never throws into the request it observes', () => {
    const registry = new Registry();
    const throwing: KnownModels = {
      has: () => {
        throw new Error('catalog gone');
      },
    };
    expect(() => new RequestMetrics(registry, throwing).observe(finished())).not.toThrow();
  });
});
