/**
 * The console playground's credential end to end, on SQLite and PostgreSQL: minted only for a
 * console session with its CSRF token, it calls the real /v1/chat/completions (here against the
 * emulator), is billed to the user like any call and marked in the request log, stays out of key
 * management, is handed out again while valid, and stops working at logout or expiry with a 401
 * in OpenAI's envelope.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { verifyLedger } from '../../src/billing/ledger-verify.js';
import { ADMIN_KEY, type Gateway, startGateway } from './gateway-harness.js';
import { asUser, createKey, register, type Session, waitForLog, withKey } from './platform-client.js';

const HOUR = 60 * 60_000;

interface Credential {
  key: string;
  keyId: string;
  expiresAt: number;
}

for (const database of ['sqlite', 'postgres'] as const) {
  describe(`playground credential end to end [${database}]`, () => {
    let gateway: Gateway;
    let alice: Session;
    // The gateway reads the clock through Date.now: shifting it ages the credential without waiting.
    let clockOffset = 0;
    const realNow = Date.now.bind(Date);

    beforeAll(async () => {
      vi.spyOn(Date, 'now').mockImplementation(() => realNow() + clockOffset);
      gateway = await startGateway({}, database);
      alice = await register(gateway, `alice-playground-${database}@example.com`);
    });
    afterAll(async () => {
      await gateway?.close();
      vi.restoreAllMocks();
    });

    const issue = (session: Session) => asUser(gateway, session, 'POST', '/api/playground/credential');
    const chat = (key: string, body: Record<string, unknown>) =>
      fetch(`${gateway.baseURL}/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content: 'Hi there' }], ...body }),
      });

    it('is issued only to a console session that sends its CSRF token', async () => {
      const { key: userKey } = await createKey(gateway, alice);
      const noCsrf = await fetch(`${gateway.origin}/api/playground/credential`, {
        method: 'POST',
        headers: { cookie: alice.cookie },
      });
      expect(noCsrf.status).toBe(403);
      expect(((await noCsrf.json()) as any).error.code).toBe('csrf_failed');
      for (const key of [userKey, ADMIN_KEY]) {
        const withApiKey = await withKey(gateway, key, 'POST', '/api/playground/credential');
        expect(withApiKey.status).toBe(403);
        expect(withApiKey.json.error.code).toBe('session_required');
      }
      const anonymous = await fetch(`${gateway.origin}/api/playground/credential`, { method: 'POST' });
      expect(anonymous.status).toBe(401);

      const issued = await issue(alice);
      expect(issued.status).toBe(200);
      expect(issued.headers.get('cache-control')).toBe('no-store');
      expect(issued.json).toEqual({
        key: expect.stringMatching(/^sk-/),
        keyId: expect.any(String),
        expiresAt: expect.any(Number),
      });
      expect(issued.json.expiresAt - Date.now()).toBeLessThanOrEqual(12 * HOUR);
      expect(issued.json.expiresAt - Date.now()).toBeGreaterThan(11 * HOUR);
    });

    it('calls /v1/chat/completions, streaming or not; the user is charged and the log says playground', async () => {
      const credential = (await issue(alice)).json as Credential;
      const before = (await asUser(gateway, alice, 'GET', '/api/balance')).json.balance as number;

      const plain = await chat(credential.key, { max_tokens: 50 });
      expect(plain.status).toBe(200);
      const answer = (await plain.json()) as any;
      expect(answer.choices[0].message.content).toBe('Hello from OpenAI emulator: Hi there');
      const plainLog = await waitForLog(gateway, alice, plain.headers.get('x-request-id')!);
      expect(plainLog).toMatchObject({ status: 200, keyId: credential.keyId, keyKind: 'playground' });
      expect(plainLog.cost).toBeGreaterThan(0);

      const streamed = await chat(credential.key, { stream: true, max_tokens: 50 });
      expect(streamed.status).toBe(200);
      expect(await streamed.text()).toContain('data: [DONE]');
      const streamLog = await waitForLog(gateway, alice, streamed.headers.get('x-request-id')!);
      expect(streamLog).toMatchObject({ status: 200, stream: true, keyKind: 'playground' });

      const balance = (await asUser(gateway, alice, 'GET', '/api/balance')).json;
      expect(balance).toMatchObject({ balance: before - plainLog.cost - streamLog.cost, reserved: 0 });
      const ledger = (await asUser(gateway, alice, 'GET', '/api/ledger')).json.data as any[];
      expect(ledger.filter((entry) => entry.kind === 'charge').length).toBeGreaterThanOrEqual(2);
      expect((await verifyLedger(gateway.app.store)).ok).toBe(true);

      const playgroundLogs = await asUser(gateway, alice, 'GET', '/api/logs?keyKind=playground');
      expect(playgroundLogs.json.data.map((row: any) => row.id)).toEqual([streamLog.id, plainLog.id]);
      const standardLogs = await asUser(gateway, alice, 'GET', '/api/logs?keyKind=standard');
      expect(standardLogs.json.data).toEqual([]);
    });

    it('is hidden from key management, and cannot act on the account', async () => {
      const credential = (await issue(alice)).json as Credential;
      const listed = await asUser(gateway, alice, 'GET', '/api/keys');
      expect(listed.json.data.map((key: any) => key.id)).not.toContain(credential.keyId);
      expect(listed.json.data.every((key: any) => key.name !== 'Playground')).toBe(true);
      expect((await asUser(gateway, alice, 'GET', `/api/keys/${credential.keyId}`)).status).toBe(404);
      expect((await asUser(gateway, alice, 'DELETE', `/api/keys/${credential.keyId}`)).status).toBe(404);
      for (const path of ['/api/keys', '/api/balance', '/api/auth/me']) {
        const reply = await withKey(gateway, credential.key, 'GET', path);
        expect(reply.status).toBe(403);
        expect(reply.json.error.code).toBe('playground_key_scope');
      }
    });

    it('is the same key while valid, one per session', async () => {
      const first = (await issue(alice)).json as Credential;
      const again = (await issue(alice)).json as Credential;
      expect(again).toEqual(first);
      const elsewhere = await fetch(`${gateway.origin}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: `alice-playground-${database}@example.com`, password: 'correct horse battery' }),
      });
      const otherSession: Session = {
        cookie: (elsewhere.headers.get('set-cookie') ?? '').split(';')[0]!,
        csrf: ((await elsewhere.json()) as any).csrfToken,
        userId: alice.userId,
      };
      const other = (await issue(otherSession)).json as Credential;
      expect(other.key).not.toBe(first.key);
      expect((await chat(first.key, { max_tokens: 5 })).status).toBe(200);
      expect((await chat(other.key, { max_tokens: 5 })).status).toBe(200);
    });

    it('is revoked at logout: 401 in the OpenAI envelope', async () => {
      const session = await register(gateway, `bob-playground-${database}@example.com`);
      const credential = (await issue(session)).json as Credential;
      expect((await chat(credential.key, { max_tokens: 5 })).status).toBe(200);
      expect((await asUser(gateway, session, 'POST', '/api/auth/logout')).status).toBe(204);
      const refused = await chat(credential.key, { max_tokens: 5 });
      expect(refused.status).toBe(401);
      expect(await refused.json()).toEqual({
        error: { message: expect.any(String), type: 'authentication_error', param: null, code: 'invalid_api_key' },
      });
      expect((await issue(session)).status).toBe(401);
    });

    it('expires after 12 hours at most: 401 api_key_expired in the OpenAI envelope, then a new one', async () => {
      const session = await register(gateway, `carol-playground-${database}@example.com`);
      const credential = (await issue(session)).json as Credential;
      clockOffset = credential.expiresAt - realNow() + 1;
      try {
        const refused = await chat(credential.key, { stream: true });
        expect(refused.status).toBe(401);
        expect(refused.headers.get('x-request-id')).toBeTruthy();
        expect(((await refused.json()) as any).error).toMatchObject({
          type: 'authentication_error',
          code: 'api_key_expired',
        });
        const fresh = (await issue(session)).json as Credential;
        expect(fresh.key).not.toBe(credential.key);
        expect((await chat(fresh.key, { max_tokens: 5 })).status).toBe(200);
      } finally {
        clockOffset = 0;
      }
    });
  });
}
