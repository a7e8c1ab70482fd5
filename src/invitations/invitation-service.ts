/**
 * Invitations: every user has an invite code; a visitor who registers with it is recorded as
 * invited by its owner; and the invitee's FIRST credited payment order (not sign-up, not a
 * redemption code or an admin grant, so fresh accounts cannot farm it) credits the inviter the
 * operator's reward (site-settings.ts `inviteReward`), as an `invite_reward` ledger entry.
 *
 * Exactly once: the reward is claimed inside the payment's own credit transaction by a
 * conditional UPDATE of the invitee's `invitations` row (`rewarded_at IS NULL`), which only one
 * of any number of concurrent credits can win (PostgreSQL re-checks the WHERE after the row lock;
 * SQLite runs writers one at a time). The ledger entry's reference is the invitee's id, unique
 * per kind, as a second guard. The reward is decided at the first payment: if it is 0 then (the
 * feature off), later payments earn nothing either.
 */
import type { Transaction } from 'kysely';
import { appendLedgerEntry } from '../billing/ledger-write.js';
import { randomBase62 } from '../platform/ids.js';
import type { InviteReward } from '../platform/site-settings.js';
import type { Store } from '../store/database.js';
import type { Database } from '../store/schema.js';

/** Long enough that codes cannot be enumerated by guessing, short enough to read out. */
const CODE_LENGTH = 10;

export interface InviteSummary {
  code: string;
  /** Users who registered with the code. */
  invitees: number;
  /** Of those, how many have paid (and so earned the inviter a reward, when one was set). */
  paidInvitees: number;
  /** Units credited as invite rewards, in total. */
  rewardsEarned: number;
}

/** The part of a credited order the reward needs. */
export interface CreditedPayment {
  id: string;
  userId: string;
  creditAmount: number;
  bonusAmount: number;
}

export interface InvitationServiceOptions {
  now: () => number;
  newId: (prefix: string) => string;
  reward: () => InviteReward;
}

export class InvitationService {
  constructor(
    private readonly store: Store,
    private readonly options: InvitationServiceOptions,
  ) {}

  /** The user's code, made on first request (two concurrent first requests agree on one). */
  async codeFor(userId: string): Promise<string> {
    const existing = await this.findCode(userId);
    if (existing) return existing;
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await this.store.db
          .insertInto('invite_codes')
          .values({ user_id: userId, code: randomBase62(CODE_LENGTH), created_at: this.options.now() })
          .onConflict((oc) => oc.column('user_id').doNothing())
          .execute();
      } catch {
        // The random code collided with another user's (unique index): try another.
        continue;
      }
      const made = await this.findCode(userId);
      if (made) return made;
    }
    throw new Error(`Could not make an invite code for ${userId}.`);
  }

  /**
   * Records that `inviteeId` registered with `code`. An unknown code, the user's own code, or a
   * user already invited is ignored (registration never fails over an invite code).
   */
  async recordInvite(inviteeId: string, code: string | undefined): Promise<boolean> {
    const trimmed = code?.trim();
    if (!trimmed || trimmed.length > 64) return false;
    const owner = await this.store.db
      .selectFrom('invite_codes')
      .select('user_id')
      .where('code', '=', trimmed)
      .executeTakeFirst();
    if (!owner || owner.user_id === inviteeId) return false;
    const result = await this.store.db
      .insertInto('invitations')
      .values({
        invitee_id: inviteeId,
        inviter_id: owner.user_id,
        created_at: this.options.now(),
        rewarded_at: null,
        reward_amount: null,
      })
      .onConflict((oc) => oc.column('invitee_id').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
  }

  async summary(userId: string): Promise<InviteSummary> {
    const code = await this.codeFor(userId);
    const counts = await this.store.db
      .selectFrom('invitations')
      .select((eb) => [eb.fn.countAll<number>().as('invitees'), eb.fn.count<number>('rewarded_at').as('paid')])
      .where('inviter_id', '=', userId)
      .executeTakeFirstOrThrow();
    const rewards = await this.store.db
      .selectFrom('ledger_entries')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount'), eb.lit(0)).as('total'))
      .where('user_id', '=', userId)
      .where('kind', '=', 'invite_reward')
      .executeTakeFirstOrThrow();
    return {
      code,
      invitees: Number(counts.invitees),
      paidInvitees: Number(counts.paid),
      rewardsEarned: Number(rewards.total),
    };
  }

  /**
   * Inside the transaction that credits `payment`: if its payer was invited and this is their
   * first credited payment, claim the reward and credit it to the inviter. Returns the units
   * credited (0 when nothing was due).
   */
  async rewardFirstPayment(trx: Transaction<Database>, payment: CreditedPayment): Promise<number> {
    const amount = rewardFor(this.options.reward(), payment.creditAmount - payment.bonusAmount);
    const now = this.options.now();
    const claimed = await trx
      .updateTable('invitations')
      .set({ rewarded_at: now, reward_amount: amount })
      .where('invitee_id', '=', payment.userId)
      .where('rewarded_at', 'is', null)
      .returning('inviter_id')
      .executeTakeFirst();
    if (!claimed || amount <= 0) return 0;
    // An inviter whose account is gone gets nothing; the payment itself must still go through.
    const inviter = await trx.selectFrom('users').select('id').where('id', '=', claimed.inviter_id).executeTakeFirst();
    if (!inviter) return 0;
    await appendLedgerEntry(trx, {
      id: this.options.newId('led'),
      userId: inviter.id,
      amount,
      kind: 'invite_reward',
      reason: { code: 'invite_reward', params: { amount } },
      reference: payment.userId,
      createdAt: now,
    });
    return amount;
  }

  private async findCode(userId: string): Promise<string | undefined> {
    const row = await this.store.db
      .selectFrom('invite_codes')
      .select('code')
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row?.code;
  }
}

/** `fixedUnits` + `percent`% of the units paid for, rounded down. */
export function rewardFor(reward: InviteReward, paidUnits: number): number {
  const share = Math.floor((Math.max(0, paidUnits) * reward.percent) / 100);
  return reward.fixedUnits + share;
}
