import type { Store } from '../../store/database.js';
import { codeChallengeS256, randomToken, stateHash } from './pkce.js';

/** A sign-in flow's secrets, kept server-side between the start and the callback. */
export interface OAuthFlow {
  provider: string;
  codeVerifier: string;
  nonce: string;
  linkUserId: string | null;
  redirectUri: string;
}

export const OAUTH_FLOW_TTL_MS = 10 * 60_000;

/**
 * At most this many flows wait for their callback; past it the oldest are dropped (their callback
 * then says the sign-in expired). Starts are limited per address (AddressLimiter), so only a
 * flood from very many addresses reaches it, and the table stays small whatever arrives.
 */
export const MAX_PENDING_OAUTH_FLOWS = 10_000;

/**
 * Pending flows in the database (any replica can take the callback). `begin` makes the state,
 * PKCE verifier and nonce; `consume` deletes the flow and returns it only to the first caller,
 * so a state works once, and not after ten minutes.
 */
export class OAuthFlowStore {
  constructor(
    private readonly store: Store,
    private readonly now: () => number,
    private readonly maxPending: number = MAX_PENDING_OAUTH_FLOWS,
  ) {}

  async begin(flow: Omit<OAuthFlow, 'codeVerifier' | 'nonce'>): Promise<{
    state: string;
    codeChallenge: string;
    nonce: string;
  }> {
    const state = randomToken();
    const codeVerifier = randomToken();
    const nonce = randomToken();
    const at = this.now();
    // Expired flows go with each new one: nothing else needs to sweep them.
    await this.store.db.deleteFrom('oauth_flows').where('expires_at', '<', at).execute();
    if (this.maxPending > 1) await this.dropOldestBeyond(this.maxPending - 1);
    await this.store.db
      .insertInto('oauth_flows')
      .values({
        state_hash: stateHash(state),
        provider: flow.provider,
        code_verifier: codeVerifier,
        nonce,
        link_user_id: flow.linkUserId,
        redirect_uri: flow.redirectUri,
        expires_at: at + OAUTH_FLOW_TTL_MS,
      })
      .execute();
    return { state, codeChallenge: codeChallengeS256(codeVerifier), nonce };
  }

  /** Keeps the `keep` newest flows (by expiry, which is start time plus the TTL). */
  private async dropOldestBeyond(keep: number): Promise<void> {
    const oldestKept = await this.store.db
      .selectFrom('oauth_flows')
      .select('expires_at')
      .orderBy('expires_at', 'desc')
      .offset(keep - 1)
      .limit(1)
      .executeTakeFirst();
    if (!oldestKept) return;
    // Flows started in the same millisecond as the oldest kept one stay too (a few at most).
    await this.store.db.deleteFrom('oauth_flows').where('expires_at', '<', Number(oldestKept.expires_at)).execute();
  }

  /** The flow of `state`, once; undefined when unknown, used, expired or for another provider. */
  async consume(state: string, provider: string): Promise<OAuthFlow | undefined> {
    const hash = stateHash(state);
    const row = await this.store.db
      .selectFrom('oauth_flows')
      .selectAll()
      .where('state_hash', '=', hash)
      .executeTakeFirst();
    if (!row) return undefined;
    const deleted = await this.store.db.deleteFrom('oauth_flows').where('state_hash', '=', hash).executeTakeFirst();
    // Two callbacks racing with one state: only the one whose delete took the row goes on.
    if (Number(deleted.numDeletedRows) !== 1) return undefined;
    if (Number(row.expires_at) < this.now() || row.provider !== provider) return undefined;
    return {
      provider: row.provider,
      codeVerifier: row.code_verifier,
      nonce: row.nonce,
      linkUserId: row.link_user_id,
      redirectUri: row.redirect_uri,
    };
  }
}
