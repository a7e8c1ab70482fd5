import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/db-harness.js';
import { clearLogs, insertLogs, logEntry } from '../../test/logs/log-fixtures.js';
import { GatewayError } from '../ir/index.js';
import { encodeTimeCursor } from '../store/time-cursor.js';
import type { LogViewer } from './log-viewer.js';
import { RequestLogQuery } from './request-log-query.js';

const T0 = Date.UTC(2025, 2, 1);
const MIN = 60_000;
const alice: LogViewer = { userId: 'usr_alice', role: 'user' };
const bob: LogViewer = { userId: 'usr_bob', role: 'user' };
const admin: LogViewer = { userId: 'usr_admin', role: 'admin' };

describeEachDialect('RequestLogQuery', (store) => {
  const query = () => new RequestLogQuery(store());

  beforeAll(async () => {
    await clearLogs(store());
    await insertLogs(store(), [
      logEntry({
        id: 'a1',
        createdAt: T0 + 1 * MIN,
        userId: 'usr_alice',
        keyId: 'key_a1',
        modelRequested: 'gpt-4o',
        status: 200,
      }),
      logEntry({
        id: 'a2',
        createdAt: T0 + 2 * MIN,
        userId: 'usr_alice',
        keyId: 'key_a2',
        modelRequested: 'claude',
        status: 429,
        endpoint: 'count_tokens',
      }),
      logEntry({
        id: 'a3',
        createdAt: T0 + 3 * MIN,
        userId: 'usr_alice',
        keyId: 'key_a1',
        modelRequested: 'gpt-4o',
        status: 502,
      }),
      // Same millisecond: the id breaks the tie, newest-first means id descending.
      logEntry({
        id: 'a4',
        createdAt: T0 + 4 * MIN,
        userId: 'usr_alice',
        keyId: 'key_a1',
        modelRequested: 'claude',
        status: 200,
      }),
      logEntry({
        id: 'a5',
        createdAt: T0 + 4 * MIN,
        userId: 'usr_alice',
        keyId: 'key_a1',
        modelRequested: 'gpt-4o',
        status: 200,
      }),
      logEntry({
        id: 'b1',
        createdAt: T0 + 2 * MIN,
        userId: 'usr_bob',
        keyId: 'key_b1',
        keyGroup: 'vip',
        modelRequested: 'gpt-4o',
        status: 200,
      }),
      logEntry({
        id: 'b2',
        createdAt: T0 + 5 * MIN,
        userId: 'usr_bob',
        keyId: 'key_b1',
        keyGroup: 'default',
        modelRequested: 'claude',
        status: 400,
      }),
      logEntry({ id: 'n1', createdAt: T0 + 6 * MIN, userId: null, keyId: null, modelRequested: 'gpt-4o', status: 401 }),
    ]);
  });

  const ids = async (params: Parameters<RequestLogQuery['list']>[0]) =>
    (await query().list(params)).items.map((log) => log.id);

  it('lists newest first, an admin seeing everyone', async () => {
    expect(await ids({ viewer: admin })).toEqual(['n1', 'b2', 'a5', 'a4', 'a3', 'b1', 'a2', 'a1']);
  });

  it('shows a user only their own rows', async () => {
    expect(await ids({ viewer: alice })).toEqual(['a5', 'a4', 'a3', 'a2', 'a1']);
    expect(await ids({ viewer: bob })).toEqual(['b2', 'b1']);
  });

  it('gives a user nothing of another user, whatever the filters', async () => {
    expect(await ids({ viewer: bob, userId: 'usr_alice' })).toEqual([]);
    expect(await ids({ viewer: bob, keyId: 'key_a1' })).toEqual([]);
    expect(await ids({ viewer: bob, model: 'gpt-4o', status: 'success', from: T0, to: T0 + 10 * MIN })).toEqual(['b1']);
  });

  it('filters by user, key, model, status and time', async () => {
    expect(await ids({ viewer: admin, userId: 'usr_bob' })).toEqual(['b2', 'b1']);
    expect(await ids({ viewer: admin, keyId: 'key_a2' })).toEqual(['a2']);
    expect(await ids({ viewer: admin, model: 'claude' })).toEqual(['b2', 'a4', 'a2']);
    expect(await ids({ viewer: admin, status: 429 })).toEqual(['a2']);
    expect(await ids({ viewer: admin, status: 'error' })).toEqual(['n1', 'b2', 'a3', 'a2']);
    expect(await ids({ viewer: alice, status: 'success' })).toEqual(['a5', 'a4', 'a1']);
    // from inclusive, to exclusive
    expect(await ids({ viewer: admin, from: T0 + 2 * MIN, to: T0 + 4 * MIN })).toEqual(['a3', 'b1', 'a2']);
    expect(await ids({ viewer: alice, keyId: 'key_a1', model: 'gpt-4o', status: 'success' })).toEqual(['a5', 'a1']);
  });

  it('tells token counts from generations (rows written before the endpoint column are generations)', async () => {
    expect(await ids({ viewer: admin, endpoint: 'count_tokens' })).toEqual(['a2']);
    expect(await ids({ viewer: admin, endpoint: 'generate' })).toEqual(['n1', 'b2', 'a5', 'a4', 'a3', 'b1', 'a1']);
    expect(await ids({ viewer: bob, endpoint: 'count_tokens' })).toEqual([]);
    expect(await query().get('a2', alice)).toMatchObject({ endpoint: 'count_tokens' });
    expect(await query().get('a1', alice)).toMatchObject({ endpoint: 'generate' });
  });

  it('filters by the key group the request ran in (rows logged before groups were recorded match none)', async () => {
    expect(await ids({ viewer: admin, keyGroup: 'vip' })).toEqual(['b1']);
    expect(await ids({ viewer: admin, keyGroup: 'default' })).toEqual(['b2']);
    expect(await ids({ viewer: admin, keyGroup: 'vip', model: 'claude' })).toEqual([]);
    expect(await ids({ viewer: alice, keyGroup: 'vip' })).toEqual([]);
    expect(await query().get('b1', bob)).toMatchObject({ keyGroup: 'vip' });
    expect(await query().get('a1', alice)).toMatchObject({ keyGroup: null });
  });

  it('pages with an opaque cursor, across ties in time', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await query().list({ viewer: admin, limit: 3, cursor });
      seen.push(...page.items.map((log) => log.id));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(['n1', 'b2', 'a5', 'a4', 'a3', 'b1', 'a2', 'a1']);

    const first = await query().list({ viewer: alice, limit: 4 });
    expect(first.items.map((log) => log.id)).toEqual(['a5', 'a4', 'a3', 'a2']);
    const second = await query().list({ viewer: alice, limit: 4, cursor: first.nextCursor ?? undefined });
    expect(second).toEqual({ items: [expect.objectContaining({ id: 'a1' })], nextCursor: null });
  });

  it('keeps ownership when a cursor is forged from someone else’s row', async () => {
    const cursor = encodeTimeCursor({ createdAt: T0 + 10 * MIN, id: 'zzz' });
    expect(await ids({ viewer: bob, cursor })).toEqual(['b2', 'b1']);
  });

  it('rejects a cursor it did not issue with a 400', async () => {
    await expect(query().list({ viewer: admin, cursor: 'not-a-cursor' })).rejects.toMatchObject({
      kind: 'invalid_request',
      param: 'cursor',
    });
  });

  it('returns the full row', async () => {
    const log = await query().get('a2', alice);
    expect(log).toMatchObject({
      id: 'a2',
      userId: 'usr_alice',
      keyId: 'key_a2',
      modelRequested: 'claude',
      status: 429,
      stream: false,
      promptTokens: 100,
      cost: 1_000,
      clientIp: '203.0.113.7',
      prompt: null,
    });
  });

  it('answers 404 for another user’s row and for a missing one alike', async () => {
    const other = await query()
      .get('a1', bob)
      .catch((error: unknown) => error);
    const missing = await query()
      .get('nope', bob)
      .catch((error: unknown) => error);
    expect(other).toBeInstanceOf(GatewayError);
    expect(other).toMatchObject({ status: 404, message: "No request log 'a1'." });
    expect(missing).toMatchObject({ status: 404 });
    expect(await query().get('a1', admin)).toMatchObject({ id: 'a1' });
  });
});
