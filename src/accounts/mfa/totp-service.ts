import type { Transaction } from 'kysely';
import type { SecretBox } from '../../channels/secret-box.js';
import type { Store } from '../../store/database.js';
import type { Database } from '../../store/schema.js';
import { verifyPassword } from '../password.js';
import { hashBackupCode, looksLikeBackupCode, newBackupCodes } from './backup-codes.js';
import { invalidMfaCode, mfaAlreadyEnabled, mfaNotEnabled } from './mfa-errors.js';
import { matchTotpStep, newTotpSecret, totpUri } from './totp.js';

export interface TotpStatus {
  enabled: boolean;
  backupCodesRemaining: number;
}

export interface TotpServiceOptions {
  now: () => number;
  /** Shown by authenticator apps beside the account (default `AIHub`). */
  issuer?: string;
}

/** Which kind of code was accepted. */
export type SecondFactorMethod = 'totp' | 'backup_code';

/**
 * A user's authenticator app and backup codes. The secret is encrypted at rest; enrolment is
 * confirmed by a first code; each accepted code moves `last_used_step` forward in one conditional
 * update, so a code (or an older one) cannot be used twice, even by two requests at once.
 */
export class TotpService {
  constructor(
    private readonly store: Store,
    private readonly box: SecretBox,
    private readonly options: TotpServiceOptions,
  ) {}

  async status(userId: string): Promise<TotpStatus> {
    const enabled = await this.isEnabled(userId);
    if (!enabled) return { enabled, backupCodesRemaining: 0 };
    const row = await this.store.db
      .selectFrom('mfa_backup_codes')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('user_id', '=', userId)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return { enabled, backupCodesRemaining: Number(row?.count ?? 0) };
  }

  async isEnabled(userId: string): Promise<boolean> {
    const row = await this.store.db
      .selectFrom('mfa_totp')
      .select('enabled_at')
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row?.enabled_at != null;
  }

  /** Starts (or restarts) enrolment: a new secret, pending until `confirm`. */
  async begin(userId: string, account: string): Promise<{ secret: string; otpauthUri: string }> {
    if (await this.isEnabled(userId)) throw mfaAlreadyEnabled();
    const secret = newTotpSecret();
    const encrypted = this.box.encrypt(secret);
    const at = this.options.now();
    await this.store.db
      .insertInto('mfa_totp')
      .values({ user_id: userId, secret_encrypted: encrypted, enabled_at: null, last_used_step: null, created_at: at })
      .onConflict((oc) =>
        oc
          .column('user_id')
          .doUpdateSet({ secret_encrypted: encrypted, last_used_step: null, created_at: at })
          .where('mfa_totp.enabled_at', 'is', null),
      )
      .execute();
    return { secret, otpauthUri: totpUri(secret, account, this.options.issuer ?? 'AIHub') };
  }

  /** Turns 2FA on with the first code from the app; returns the backup codes (shown once). */
  async confirm(userId: string, code: string): Promise<string[]> {
    const row = await this.row(userId);
    if (!row) throw mfaNotEnabled();
    if (row.enabled_at != null) throw mfaAlreadyEnabled();
    const step = matchTotpStep(this.box.decrypt(row.secret_encrypted), code, this.options.now());
    if (step === undefined) throw invalidMfaCode();
    const at = this.options.now();
    const codes = newBackupCodes();
    await this.store.db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('mfa_totp')
        .set({ enabled_at: at, last_used_step: step })
        .where('user_id', '=', userId)
        .where('enabled_at', 'is', null)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) throw mfaAlreadyEnabled();
      await replaceBackupCodes(trx, userId, codes, at);
    });
    return codes;
  }

  /**
   * Accepts a current app code or an unused backup code, once. Throws `invalid_mfa_code`
   * otherwise (also when 2FA is off: nothing to check against).
   */
  async verify(userId: string, code: string): Promise<SecondFactorMethod> {
    const row = await this.row(userId);
    if (!row || row.enabled_at == null) throw invalidMfaCode();
    if (looksLikeBackupCode(code)) {
      const used = await this.store.db
        .updateTable('mfa_backup_codes')
        .set({ used_at: this.options.now() })
        .where('user_id', '=', userId)
        .where('code_hash', '=', hashBackupCode(code))
        .where('used_at', 'is', null)
        .executeTakeFirst();
      if (Number(used.numUpdatedRows) !== 1) throw invalidMfaCode();
      return 'backup_code';
    }
    const step = matchTotpStep(this.box.decrypt(row.secret_encrypted), code, this.options.now());
    if (step === undefined) throw invalidMfaCode();
    const moved = await this.store.db
      .updateTable('mfa_totp')
      .set({ last_used_step: step })
      .where('user_id', '=', userId)
      .where((eb) => eb.or([eb('last_used_step', 'is', null), eb('last_used_step', '<', step)]))
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1) throw invalidMfaCode();
    return 'totp';
  }

  /** New backup codes (the old ones stop working), after a valid code. */
  async regenerateBackupCodes(userId: string, code: string): Promise<string[]> {
    await this.verify(userId, code);
    const codes = newBackupCodes();
    await this.store.db.transaction().execute((trx) => replaceBackupCodes(trx, userId, codes, this.options.now()));
    return codes;
  }

  /** Turns 2FA off, after a valid code or the account's password. */
  async disable(userId: string, proof: { code?: string | undefined; password?: string | undefined }): Promise<void> {
    if (!(await this.isEnabled(userId))) throw mfaNotEnabled();
    if (proof.code) await this.verify(userId, proof.code);
    else if (!(await this.passwordMatches(userId, proof.password ?? ''))) throw invalidMfaCode();
    await this.store.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('mfa_backup_codes').where('user_id', '=', userId).execute();
      await trx.deleteFrom('mfa_totp').where('user_id', '=', userId).execute();
    });
  }

  private async passwordMatches(userId: string, password: string): Promise<boolean> {
    if (!password) return false;
    const user = await this.store.db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', userId)
      .executeTakeFirst();
    return verifyPassword(user?.password_hash, password);
  }

  private row(userId: string) {
    return this.store.db.selectFrom('mfa_totp').selectAll().where('user_id', '=', userId).executeTakeFirst();
  }
}

async function replaceBackupCodes(
  trx: Transaction<Database>,
  userId: string,
  codes: string[],
  at: number,
): Promise<void> {
  await trx.deleteFrom('mfa_backup_codes').where('user_id', '=', userId).execute();
  await trx
    .insertInto('mfa_backup_codes')
    .values(codes.map((code) => ({ user_id: userId, code_hash: hashBackupCode(code), used_at: null, created_at: at })))
    .execute();
}
