import type { Store } from '../store/database.js';

/** A pause of sign-ins to an account from unfamiliar addresses, as told to its owner. */
export interface LoginLockout {
  id: string;
  startedAt: number;
  endsAt: number;
  failedAttempts: number;
}

/** How long a successful sign-in keeps its address familiar to the account. */
export const FAMILIAR_ADDRESS_DAYS = 90;

/** The addresses each account signs in from, and the pauses its owner has not yet seen (migration 0008). */
export class LoginSecurityStore {
  constructor(
    private readonly store: Store,
    private readonly options: { now: () => number; newId: (prefix: string) => string },
  ) {}

  /** Whether the account with this email signed in successfully from `address` in the last 90 days. */
  async isFamiliar(email: string, address: string): Promise<boolean> {
    const row = await this.store.db
      .selectFrom('login_addresses')
      .innerJoin('users', 'users.id', 'login_addresses.user_id')
      .select('login_addresses.last_login_at')
      .where('users.email', '=', normaliseEmail(email))
      .where('login_addresses.address', '=', address)
      .where('login_addresses.last_login_at', '>', this.options.now() - FAMILIAR_ADDRESS_DAYS * 86_400_000)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Remembers a successful sign-in, and forgets this account's addresses unused for 90 days. */
  async rememberSignIn(userId: string, address: string): Promise<void> {
    const at = this.options.now();
    await this.store.db
      .insertInto('login_addresses')
      .values({ user_id: userId, address, last_login_at: at })
      .onConflict((conflict) => conflict.columns(['user_id', 'address']).doUpdateSet({ last_login_at: at }))
      .execute();
    await this.store.db
      .deleteFrom('login_addresses')
      .where('user_id', '=', userId)
      .where('last_login_at', '<=', at - FAMILIAR_ADDRESS_DAYS * 86_400_000)
      .execute();
  }

  /** Records a pause for the account with this email, if there is one (unknown emails leave no trace). */
  async recordLockout(email: string, endsAt: number, failedAttempts: number): Promise<void> {
    const user = await this.store.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', normaliseEmail(email))
      .executeTakeFirst();
    if (!user) return;
    await this.store.db
      .insertInto('login_lockouts')
      .values({
        id: this.options.newId('lck'),
        user_id: user.id,
        started_at: this.options.now(),
        ends_at: endsAt,
        failed_attempts: failedAttempts,
        acknowledged_at: null,
      })
      .execute();
  }

  /** The pauses the owner has not acknowledged, newest first (at most 20). */
  async unacknowledged(userId: string): Promise<LoginLockout[]> {
    const rows = await this.store.db
      .selectFrom('login_lockouts')
      .select(['id', 'started_at', 'ends_at', 'failed_attempts'])
      .where('user_id', '=', userId)
      .where('acknowledged_at', 'is', null)
      .orderBy('started_at', 'desc')
      .limit(20)
      .execute();
    return rows.map((row) => ({
      id: row.id,
      startedAt: Number(row.started_at),
      endsAt: Number(row.ends_at),
      failedAttempts: row.failed_attempts,
    }));
  }

  async acknowledge(userId: string): Promise<void> {
    await this.store.db
      .updateTable('login_lockouts')
      .set({ acknowledged_at: this.options.now() })
      .where('user_id', '=', userId)
      .where('acknowledged_at', 'is', null)
      .execute();
  }
}

function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
