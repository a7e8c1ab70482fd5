/**
 * A Midjourney task's life on PostgreSQL (the job row, its lease, the durable hold and the log
 * row update take the other dialect): imagine → success charged once, a failure released.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEDIA_PRICES } from '../../src/catalog/media-prices.js';
import { type MidjourneyEmulator, startMidjourneyEmulator } from '../emulators/midjourney-proxy-emulator.js';
import { type Gateway, startGateway, UPSTREAM_KEY } from './gateway-harness.js';
import { asAdmin, asUser, createKey, register, type Session } from './platform-client.js';

const IMAGINE_PRICE = MEDIA_PRICES.find((row) => row.provider === 'midjourney')?.perUnit['mj:imagine'];

let gateway: Gateway;
let mj: MidjourneyEmulator;
let user: Session;
let key: string;

beforeAll(async () => {
  mj = await startMidjourneyEmulator();
  gateway = await startGateway(
    {
      MIDJOURNEY_API_KEY: UPSTREAM_KEY,
      MIDJOURNEY_BASE_URL: mj.url,
      AIHUB_JOB_POLL_MS: '50',
      AIHUB_JOB_PENDING_MS: '50',
    },
    'postgres',
  );
  user = await register(gateway, 'mj-postgres@example.com');
  await asAdmin(gateway, 'POST', `/api/admin/users/${user.userId}/adjust`, { amount: 1_000_000, reason: 'credit' });
  key = (await createKey(gateway, user)).key;
});

afterAll(async () => {
  await gateway?.close();
  await mj?.close();
});

async function submit(prompt: string): Promise<{ id: string; requestId: string }> {
  const response = await fetch(`${gateway.origin}/mj/submit/imagine`, {
    method: 'POST',
    headers: { 'mj-api-secret': key, 'content-type': 'application/json' },
    body: JSON.stringify({ prompt }),
  });
  const body = (await response.json()) as { code: number; result: string };
  expect(body.code).toBe(1);
  return { id: body.result, requestId: response.headers.get('x-request-id') ?? '' };
}

async function ended(id: string): Promise<{ status: string }> {
  for (let i = 0; i < 200; i++) {
    const response = await fetch(`${gateway.origin}/mj/task/${id}/fetch`, { headers: { 'mj-api-secret': key } });
    const task = (await response.json()) as { status: string };
    if (task.status === 'SUCCESS' || task.status === 'FAILURE') return task;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('the task never ended');
}

async function balanceSettled(): Promise<{ balance: number; reserved: number }> {
  for (let i = 0; i < 100; i++) {
    const balance = (await asUser(gateway, user, 'GET', '/api/balance')).json;
    if (balance.reserved === 0) return balance;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('a hold was never settled');
}

describe('Midjourney on PostgreSQL', () => {
  it('charges a success once and releases a failure', async () => {
    const before = (await asUser(gateway, user, 'GET', '/api/balance')).json.balance as number;
    const good = await submit('a lighthouse at dusk');
    expect((await ended(good.id)).status).toBe('SUCCESS');
    const bad = await submit('this will fail');
    expect((await ended(bad.id)).status).toBe('FAILURE');
    expect(await balanceSettled()).toMatchObject({ balance: before - (IMAGINE_PRICE ?? Number.NaN), reserved: 0 });
  });
});
