import { timingSafeEqual } from 'node:crypto';
import { type ExpressionBuilder, sql, type Updateable } from 'kysely';
import { GatewayError } from '../ir/index.js';
import type { SettingsService } from '../platform/settings.js';
import type { Store } from '../store/database.js';
import type { Database, UserRole, UserStatus, UsersTable } from '../store/schema.js';
import { accountDisabled, emailTaken, userNotFound } from './account-errors.js';
import { hashApiKey } from './api-key-format.js';
import { isUniqueViolation } from './db-errors.js';
import { normalizeEmail } from './email.js';
import { hashPassword, verifyPassword } from './password.js';
import { grantTrialOnce } from './trial-grants.js';
import { cleanDisplayName, cleanGroup } from './user-fields.js';
import { BOOTSTRAP_ADMIN_EMAIL, BOOTSTRAP_ADMIN_ID, toUser, type User } from './user-record.js';

export interface UserServiceOptions {
  now: () => number;
  newId: (prefix: string) => string;
  /**
   * SHA-256 (hex) of AIHUB_ADMIN_KEY. The bootstrap administrator may sign in to the console with
   * it as the password: it already grants everything through the API, so accepting it gives
   * nothing away, and a fresh install has a way into its own console without a curl first.
   */
  bootstrapAdminKeyHash?: string;
}

export interface UserListFilter {
  /** Email substring (case-insensitive) or an exact user id. */
  query?: string;
  role?: UserRole;
  status?: UserStatus;
  limit?: number;
  offset?: number;
}

export interface UserPatch {
  role?: UserRole;
  status?: UserStatus;
  group?: string;
  displayName?: string | null;
  /** The user's own rate limits across all their keys; null = none. */
  rpmLimit?: number | null;
  tpmLimit?: number | null;
  concurrencyLimit?: number | null;
}

/** Why a user changed; listeners (key cache, session cache) drop what they hold for that user. */
export interface UserChange {
  userId: string;
  reason: 'updated' | 'password';
}

/** Accounts: registration (with the trial credit), look-ups, admin edits, passwords, the bootstrap admin. */
export class UserService {
  private readonly listeners = new Set<(change: UserChange) => void | Promise<void>>();

  constructor(
    private readonly store: Store,
    private readonly settings: SettingsService,
    private readonly options: UserServiceOptions,
  ) {}

