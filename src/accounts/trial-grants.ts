import type { Kysely, Transaction } from 'kysely';
import { appendLedgerEntry } from '../billing/ledger-write.js';
import type { Database } from '../store/schema.js';
import { trialEmailKey } from './trial-email.js';

/** What identifies a person for the trial-once rule: their email and/or a provider identity. */
export interface TrialClaimant {
  email?: string | null;
  identity?: { provider: string; subject: string };
}

export function trialGrantKeys(claimant: TrialClaimant): string[] {
  const keys: string[] = [];
  if (claimant.email) keys.push(`email:${trialEmailKey(claimant.email)}`);
  if (claimant.identity) keys.push(`identity:${claimant.identity.provider}:${claimant.identity.subject}`);
  return keys;
}

/**
 * Records the claimant's keys for `userId` and answers whether the trial is theirs: only when
 * none of the keys was recorded before. Runs inside the account's transaction; the primary key
 * decides between two sign-ups racing with the same email. A claimant with no key gets none.
 */
export async function claimTrial(
  db: Kysely<Database>,
  claimant: TrialClaimant,
  userId: string,
  at: number,
): Promise<boolean> {
  const keys = trialGrantKeys(claimant);
  if (keys.length === 0) return false;
  let allNew = true;
  for (const key of keys) {
    const result = await db
      .insertInto('trial_grants')
      .values({ grant_key: key, user_id: userId, created_at: at })
      .onConflict((oc) => oc.column('grant_key').doNothing())
      .executeTakeFirst();
    if (Number(result.numInsertedOrUpdatedRows ?? 0) === 0) allNew = false;
  }
  return allNew;
}

/**
 * Credits the trial to a new or newly verified account, once per person (claimTrial), with its
 * ledger entry, inside the caller's transaction. Answers the units granted (0 when none was due).
 */
export async function grantTrialOnce(
  trx: Transaction<Database>,
  input: { claimant: TrialClaimant; userId: string; amount: number; at: number; entryId: string },
): Promise<number> {
  if (input.amount <= 0 || !(await claimTrial(trx, input.claimant, input.userId, input.at))) return 0;
  await appendLedgerEntry(trx, {
    id: input.entryId,
    userId: input.userId,
    amount: input.amount,
    kind: 'trial',
    reason: { code: 'trial', params: {} },
    reference: input.userId,
    createdAt: input.at,
  });
  return input.amount;
}
