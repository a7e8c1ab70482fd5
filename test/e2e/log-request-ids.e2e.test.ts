/**
 * Structured logs: every line the server writes while serving a request carries that request's
 * id (the `x-request-id` the client got), so an operator can follow one request through the log.
 */
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Gateway, postJson, startGateway } from './gateway-harness.js';

describe('request ids in the log', () => {
  let gateway: Gateway;
  const lines: Array<Record<string, unknown>> = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => lines.push(JSON.parse(line)) });

  beforeAll(async () => {
    gateway = await startGateway({}, 'sqlite', { logger });
  });
  afterAll(async () => {
    await gateway?.close();
  });

  it('lines about a failing upstream attempt name the request they belong to', async () => {
    lines.length = 0;
    gateway.openai.reset();
    gateway.openai.setScript({ fault: { type: 'http-error', status: 500 } });
    const response = await postJson(gateway, '/v1/chat/completions', {
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hello' }],
    });
    const requestId = response.headers.get('x-request-id');
    expect(requestId).toBeTruthy();
    expect(response.status).toBeGreaterThanOrEqual(500);
    const about = lines.filter((line) => line.msg === 'upstream attempt failed');
    expect(about.length).toBeGreaterThan(0);
    for (const line of lines.filter((entry) => entry.level !== undefined && entry.msg !== undefined)) {
      expect(line, String(line.msg)).toMatchObject({ requestId });
    }
  });

  // Last: it takes the upstream key out of service.
  it('the line that takes an upstream key out of service names the request that showed it bad', async () => {
    lines.length = 0;
    gateway.openai.reset();
    gateway.openai.enqueue({ fault: { type: 'http-error', status: 401, message: 'Incorrect API key provided' } });
    const response = await postJson(gateway, '/v1/chat/completions', {
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hello' }],
    });
    const requestId = response.headers.get('x-request-id');
    const disabled = lines.filter((line) => line.msg === 'upstream key auto-disabled');
    expect(disabled.length).toBe(1);
    for (const line of lines) expect(line, String(line.msg)).toMatchObject({ requestId });
  });
});