  /**
   * Creates a user and credits the configured trial in ONE transaction, through the ledger, so
   * the balance always equals the sum of the ledger. 409 `email_taken` for a duplicate email.
   */
  async register(
    email: string,
    password: string,
    displayName?: string | null,
    options: { verified?: boolean } = {},
  ): Promise<{ user: User; trialCredit: number }> {
    // Unverified (the operator requires email verification): the trial waits for the link (markEmailVerified).
    const verified = options.verified ?? true;
    const { registrationEnabled, trialCredit, defaultGroup } = this.settings.value;
    if (!registrationEnabled) {
      throw new GatewayError({ kind: 'permission', message: 'Registration is closed.', code: 'registration_disabled' });
    }
    const normalized = normalizeEmail(email);
    if (await this.findByEmail(normalized)) throw emailTaken();
    const passwordHash = await hashPassword(password);
    const id = this.options.newId('usr');
    const at = this.options.now();
    let granted = 0;
    try {
      await this.store.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('users')
          .values({
            id,
            email: normalized,
            password_hash: passwordHash,
            display_name: cleanDisplayName(displayName),
            role: 'user',
            group_name: defaultGroup,
            status: 'active',
            balance: 0,
            reserved: 0,
            email_verified_at: verified ? at : null,
            created_at: at,
            updated_at: at,
          })
          .execute();
        // Once per person (an email alias of an account that had its trial gets none: trial-grants.ts),
        // and, where the operator requires it, only once the address is confirmed (markEmailVerified).
        if (verified) {
          granted = await grantTrialOnce(trx, {
            claimant: { email: normalized },
            userId: id,
            amount: trialCredit,
            at,
            entryId: this.options.newId('led'),
          });
        }
      });
    } catch (error) {
      // Two registrations of one email racing past the check above: the unique index decides.
      if (isUniqueViolation(error)) throw emailTaken();
      throw error;
    }
    return { user: await this.require(id), trialCredit: granted };
  }

  /**
   * Records that the user confirmed their email address and, the first time only (one
   * conditional UPDATE decides, in the ledger's transaction), credits the trial the operator
   * offers now. Returns the credit granted (0 when the address was already confirmed).
   */
  async markEmailVerified(userId: string): Promise<{ trialCredit: number }> {
    const { trialCredit } = this.settings.value;
    const at = this.options.now();
    const granted = await this.store.db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('users')
        .set({ email_verified_at: at, updated_at: at })
        .where('id', '=', userId)
        .where('email_verified_at', 'is', null)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return 0;
      const user = await trx.selectFrom('users').select('email').where('id', '=', userId).executeTakeFirstOrThrow();
      return grantTrialOnce(trx, {
        claimant: { email: user.email },
        userId,
        amount: trialCredit,
        at,
        entryId: this.options.newId('led'),
      });
    });
    if (granted > 0) await this.emit({ userId, reason: 'updated' });
    return { trialCredit: granted };
  }

  async get(userId: string): Promise<User | undefined> {
    const row = await this.store.db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
    return row ? toUser(row) : undefined;
  }

  /** Like get, but a 404 `user_not_found` when there is no such user. */
  async require(userId: string): Promise<User> {
    const user = await this.get(userId);
    if (!user) throw userNotFound();
    return user;
  }

  async findByEmail(email: string): Promise<User | undefined> {
    const row = await this.store.db
      .selectFrom('users')
      .selectAll()
      .where('email', '=', email.trim().toLowerCase())
      .executeTakeFirst();
    return row ? toUser(row) : undefined;
  }

  /**
   * The user behind an email and password. Unknown email and wrong password give the same 401
   * (and take the same time), so the answer does not reveal which emails have accounts.
   */
  async verifyCredentials(email: string, password: string): Promise<User> {
    const row = await this.store.db
      .selectFrom('users')
      .selectAll()
      .where('email', '=', email.trim().toLowerCase())
      .executeTakeFirst();
    const passwordOk = await verifyPassword(row?.password_hash, password);
    if (!row || !(passwordOk || (row.id === BOOTSTRAP_ADMIN_ID && this.isAdminKey(password)))) {
      throw new GatewayError({
        kind: 'authentication',
        message: 'Incorrect email or password.',
        code: 'invalid_credentials',
      });
    }
    if (row.status !== 'active') throw accountDisabled();
    return toUser(row);
  }

  private isAdminKey(candidate: string): boolean {
    const expected = this.options.bootstrapAdminKeyHash;
    if (!expected) return false;
    const presented = Buffer.from(hashApiKey(candidate), 'hex');
    const known = Buffer.from(expected.toLowerCase(), 'hex');
    return presented.length === known.length && timingSafeEqual(presented, known);
  }

  /** Admin search, newest first, with the total matching count for pagination. */
  async list(filter: UserListFilter = {}): Promise<{ data: User[]; total: number }> {
    const limit = Math.min(Math.max(filter.limit ?? 50, 1), 200);
    const offset = Math.max(filter.offset ?? 0, 0);
    const where = (eb: ExpressionBuilder<Database, 'users'>) => {
      const conditions = [];
      const query = filter.query?.trim();
      if (query) {
        // Emails are stored lower-case; LIKE's wildcards are escaped so `a_b` means the literal text.
        const pattern = `%${query.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        conditions.push(eb.or([sql<boolean>`${eb.ref('email')} like ${pattern} escape '\\'`, eb('id', '=', query)]));
      }
      if (filter.role) conditions.push(eb('role', '=', filter.role));
      if (filter.status) conditions.push(eb('status', '=', filter.status));
      return eb.and(conditions);
    };
    const [rows, count] = await Promise.all([
      this.store.db
        .selectFrom('users')
        .selectAll()
        .where(where)
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .limit(limit)
        .offset(offset)
        .execute(),
      this.store.db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll().as('total'))
        .where(where)
        .executeTakeFirstOrThrow(),
    ]);
    return { data: rows.map(toUser), total: Number(count.total) };
  }

  /** Admin edit of role, status, group, display name. The bootstrap admin stays an active admin. */
  async update(userId: string, patch: UserPatch): Promise<User> {
    if (userId === BOOTSTRAP_ADMIN_ID && (patch.role === 'user' || patch.status === 'disabled')) {
      throw new GatewayError({
        kind: 'invalid_request',
        message: 'The bootstrap administrator cannot be demoted or disabled.',
        code: 'bootstrap_admin_locked',
      });
    }
    const values: Updateable<UsersTable> = {};
    if (patch.role !== undefined) values.role = patch.role;
    if (patch.status !== undefined) values.status = patch.status;
    if (patch.group !== undefined) values.group_name = cleanGroup(patch.group);
    if (patch.displayName !== undefined) values.display_name = cleanDisplayName(patch.displayName);
    if (patch.rpmLimit !== undefined) values.rpm_limit = patch.rpmLimit;
    if (patch.tpmLimit !== undefined) values.tpm_limit = patch.tpmLimit;
    if (patch.concurrencyLimit !== undefined) values.concurrency_limit = patch.concurrencyLimit;
    const result = await this.store.db
      .updateTable('users')
      .set({ ...values, updated_at: this.options.now() })
      .where('id', '=', userId)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw userNotFound();
    await this.emit({ userId, reason: 'updated' });
    return this.require(userId);
  }

  /**
   * The user changes their own password, proving the current one. Every other session of the
   * user ends (`keepSessionId` is the one making the change), in the same transaction.
   */
  async changePassword(userId: string, current: string, next: string, keepSessionId?: string): Promise<void> {
    const row = await this.store.db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', userId)
      .executeTakeFirst();
    if (!row) throw userNotFound();
    const currentOk =
      (await verifyPassword(row.password_hash, current)) || (userId === BOOTSTRAP_ADMIN_ID && this.isAdminKey(current));
    if (!currentOk) {
      throw new GatewayError({
        kind: 'invalid_request',
        message: 'The current password is not correct.',
        param: 'currentPassword',
        code: 'invalid_credentials',
      });
    }
    await this.writePassword(userId, await hashPassword(next, 'newPassword'), keepSessionId);
  }

  /** Admin reset (also how the bootstrap admin gets a console password); ends all the user's sessions. */
  async setPassword(userId: string, password: string): Promise<void> {
    const passwordHash = await hashPassword(password);
    await this.require(userId);
    await this.writePassword(userId, passwordHash);
  }

  /** Creates the bootstrap admin when missing. Idempotent and safe when replicas start together. */
  async ensureBootstrapAdmin(): Promise<User> {
    const at = this.options.now();
    await this.store.db
      .insertInto('users')
      .values({
        id: BOOTSTRAP_ADMIN_ID,
        email: BOOTSTRAP_ADMIN_EMAIL,
        password_hash: null,
        display_name: 'Administrator',
        role: 'admin',
        group_name: this.settings.value.defaultGroup,
        status: 'active',
        balance: 0,
        reserved: 0,
        email_verified_at: at,
        created_at: at,
        updated_at: at,
      })
      .onConflict((oc) => oc.doNothing())
      .execute();
    const admin = await this.get(BOOTSTRAP_ADMIN_ID);
    // Only possible if someone registered the reserved email before the first start.
    if (!admin) throw new Error(`Cannot create the bootstrap admin: ${BOOTSTRAP_ADMIN_EMAIL} belongs to another user.`);
    return admin;
  }

  /** Called (and awaited) after every change to a user, so caches are current when the call returns. */
  onChange(listener: (change: UserChange) => void | Promise<void>): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async writePassword(userId: string, passwordHash: string, keepSessionId?: string): Promise<void> {
    await this.store.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('users')
        .set({ password_hash: passwordHash, updated_at: this.options.now() })
        .where('id', '=', userId)
        .execute();
      let sessions = trx.deleteFrom('sessions').where('user_id', '=', userId);
      if (keepSessionId) sessions = sessions.where('id', '!=', keepSessionId);
      await sessions.execute();
    });
    await this.emit({ userId, reason: 'password' });
  }

  private async emit(change: UserChange): Promise<void> {
    for (const listener of this.listeners) await listener(change);
  }
}
