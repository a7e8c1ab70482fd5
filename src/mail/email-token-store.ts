import { createHash, randomBytes } from 'node:crypto';
import { GatewayError } from '../ir/index.js';
import type { Store } from '../store/database.js';
import type { EmailTokenKind } from '../store/schema.js';

/** How long a link stays valid: a day to verify an address, half an hour to reset a password. */
export const EMAIL_TOKEN_TTL_MS: Record<EmailTokenKind, number> = {
  verify: 24 * 60 * 60_000,
  reset: 30 * 60_000,
};

const TOKEN_BYTES = 32;

/** SHA-256 (hex) of a token: what the table holds, so a leaked table opens no account. */
export function hashEmailToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * The single-use, expiring tokens sent in verification and reset links. A token is 32 random
 * bytes (base64url); only its hash is stored. Using one is one conditional UPDATE (unused, not
 * expired, of the right kind), so two clicks racing cannot both succeed.
 */
export class EmailTokenStore {
  constructor(
    private readonly store: Store,
    private readonly options: { now: () => number; newId: (prefix: string) => string },
  ) {}

  /**
   * A new token for the user. A new reset token retires the user's older unused reset tokens:
   * only the latest email's link works.
   */
  async issue(userId: string, kind: EmailTokenKind): Promise<string> {
    const token = randomBytes(TOKEN_BYTES).toString('base64url');
    const at = this.options.now();
    await this.store.db.transaction().execute(async (trx) => {
      if (kind === 'reset') {
        await trx
          .updateTable('email_tokens')
          .set({ used_at: at })
          .where('user_id', '=', userId)
          .where('kind', '=', 'reset')
          .where('used_at', 'is', null)
          .execute();
      }
      await trx
        .insertInto('email_tokens')
        .values({
          id: this.options.newId('etk'),
          kind,
          user_id: userId,
          token_hash: hashEmailToken(token),
          expires_at: at + EMAIL_TOKEN_TTL_MS[kind],
          used_at: null,
          created_at: at,
        })
        .execute();
    });
    return token;
  }

  /** Marks the token used and returns its user; a 400 `invalid_token` when unknown, used, expired or of another kind. */
  async consume(token: string, kind: EmailTokenKind): Promise<string> {
    const at = this.options.now();
    const tokenHash = hashEmailToken(token);
    const result = await this.store.db
      .updateTable('email_tokens')
      .set({ used_at: at })
      .where('token_hash', '=', tokenHash)
      .where('kind', '=', kind)
      .where('used_at', 'is', null)
      .where('expires_at', '>', at)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw invalidToken();
    const row = await this.store.db
      .selectFrom('email_tokens')
      .select('user_id')
      .where('token_hash', '=', tokenHash)
      .executeTakeFirstOrThrow();
    return row.user_id;
  }

  /** Deletes tokens past their expiry (housekeeping; used or not, they can do nothing). */
  async purgeExpired(): Promise<void> {
    await this.store.db.deleteFrom('email_tokens').where('expires_at', '<=', this.options.now()).execute();
  }
}

export function invalidToken(): GatewayError {
  return new GatewayError({
    kind: 'invalid_request',
    code: 'invalid_token',
    param: 'token',
    message: 'This link is invalid, already used or expired. Ask for a new one.',
  });
}
