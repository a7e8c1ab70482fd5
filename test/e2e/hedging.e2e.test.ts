/**
 * Hedged requests (issue 18): when the first channel has not answered after the hedge delay, a
 * second channel is asked, the first to answer serves the client and the other is aborted. Two
 * channels of one model at one price: the OpenAI channel from the environment (priority 0, tried
 * first) and `mirror`, an OpenAI-compatible emulator (priority -1, the hedge). Latencies are the
 * emulators', controlled per request; the client is the official `openai` package.
 */
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Gateway, startGateway } from './gateway-harness.js';
import { asAdmin, asUser, createKey, register, type Session, waitForLog } from './platform-client.js';

const MODEL = 'gpt-4.1-mini';
const SLOW_MS = 1_500;

describe('hedged requests', () => {
  let gateway: Gateway;
  let user: Session;
  let key: string;
  let client: OpenAI;
  /** The primary channel's emulator (OpenAI) and the hedge's (labelled DeepSeek: its answers say so). */
  let primary: Gateway['openai'];
  let mirror: Gateway['deepseek'];

  beforeAll(async () => {
    gateway = await startGateway();
    primary = gateway.openai;
    mirror = gateway.deepseek;
    user = await register(gateway, 'hedging@example.com');
    key = (await createKey(gateway, user)).key;
    client = new OpenAI({ apiKey: key, baseURL: gateway.baseURL, maxRetries: 0 });
    const created = await asAdmin(gateway, 'POST', '/api/admin/channels', {
      name: 'mirror',
      type: 'openai',
      baseUrl: mirror.url,
      keys: ['test-key'],
      models: [MODEL],
      priority: -1,
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
  });
  afterAll(() => gateway?.close());
  beforeEach(async () => {
    primary.reset();
    mirror.reset();
    await setHedging({ groups: {}, requestHeader: true });
  });

  async function setHedging(hedging: Record<string, unknown>) {
    const reply = await asAdmin(gateway, 'PATCH', '/api/admin/settings', { hedging });
    expect(reply.status, JSON.stringify(reply.json)).toBe(200);
  }

  const balance = async () => (await asUser(gateway, user, 'GET', '/api/balance')).json.balance as number;

  /** A streamed answer: its text, its time to the first content token, and its request id. */
  async function streamed(hedge?: string) {
    const started = performance.now();
    const { data: stream, response } = await client.chat.completions
      .create(
        { model: MODEL, messages: [{ role: 'user', content: 'race' }], stream: true, max_tokens: 50 },
        hedge ? { headers: { 'x-aihub-hedge': hedge } } : {},
      )
      .withResponse();
    let text = '';
    let ttft: number | undefined;
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta?.content;
      if (delta) {
        ttft ??= performance.now() - started;
        text += delta;
      }
    }
    return { text, ttft: ttft ?? Number.POSITIVE_INFINITY, requestId: response.headers.get('x-request-id') as string };
  }

  async function json(hedge?: string) {
    const { data, response } = await client.chat.completions
      .create(
        { model: MODEL, messages: [{ role: 'user', content: 'race' }], max_tokens: 50 },
        hedge ? { headers: { 'x-aihub-hedge': hedge } } : {},
      )
      .withResponse();
    return { text: data.choices[0]?.message.content ?? '', requestId: response.headers.get('x-request-id') as string };
  }

  async function ledgerCharges(requestId: string) {
    const ledger = await asUser(gateway, user, 'GET', '/api/ledger');
    return ledger.json.data.filter((row: { reference: string }) => row.reference === requestId);
  }

  it('answers from the fast channel when the first is slow: p99 time to first token is the fast one’s', async () => {
    primary.setScript({ headersDelayMs: SLOW_MS });
    const ttfts: number[] = [];
    for (let i = 0; i < 20; i++) {
      const answer = await streamed('100');
      expect(answer.text).toContain('DeepSeek emulator');
      ttfts.push(answer.ttft);
    }
    ttfts.sort((a, b) => a - b);
    const p99 = ttfts[Math.ceil(0.99 * ttfts.length) - 1] as number;
    // The hedge starts at 100 ms and the mirror answers at once; the slow channel would take 1.5 s.
    expect(p99).toBeLessThan(900);
    expect(p99).toBeGreaterThanOrEqual(100);
    // Every slow upstream call was aborted, none answered.
    await primary.waitForAborted(20);
    expect(mirror.requestCount).toBe(20);
  });

  it('charges the client once, for the winner, and logs the loser as hedge_lost', async () => {
    primary.setScript({ headersDelayMs: SLOW_MS });
    mirror.enqueue({ usage: { inputTokens: 1_000, outputTokens: 200 } });
    const before = await balance();
    const answer = await streamed('100');
    const log = await waitForLog(gateway, user, answer.requestId);
    expect(log.status).toBe(200);
    expect(log.attempts).toBe(2);
    expect(log.promptTokens).toBe(1_000);
    expect(log.completionTokens).toBe(200);
    expect(log.attemptsDetail.map((attempt: { outcome: string }) => attempt.outcome).sort()).toEqual([
      'hedge_lost',
      'ok',
    ]);
    const charges = await ledgerCharges(answer.requestId);
    expect(charges).toHaveLength(1);
    expect(before - (await balance())).toBe(log.cost);
    expect(-charges[0].amount).toBe(log.cost);
    await primary.waitForAborted(1);
    // The loser's prompt is the operator's overhead: administrators see it, its owner does not.
    expect(log.hedgeOverhead ?? null).toBeNull();
    const adminLog = await asAdmin(gateway, 'GET', `/api/logs/${answer.requestId}`);
    expect(adminLog.status).toBe(200);
    expect(adminLog.json.hedgeOverhead).toBeGreaterThan(0);
    expect(adminLog.json.upstreamCost).toBeGreaterThan(0);
  });

  it('charges each of a burst of concurrent hedged requests once: the balance falls by the sum of their logged costs', async () => {
    primary.setScript({ headersDelayMs: 400 });
    const before = await balance();
    const answers = await Promise.all(Array.from({ length: 16 }, () => streamed('100')));
    for (const answer of answers) expect(answer.text).toContain('DeepSeek emulator');
    const logs = await Promise.all(answers.map((answer) => waitForLog(gateway, user, answer.requestId)));
    const charged = logs.reduce((sum, log) => sum + log.cost, 0);
    expect(charged).toBeGreaterThan(0);
    expect(before - (await balance())).toBe(charged);
    for (const answer of answers) expect(await ledgerCharges(answer.requestId)).toHaveLength(1);
    await primary.waitForAborted(16);
  });

  it('keeps the first channel when it answers first after the hedge started, and aborts the hedge', async () => {
    primary.setScript({ headersDelayMs: 300 });
    mirror.setScript({ headersDelayMs: SLOW_MS });
    const answer = await streamed('100');
    expect(answer.text).toContain('OpenAI emulator');
    expect(answer.ttft).toBeLessThan(SLOW_MS);
    await mirror.waitForAborted(1);
    const log = await waitForLog(gateway, user, answer.requestId);
    expect(log.attempts).toBe(2);
  });

  it('hedges JSON answers too: the first whole answer wins, charged once', async () => {
    primary.setScript({ headersDelayMs: SLOW_MS });
    const started = performance.now();
    const answer = await json('100');
    expect(performance.now() - started).toBeLessThan(SLOW_MS);
    expect(answer.text).toContain('DeepSeek emulator');
    expect(await ledgerCharges(answer.requestId)).toHaveLength(1);
    await primary.waitForAborted(1);
  });

  it('does not hedge a request that answers before the delay, nor one that asks for none', async () => {
    primary.setScript({ headersDelayMs: 0 });
    await streamed('300');
    expect(mirror.requestCount).toBe(0);
    primary.setScript({ headersDelayMs: 400 });
    const answer = await streamed();
    expect(answer.text).toContain('OpenAI emulator');
    expect(mirror.requestCount).toBe(0);
    expect(answer.ttft).toBeGreaterThanOrEqual(400);
  });

  it('hedges by the operator’s setting for every group, which a caller can turn off', async () => {
    await setHedging({ groups: { '*': 100 } });
    primary.setScript({ headersDelayMs: SLOW_MS });
    expect((await streamed()).text).toContain('DeepSeek emulator');
    mirror.reset();
    const off = await streamed('off');
    expect(off.text).toContain('OpenAI emulator');
    expect(off.ttft).toBeGreaterThanOrEqual(SLOW_MS);
    expect(mirror.requestCount).toBe(0);
  });

  it('ignores callers’ header when the operator does not honour it', async () => {
    await setHedging({ requestHeader: false });
    primary.setScript({ headersDelayMs: 400 });
    const answer = await streamed('100');
    expect(answer.text).toContain('OpenAI emulator');
    expect(mirror.requestCount).toBe(0);
  });

  it('waits for the route’s p95 time to first token, the default delay while it is unmeasured', async () => {
    await setHedging({ groups: { '*': 'p95' }, defaultDelayMs: 200 });
    primary.setScript({ headersDelayMs: 700 });
    // Unmeasured route: the hedge starts after the default 200 ms.
    const first = await streamed();
    expect(first.text).toContain('DeepSeek emulator');
    // A window of quick answers from the primary (hedge off) gives it a p95 near 0: the next hedge is early.
    primary.setScript({ headersDelayMs: 0 });
    for (let i = 0; i < 64; i++) await streamed('off');
    const speed = await asAdmin(gateway, 'GET', '/api/admin/routing/speed');
    const route = speed.json.data.find((row: { model: string; ttftP95Ms?: number }) => row.model === MODEL);
    expect(route.ttftP95Ms).toBeLessThan(100);
    primary.setScript({ headersDelayMs: SLOW_MS });
    mirror.setScript({ headersDelayMs: 0 });
    const hedged = await streamed();
    expect(hedged.text).toContain('DeepSeek emulator');
    expect(hedged.ttft).toBeLessThan(200);
  });

  it('answers one clean error when both channels fail, and charges nothing', async () => {
    primary.setScript({ headersDelayMs: 300, fault: { type: 'http-error', status: 500 } });
    mirror.setScript({ fault: { type: 'http-error', status: 503 } });
    const before = await balance();
    const error = (await client.chat.completions
      .create(
        { model: MODEL, messages: [{ role: 'user', content: 'race' }], stream: true, max_tokens: 50 },
        { headers: { 'x-aihub-hedge': '100' } },
      )
      .catch((thrown: unknown) => thrown)) as InstanceType<typeof OpenAI.APIError>;
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect(error.status).toBeGreaterThanOrEqual(500);
    expect(error.error).toMatchObject({ type: expect.any(String), message: expect.any(String) });
    expect(await balance()).toBe(before);
  });

  it('refuses a malformed hedge header with a 400 naming it, before any upstream call or charge', async () => {
    const before = await balance();
    const error = (await json('soon').catch((thrown: unknown) => thrown)) as InstanceType<typeof OpenAI.APIError>;
    expect(error.status).toBe(400);
    expect(error.code).toBe('invalid_hedge');
    expect(error.param).toBe('x-aihub-hedge');
    expect(primary.requestCount + mirror.requestCount).toBe(0);
    expect(await balance()).toBe(before);
  });

  it('refuses hedging settings out of bounds', async () => {
    const reply = await asAdmin(gateway, 'PATCH', '/api/admin/settings', { hedging: { groups: { '*': 5 } } });
    expect(reply.status).toBe(400);
  });
});
