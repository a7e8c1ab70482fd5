import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyLedger } from '../../src/billing/ledger-verify.js';
import { type Gateway, startGateway, UPSTREAM_KEY } from './gateway-harness.js';
import { asAdmin, asUser, createKey, type Session, withKey } from './platform-client.js';

const ask = { model: 'kg-model', messages: [{ role: 'user', content: 'Hello there' }] };
const PER_REQUEST = 1_000;
const VIP_PPM = 1_500_000;

async function login(gateway: Gateway, email: string, password: string): Promise<Session> {
  const response = await fetch(`${gateway.origin}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const body = (await response.json()) as any;
  if (response.status !== 200) throw new Error(`login failed: ${response.status} ${JSON.stringify(body)}`);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return { cookie, csrf: body.csrfToken, userId: body.user.id };
}

/** The admin's view of a request's log row (it is written asynchronously). */
async function adminLog(gateway: Gateway, requestId: string): Promise<any> {
  for (let i = 0; i < 100; i++) {
    const reply = await asAdmin(gateway, 'GET', `/api/logs/${requestId}`);
    if (reply.status === 200) return reply.json;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`log row ${requestId} never appeared`);
}

for (const database of ['sqlite', 'postgres'] as const) {
  describe(`key groups and the admin's user and key tools [${database}]`, () => {
    let gateway: Gateway;
    let user: Session;
    let plainKey: { key: string; id: string };
    let vipKey: { key: string; id: string };
    const email = `kg-${database}@example.com`;

    beforeAll(async () => {
      gateway = await startGateway({}, database);
      // One model, served by a channel per group: where a request lands shows its group.
      for (const group of ['default', 'vip']) {
        const channel = await asAdmin(gateway, 'POST', '/api/admin/channels', {
          name: `kg-${group}`,
          type: 'custom',
          baseUrl: gateway.openai.url,
          keys: [UPSTREAM_KEY],
          models: ['kg-model'],
          groups: [group],
        });
        expect(channel.status, JSON.stringify(channel.json)).toBe(201);
      }
      const prices = await asAdmin(gateway, 'PUT', '/api/admin/prices', {
        models: { 'kg-model': { fixed: { perRequest: PER_REQUEST } } },
      });
      expect(prices.status, JSON.stringify(prices.json)).toBe(200);
    });
    afterAll(() => gateway?.close());

    it('creates a user with a generated password and an initial balance as a ledger entry', async () => {
      const created = await asAdmin(gateway, 'POST', '/api/admin/users', { email, initialBalance: 5_000_000 });
      expect(created.status, JSON.stringify(created.json)).toBe(201);
      expect(created.json.user).toMatchObject({ email, role: 'user', group: 'default', balance: 5_000_000 });
      expect(created.json.generatedPassword).toMatch(/^[\w-]{24}$/);
      user = await login(gateway, email, created.json.generatedPassword);
      const ledger = await asUser(gateway, user, 'GET', '/api/ledger');
      expect(ledger.json.data).toEqual([expect.objectContaining({ kind: 'adjust', amount: 5_000_000 })]);
      const again = await asAdmin(gateway, 'POST', '/api/admin/users', { email, password: 'another password' });
      expect(again.status).toBe(409);
      const weak = await asAdmin(gateway, 'POST', '/api/admin/users', { email: `x-${email}`, password: 'short' });
      expect(weak.status).toBe(400);
    });

    it('offers the selectable groups with their multipliers and refuses any other', async () => {
      const saved = await asAdmin(gateway, 'PUT', '/api/admin/key-groups', {
        groups: [
          { name: 'vip', description: 'Fast lane', selectable: true, multiplierPpm: VIP_PPM },
          { name: 'staff', description: 'Internal', selectable: false },
        ],
      });
      expect(saved.status, JSON.stringify(saved.json)).toBe(200);
      const offered = await asUser(gateway, user, 'GET', '/api/key-groups');
      expect(offered.json.data).toEqual([
        { name: 'default', description: '', multiplierPpm: 1_000_000, own: true },
        { name: 'vip', description: 'Fast lane', multiplierPpm: VIP_PPM, own: false },
      ]);
      for (const group of ['staff', 'nope']) {
        const refused = await asUser(gateway, user, 'POST', '/api/keys', { name: 'x', group });
        expect(refused.status).toBe(400);
        expect(refused.json.error.code).toBe('key_group_unavailable');
      }
      plainKey = await createKey(gateway, user);
      vipKey = await createKey(gateway, user, { group: 'vip' });
    });

    it('routes a key only to its group’s channels and prices it with the group multiplier, exactly', async () => {
      const plain = await withKey(gateway, plainKey.key, 'POST', '/v1/chat/completions', ask);
      expect(plain.status, JSON.stringify(plain.json)).toBe(200);
      const vip = await withKey(gateway, vipKey.key, 'POST', '/v1/chat/completions', ask);
      expect(vip.status, JSON.stringify(vip.json)).toBe(200);
      const plainLog = await adminLog(gateway, plain.headers.get('x-request-id')!);
      const vipLog = await adminLog(gateway, vip.headers.get('x-request-id')!);
      expect(plainLog).toMatchObject({ channel: 'kg-default', cost: PER_REQUEST, keyGroup: 'default' });
      expect(vipLog).toMatchObject({ channel: 'kg-vip', cost: (PER_REQUEST * VIP_PPM) / 1_000_000, keyGroup: 'vip' });
      // The owner sees the group their request ran in too, and admins filter by it.
      const own = await asUser(gateway, user, 'GET', `/api/logs/${vipLog.id}`);
      expect(own.json.keyGroup).toBe('vip');
      const vipOnly = await asAdmin(gateway, 'GET', '/api/logs?keyGroup=vip');
      expect(vipOnly.json.data.map((log: any) => log.id)).toEqual([vipLog.id]);
      const defaultOnly = await asAdmin(gateway, 'GET', '/api/logs?keyGroup=default');
      expect(defaultOnly.json.data.map((log: any) => log.id)).toEqual([plainLog.id]);
      const tooLong = await asAdmin(gateway, 'GET', `/api/logs?keyGroup=${'x'.repeat(65)}`);
      expect(tooLong.status).toBe(400);
      const charges = await asUser(gateway, user, 'GET', '/api/ledger?kind=charge');
      expect(charges.json.data.map((entry: any) => entry.amount).sort((a: number, b: number) => a - b)).toEqual([
        -1_500, -1_000,
      ]);
      const balance = await asUser(gateway, user, 'GET', '/api/balance');
      expect(balance.json.balance).toBe(5_000_000 - 2_500);
    });

    it('refuses a key whose group was made unavailable with a 403, never rerouting it', async () => {
      await asAdmin(gateway, 'PUT', '/api/admin/key-groups', {
        groups: [{ name: 'vip', description: 'Fast lane', selectable: false }],
      });
      const refused = await withKey(gateway, vipKey.key, 'POST', '/v1/chat/completions', ask);
      expect(refused.status).toBe(403);
      expect(refused.json.error).toMatchObject({ code: 'key_group_unavailable', type: expect.any(String) });
      expect((await withKey(gateway, plainKey.key, 'POST', '/v1/chat/completions', ask)).status).toBe(200);
      // Back on: the same key works again, in its own group.
      await asAdmin(gateway, 'PUT', '/api/admin/key-groups', { groups: [{ name: 'vip', selectable: true }] });
      const back = await withKey(gateway, vipKey.key, 'POST', '/v1/chat/completions', ask);
      expect(back.status).toBe(200);
      expect((await adminLog(gateway, back.headers.get('x-request-id')!)).channel).toBe('kg-vip');
    });

    it('lists any user’s keys for admins and disables one at once', async () => {
      const listed = await asAdmin(gateway, 'GET', `/api/admin/keys?userId=${user.userId}`);
      expect(listed.status).toBe(200);
      expect(listed.json.total).toBe(2);
      expect(listed.json.data[0]).toMatchObject({ ownerEmail: email, userId: user.userId });
      const searched = await asAdmin(
        gateway,
        'GET',
        `/api/admin/keys?query=${encodeURIComponent(email)}&status=enabled`,
      );
      expect(searched.json.total).toBe(2);
      const disabled = await asAdmin(gateway, 'PATCH', `/api/admin/keys/${plainKey.id}`, { status: 'disabled' });
      expect(disabled.status).toBe(200);
      expect(disabled.json.status).toBe('disabled');
      const refused = await withKey(gateway, plainKey.key, 'POST', '/v1/chat/completions', ask);
      expect(refused.status).toBe(401);
      expect(refused.json.error.code).toBe('api_key_disabled');
      const onlyDisabled = await asAdmin(gateway, 'GET', `/api/admin/keys?userId=${user.userId}&status=disabled`);
      expect(onlyDisabled.json.data.map((key: any) => key.id)).toEqual([plainKey.id]);
      const asNonAdmin = await asUser(gateway, user, 'GET', '/api/admin/keys');
      expect(asNonAdmin.status).toBe(403);
    });

    it('changes many balances with one ledger entry each and reports every outcome', async () => {
      const before = (await asUser(gateway, user, 'GET', '/api/balance')).json.balance;
      const reply = await asAdmin(gateway, 'POST', '/api/admin/users/balance', {
        userIds: [user.userId, 'usr_missing'],
        amount: -100_000,
        reason: 'Correction',
      });
      expect(reply.status, JSON.stringify(reply.json)).toBe(200);
      expect(reply.json).toMatchObject({ applied: 1, failed: 1 });
      expect(reply.json.results).toEqual([
        expect.objectContaining({ userId: user.userId, ok: true, balance: before - 100_000 }),
        expect.objectContaining({ userId: 'usr_missing', ok: false, code: 'user_not_found' }),
      ]);
      const adjustments = await asUser(gateway, user, 'GET', '/api/ledger?kind=adjust');
      expect(adjustments.json.data[0]).toMatchObject({ amount: -100_000 });
      expect(adjustments.json.data[0].reason).toContain('Correction');
      const bad = await asAdmin(gateway, 'POST', '/api/admin/users/balance', {
        userIds: [user.userId],
        amount: 0,
        reason: 'x',
      });
      expect(bad.status).toBe(400);
      expect(await verifyLedger(gateway.app.store)).toMatchObject({ ok: true });
    });
  });
}
