/**
 * The overdraw run of issue 11, shared by the single-server test (SQLite) and the three-replica
 * one (PostgreSQL + Redis): 500 concurrent requests with adversarial prompts ("a1" repeated, CJK,
 * emoji, a long tool schema), with `max_tokens: 1` and without max_tokens, streamed and not,
 * against one account with $0.01 (and an overdraft) and one key with a quota of 10,000 units,
 * while the upstream counts usage honestly (o200k) or bills the most it could (`maximum`).
 * Afterwards: no balance below −overdraft, no key past its quota, no hold left, no overrun
 * recorded, and the ledger reconciles.
 */
import { expect } from 'vitest';
import type { Emulator } from '../emulators/types.js';
import type { UsageCounting } from '../emulators/usage-counting.js';
import { asAdmin, createKey, register, type Session, type Target, withKey } from './platform-client.js';

export const OVERDRAFT = 2_000;
export const POOR_BALANCE = 10_000; // $0.01
export const KEY_QUOTA = 10_000;
const TRIAL_CREDIT = 200_000; // the default $0.20
const REQUESTS = 500;
const MODEL = 'gpt-4.1-mini';

const toolSchema = {
  type: 'object',
  properties: Object.fromEntries(
    Array.from({ length: 300 }, (_, i) => [`field_${i}`, { type: 'string', description: '字段说明 a1a1 😀' }]),
  ),
};

/** The prompts of issue 11: each is far more tokens than characters / 2.5. */
const PROMPTS: Array<{ content: string; tools?: unknown[] }> = [
  { content: 'a1'.repeat(4_000) },
  { content: '漢字测试中文'.repeat(1_500) },
  { content: '😀🎉👍'.repeat(1_000) },
  {
    content: 'Fill in the form.',
    tools: [{ type: 'function', function: { name: 'fill_form', description: 'Fill it.', parameters: toolSchema } }],
  },
];

export interface OverdrawAccounts {
  /** $0.01 left, no key quota. */
  poor: { session: Session; key: string };
  /** Plenty of money, a key with a quota of 10,000 units. */
  quota: { session: Session; key: string };
}

/** Sets the overdraft (call on the first server before others start, so they all load it). */
export async function setOverdraft(target: Target): Promise<void> {
  const reply = await asAdmin(target, 'PATCH', '/api/admin/settings', { overdraft: OVERDRAFT });
  expect(reply.status).toBe(200);
}

export async function createAccounts(target: Target, label: string): Promise<OverdrawAccounts> {
  const poorSession = await register(target, `poor-${label}@example.com`);
  const adjust = await asAdmin(target, 'POST', `/api/admin/users/${poorSession.userId}/adjust`, {
    amount: POOR_BALANCE - TRIAL_CREDIT,
    reason: 'test: $0.01 left',
  });
  expect(adjust.status).toBe(200);
  const quotaSession = await register(target, `quota-${label}@example.com`);
  const topUp = await asAdmin(target, 'POST', `/api/admin/users/${quotaSession.userId}/adjust`, {
    amount: 100_000_000,
    reason: 'test: plenty',
  });
  expect(topUp.status).toBe(200);
  return {
    poor: { session: poorSession, key: (await createKey(target, poorSession)).key },
    quota: { session: quotaSession, key: (await createKey(target, quotaSession, { quota: KEY_QUOTA })).key },
  };
}

function body(i: number): Record<string, unknown> {
  const prompt = PROMPTS[i % PROMPTS.length] as (typeof PROMPTS)[number];
  const stream = Math.floor(i / 8) % 2 === 1;
  return {
    model: MODEL,
    messages: [{ role: 'user', content: prompt.content }],
    ...(prompt.tools ? { tools: prompt.tools } : {}),
    ...(Math.floor(i / 4) % 2 === 1 ? { max_tokens: 1 } : {}),
    ...(stream ? { stream: true } : {}),
  };
}

/** Sends the 500 requests at once, round-robin over `targets`; answers each request's status. */
export async function runBurst(
  targets: Target[],
  accounts: OverdrawAccounts,
  upstream: Emulator,
  counting: UsageCounting,
): Promise<number[]> {
  // 150 ms upstream: every request is in flight before the first one settles.
  upstream.setScript({ usageCounting: counting, headersDelayMs: 150 });
  try {
    return await Promise.all(
      Array.from({ length: REQUESTS }, (_, i) => {
        const target = targets[i % targets.length] as Target;
        const key = i % 2 === 0 ? accounts.poor.key : accounts.quota.key;
        return fetch(`${target.origin}/v1/chat/completions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: JSON.stringify(body(i)),
        }).then(async (response) => {
          await response.arrayBuffer();
          return response.status;
        });
      }),
    );
  } finally {
    upstream.setScript(undefined);
  }
}

interface Spend {
  balance: number;
  reserved: number;
  key: { used: number; reserved: number; quota: number | null };
}

async function spendOf(target: Target, key: string): Promise<Spend> {
  const reply = await withKey(target, key, 'GET', '/api/balance');
  expect(reply.status).toBe(200);
  return reply.json as Spend;
}

/** The spend once every settlement has landed (a response may end just before its settlement). */
async function settledSpend(target: Target, key: string): Promise<Spend> {
  let spend = await spendOf(target, key);
  for (let i = 0; i < 100 && (spend.reserved !== 0 || spend.key.reserved !== 0); i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    spend = await spendOf(target, key);
  }
  return spend;
}

/** The guarantees, checked after a burst; answers the final spend for the test to report. */
export async function expectNoOverdraw(
  target: Target,
  accounts: OverdrawAccounts,
  statuses: number[],
): Promise<{ poor: Spend; quota: Spend }> {
  expect(statuses.filter((status) => ![200, 402, 429].includes(status))).toEqual([]);
  const poorStatuses = statuses.filter((_, i) => i % 2 === 0);
  const quotaStatuses = statuses.filter((_, i) => i % 2 === 1);
  // Some of each account's requests ran, and the money or the quota refused the rest.
  expect(poorStatuses.filter((status) => status === 200).length).toBeGreaterThan(0);
  expect(poorStatuses.filter((status) => status === 402).length).toBeGreaterThan(0);
  expect(quotaStatuses.filter((status) => status === 200).length).toBeGreaterThan(0);
  expect(quotaStatuses.filter((status) => status === 429).length).toBeGreaterThan(0);

  const poor = await settledSpend(target, accounts.poor.key);
  const quota = await settledSpend(target, accounts.quota.key);
  expect(poor.reserved).toBe(0);
  expect(poor.balance).toBeGreaterThanOrEqual(-OVERDRAFT);
  expect(quota.key.reserved).toBe(0);
  expect(quota.key.used).toBeLessThanOrEqual(KEY_QUOTA);
  // The hold bounded every charge: no vendor usage went beyond it.
  for (const account of [accounts.poor, accounts.quota]) {
    const overruns = await asAdmin(target, 'GET', `/api/admin/billing/overruns?userId=${account.session.userId}`);
    expect(overruns.status).toBe(200);
    expect(overruns.json.data).toEqual([]);
  }
  return { poor, quota };
}
