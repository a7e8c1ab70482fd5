import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RequestLog } from '../../src/logs/request-log-entry.js';
import { type Gateway, sseData, startGateway } from './gateway-harness.js';
import { asAdmin, asUser, createKey, register, type Session } from './platform-client.js';

/**
 * An upstream's answer about the gateway's own account (credentials refused, no credit, rate
 * limited) names that account: a masked key tail, an organisation. Clients get AIHub's own words;
 * administrators find the upstream's text in the request log's attempt detail.
 */
let gateway: Gateway;
let user: Session;
let userKey: string;

beforeAll(async () => {
  gateway = await startGateway();
  // The channel store would disable the refused key: these tests are about the words only.
  gateway.app.deps.health = { autoDisableKey: () => {}, autoDisableChannel: () => {} };
  user = await register(gateway, 'words@example.com');
  userKey = (await createKey(gateway, user)).key;
});
afterAll(() => gateway?.close());
beforeEach(() => gateway.app.deps.routeHealth.reset());

const LEAKS = /sk-\*\*\*0001|Incorrect API key|platform\.openai\.com|org-leak42|Insufficient Balance|credit balance/;

async function chat(body: Record<string, unknown>) {
  const response = await fetch(`${gateway.baseURL}/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${userKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** The request's log row, as the user who sent it or as an administrator sees it. */
async function logFor(requestId: string, as: 'user' | 'admin'): Promise<RequestLog> {
  for (let i = 0; i < 100; i++) {
    const path = `/api/logs/${requestId}`;
    const response = as === 'user' ? await asUser(gateway, user, 'GET', path) : await asAdmin(gateway, 'GET', path);
    if (response.status === 200) return response.json as RequestLog;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`log row ${requestId} never appeared`);
}

const ask = (model: string, stream: boolean) => ({
  model,
  stream,
  max_tokens: 20,
  messages: [{ role: 'user', content: 'hi' }],
});

describe('upstream account errors reach clients in AIHub’s words only', () => {
  const keyRefused = {
    type: 'http-error',
    status: 401,
    message:
      'Incorrect API key provided: sk-***0001. You can find your API key at https://platform.openai.com/account/api-keys.',
  } as const;

  it.each([false, true])('an upstream 401 naming its key (stream: %s): a 502 in AIHub’s words', async (stream) => {
    gateway.openai.enqueue({ fault: keyRefused });
    const reply = await chat(ask('gpt-4.1-mini', stream));
    expect(reply.status).toBe(502);
    const error = JSON.parse(reply.text).error;
    expect(error.code).toBe('upstream_auth_error');
    expect(error.message).toBe('The service is temporarily unavailable for this model. Please try again later.');
    expect(reply.text).not.toMatch(LEAKS);

    const requestId = reply.headers.get('x-request-id') as string;
    const own = await logFor(requestId, 'user');
    expect(JSON.stringify(own)).not.toMatch(LEAKS);
    const admin = await logFor(requestId, 'admin');
    expect(admin.attemptsDetail?.[0]).toMatchObject({ status: 401, outcome: 'upstream_auth_error' });
    expect(admin.attemptsDetail?.[0]?.detail).toContain('Incorrect API key provided: sk-***0001');
  });

  it.each([
    ['a 402 (no credit)', { type: 'http-error', status: 402, message: 'Insufficient Balance' }, 502],
    [
      'Anthropic’s credit balance as a 400',
      { type: 'http-error', status: 400, message: 'Your credit balance is too low to access the Anthropic API.' },
      502,
    ],
    [
      'a rate limit naming the organisation',
      {
        type: 'http-error',
        status: 429,
        retryAfterSeconds: 3,
        message: 'Rate limit reached for gpt-4o in organization org-leak42 on requests per min (RPM): Limit 3.',
      },
      429,
    ],
  ] as const)('%s: the upstream’s text stays out of the answer', async (_label, fault, status) => {
    const model = fault.status === 400 ? 'claude-sonnet-4-5' : 'gpt-4.1-mini';
    (model === 'claude-sonnet-4-5' ? gateway.anthropic : gateway.openai).enqueue({ fault });
    const reply = await chat(ask(model, false));
    expect(reply.status).toBe(status);
    expect(reply.text).not.toMatch(LEAKS);
    if (status === 429) expect(reply.headers.get('retry-after')).toBe('3');
    const admin = await logFor(reply.headers.get('x-request-id') as string, 'admin');
    expect(admin.attemptsDetail?.[0]?.detail).toMatch(LEAKS);
  });

  it('an account error as an event inside a stream, after content: in AIHub’s words too', async () => {
    gateway.anthropic.enqueue({
      chunkCount: 8,
      fault: {
        type: 'in-band-error',
        afterChunks: 6,
        errorType: 'authentication_error',
        message: 'invalid x-api-key sk-***0001',
      },
    });
    const reply = await chat(ask('claude-sonnet-4-5', true));
    expect(reply.status).toBe(200);
    const errors = sseData(reply.text).filter((event) => event !== '[DONE]' && event.error);
    expect(errors.map((event) => event.error.code)).toEqual(['upstream_auth_error']);
    expect(reply.text).not.toMatch(LEAKS);
  });
});
