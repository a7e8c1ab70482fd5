import type {
  AuthenticationResponseJSON,
  AuthenticatorTransportFuture,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { Store } from '../../store/database.js';
import type { AuthChallenges } from './auth-challenges.js';
import { passkeyInvalid, passkeyNotFound } from './mfa-errors.js';
import type { RelyingParty } from './relying-party.js';
import { webAuthn } from './webauthn-library.js';

export const PASSKEY_CHALLENGE_TTL_MS = 5 * 60_000;
/** Enough for anyone's devices; bounds the rows one account can make. */
export const PASSKEYS_PER_USER = 20;

export interface Passkey {
  id: string;
  name: string;
  createdAt: number;
  lastUsedAt: number | null;
}

/**
 * Passkeys (WebAuthn, through @simplewebauthn/server): registration from the account page and
 * usernameless sign-in (discoverable credentials). Every ceremony's challenge is issued here,
 * stored hashed, expires in 5 minutes and is used up by the first response that presents it;
 * the signature counter must move forward (a cloned authenticator is refused) — the library
 * checks it against the stored counter, and we store the new one.
 */
export class PasskeyService {
  constructor(
    private readonly store: Store,
    private readonly challenges: AuthChallenges,
    private readonly now: () => number,
  ) {}

  async list(userId: string): Promise<Passkey[]> {
    const rows = await this.store.db
      .selectFrom('passkeys')
      .select(['id', 'name', 'created_at', 'last_used_at'])
      .where('user_id', '=', userId)
      .orderBy('created_at', 'asc')
      .execute();
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      createdAt: Number(row.created_at),
      lastUsedAt: row.last_used_at === null ? null : Number(row.last_used_at),
    }));
  }

  async registrationOptions(
    user: { id: string; email: string; displayName: string | null },
    rp: RelyingParty,
  ): Promise<PublicKeyCredentialCreationOptionsJSON> {
    const existing = await this.store.db
      .selectFrom('passkeys')
      .select(['id', 'transports'])
      .where('user_id', '=', user.id)
      .execute();
    if (existing.length >= PASSKEYS_PER_USER)
      throw passkeyInvalid(`At most ${PASSKEYS_PER_USER} passkeys per account.`);
    const { generateRegistrationOptions } = await webAuthn();
    const options = await generateRegistrationOptions({
      rpName: rp.name,
      rpID: rp.id,
      userName: user.email,
      userID: new TextEncoder().encode(user.id),
      userDisplayName: user.displayName ?? user.email,
      attestationType: 'none',
      excludeCredentials: existing.map((row) => ({ id: row.id, transports: parseTransports(row.transports) })),
      authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
      timeout: PASSKEY_CHALLENGE_TTL_MS,
    });
    await this.challenges.issue('passkey_register', user.id, PASSKEY_CHALLENGE_TTL_MS, options.challenge);
    return options;
  }

  async register(userId: string, name: string, response: RegistrationResponseJSON, rp: RelyingParty): Promise<Passkey> {
    const { verifyRegistrationResponse } = await webAuthn();
    const verification = await verifyRegistrationResponse({
      response,
      expectedChallenge: async (challenge) =>
        (await this.challenges.take('passkey_register', challenge))?.userId === userId,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: false,
    }).catch((error: unknown) => {
      throw passkeyInvalid(error instanceof Error ? error.message : undefined);
    });
    if (!verification.verified) throw passkeyInvalid();
    const { credential } = verification.registrationInfo;
    const at = this.now();
    const taken = await this.store.db
      .selectFrom('passkeys')
      .select('id')
      .where('id', '=', credential.id)
      .executeTakeFirst();
    if (taken) throw passkeyInvalid('This passkey is already registered.');
    await this.store.db
      .insertInto('passkeys')
      .values({
        id: credential.id,
        user_id: userId,
        name,
        public_key: Buffer.from(credential.publicKey).toString('base64url'),
        counter: credential.counter,
        transports: credential.transports ? JSON.stringify(credential.transports) : null,
        created_at: at,
        last_used_at: null,
      })
      .execute();
    return { id: credential.id, name, createdAt: at, lastUsedAt: null };
  }

  async remove(userId: string, id: string): Promise<void> {
    const deleted = await this.store.db
      .deleteFrom('passkeys')
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (Number(deleted.numDeletedRows) !== 1) throw passkeyNotFound();
  }

  /** Options for a usernameless sign-in: no credential list, the authenticator offers its own. */
  async authenticationOptions(rp: RelyingParty): Promise<PublicKeyCredentialRequestOptionsJSON> {
    const { generateAuthenticationOptions } = await webAuthn();
    const options = await generateAuthenticationOptions({
      rpID: rp.id,
      userVerification: 'preferred',
      timeout: PASSKEY_CHALLENGE_TTL_MS,
    });
    await this.challenges.issue('passkey_login', null, PASSKEY_CHALLENGE_TTL_MS, options.challenge);
    return options;
  }

  /** The user whose passkey signed the challenge; the passkey's counter and last use are updated. */
  async authenticate(response: AuthenticationResponseJSON, rp: RelyingParty): Promise<string> {
    const row = await this.store.db.selectFrom('passkeys').selectAll().where('id', '=', response.id).executeTakeFirst();
    if (!row) throw passkeyInvalid('This passkey is not registered here.');
    const handle = response.response.userHandle;
    if (handle && Buffer.from(handle, 'base64url').toString('utf8') !== row.user_id) throw passkeyInvalid();
    const { verifyAuthenticationResponse } = await webAuthn();
    const verification = await verifyAuthenticationResponse({
      response,
      expectedChallenge: async (challenge) => (await this.challenges.take('passkey_login', challenge)) !== undefined,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      credential: {
        id: row.id,
        publicKey: new Uint8Array(Buffer.from(row.public_key, 'base64url')),
        counter: Number(row.counter),
        transports: parseTransports(row.transports),
      },
      requireUserVerification: false,
    }).catch((error: unknown) => {
      throw passkeyInvalid(error instanceof Error ? error.message : undefined);
    });
    if (!verification.verified) throw passkeyInvalid();
    // Only forward: of two concurrent uses of one assertion, the second finds the counter moved.
    const updated = await this.store.db
      .updateTable('passkeys')
      .set({ counter: verification.authenticationInfo.newCounter, last_used_at: this.now() })
      .where('id', '=', row.id)
      .where('counter', '=', Number(row.counter))
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw passkeyInvalid();
    return row.user_id;
  }
}

function parseTransports(value: string | null): AuthenticatorTransportFuture[] | undefined {
  if (!value) return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? (parsed as AuthenticatorTransportFuture[]) : undefined;
  } catch {
    return undefined;
  }
}
