import { GatewayError } from '../../ir/index.js';
import type { SettingsService } from '../../platform/settings.js';
import type { Store } from '../../store/database.js';
import { isUniqueViolation } from '../db-errors.js';
import { grantTrialOnce } from '../trial-grants.js';
import { cleanDisplayName } from '../user-fields.js';
import { OAuthError } from './oauth-errors.js';
import type { OAuthProfile } from './oauth-types.js';

export interface LinkedIdentity {
  id: string;
  provider: string;
  email: string | null;
  displayName: string | null;
  createdAt: number;
}

export interface SignInOutcome {
  userId: string;
  /** A new account was made (with `trialCredit` units, 0 when this person had a trial before). */
  created: boolean;
  trialCredit: number;
  /** An identity was linked to the signed-in user. */
  linked: boolean;
}

/**
 * Provider identities and the accounts behind them. A known identity signs its user in; a new one
 * is linked when the signed-in user asked to link, or else becomes a new account (no password)
 * with the trial credit, once per person. An identity is never attached to an existing account
 * by a matching email: whoever controls a provider account with that email would take it over.
 */
export class IdentityService {
  constructor(
    private readonly store: Store,
    private readonly settings: SettingsService,
    private readonly options: { now: () => number; newId: (prefix: string) => string },
  ) {}

  /**
   * `beforeCreate` runs only when a new account is about to be made (the sign-up limit per address):
   * signing in to an existing account is not a sign-up.
   */
  async signIn(
    provider: string,
    profile: OAuthProfile,
    linkUserId: string | null,
    beforeCreate?: () => Promise<void>,
  ): Promise<SignInOutcome> {
    const known = await this.store.db
      .selectFrom('user_identities')
      .innerJoin('users', 'users.id', 'user_identities.user_id')
      .select(['users.id as userId', 'users.status as status'])
      .where('user_identities.provider', '=', provider)
      .where('user_identities.subject', '=', profile.subject)
      .executeTakeFirst();
    if (linkUserId) {
      if (known && known.userId !== linkUserId) {
        throw new OAuthError('identity_in_use', 'That provider account is linked to another account.');
      }
      if (!known) await this.insertIdentity(this.store.db, provider, profile, linkUserId);
      return { userId: linkUserId, created: false, trialCredit: 0, linked: true };
    }
    if (known) {
      if (known.status !== 'active') throw new OAuthError('account_disabled', 'This account is disabled.');
      return { userId: known.userId, created: false, trialCredit: 0, linked: false };
    }
    if (!this.settings.value.registrationEnabled)
      throw new OAuthError('registration_disabled', 'Registration is closed.');
    await beforeCreate?.();
    return this.createAccount(provider, profile);
  }

  async list(userId: string): Promise<LinkedIdentity[]> {
    const rows = await this.store.db
      .selectFrom('user_identities')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map((row) => ({
      id: row.id,
      provider: row.provider,
      email: row.email,
      displayName: row.display_name,
      createdAt: Number(row.created_at),
    }));
  }

  /** Unlinks one of the user's identities; refused when it is their last way in (no password). */
  async unlink(userId: string, identityId: string): Promise<void> {
    await this.store.db.transaction().execute(async (trx) => {
      const user = await trx.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirst();
      const identities = await trx.selectFrom('user_identities').select('id').where('user_id', '=', userId).execute();
      if (!user || !identities.some((identity) => identity.id === identityId)) {
        throw new GatewayError({ kind: 'not_found', code: 'identity_not_found', message: 'No such linked account.' });
      }
      if (user.password_hash === null && identities.length === 1) {
        throw new GatewayError({
          kind: 'invalid_request',
          code: 'last_sign_in_method',
          message: 'This is your only way to sign in: set a password or link another account first.',
        });
      }
      await trx.deleteFrom('user_identities').where('id', '=', identityId).where('user_id', '=', userId).execute();
    });
  }

  private async createAccount(provider: string, profile: OAuthProfile): Promise<SignInOutcome> {
    const { registrationEnabled, trialCredit, defaultGroup } = this.settings.value;
    if (!registrationEnabled) throw new OAuthError('registration_disabled', 'Registration is closed.');
    // Without a verified email from the provider the account gets a reserved address of its own
    // (`.invalid` never delivers): it is still unique, and says where the account came from.
    const email = profile.email?.trim().toLowerCase() ?? `${provider}.${profile.subject}@users.oauth.invalid`;
    const taken = await this.store.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
    if (taken) {
      throw new OAuthError(
        'email_in_use',
        'An account with this email exists: sign in, then link from the account page.',
      );
    }
    const id = this.options.newId('usr');
    const at = this.options.now();
    let granted = 0;
    try {
      await this.store.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('users')
          .values({
            id,
            email,
            password_hash: null,
            display_name: cleanDisplayName(profile.displayName?.slice(0, 100) ?? null),
            role: 'user',
            group_name: defaultGroup,
            status: 'active',
            balance: 0,
            reserved: 0,
            created_at: at,
            updated_at: at,
          })
          .execute();
        await this.insertIdentity(trx, provider, profile, id);
        const claimant = { email: profile.email, identity: { provider, subject: profile.subject } };
        granted = await grantTrialOnce(trx, {
          claimant,
          userId: id,
          amount: trialCredit,
          at,
          entryId: this.options.newId('led'),
        });
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new OAuthError('email_in_use', 'An account with this email or identity was just made.', { cause: error });
      }
      throw error;
    }
    return { userId: id, created: true, trialCredit: granted, linked: false };
  }

  private async insertIdentity(
    db: Store['db'],
    provider: string,
    profile: OAuthProfile,
    userId: string,
  ): Promise<void> {
    try {
      await db
        .insertInto('user_identities')
        .values({
          id: this.options.newId('idn'),
          provider,
          subject: profile.subject,
          user_id: userId,
          email: profile.email,
          display_name: profile.displayName?.slice(0, 200) ?? null,
          created_at: this.options.now(),
        })
        .execute();
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new OAuthError('identity_in_use', 'That provider account is linked to another account.', {
          cause: error,
        });
      }
      throw error;
    }
  }
}
