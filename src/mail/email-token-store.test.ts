import { describe, expect, it } from 'vitest';
import { openTestStore } from '../../test/db-harness.js';
import { newId } from '../platform/ids.js';
import { EMAIL_TOKEN_TTL_MS, EmailTokenStore, hashEmailToken } from './email-token-store.js';

describe('EmailTokenStore', () => {
  async function setUp() {
    const store = await openTestStore('sqlite');
    let t = 1_700_000_000_000;
    const tokens = new EmailTokenStore(store, { now: () => t, newId });
    return { store, tokens, advance: (ms: number) => (t += ms) };
  }

  it('stores only a SHA-256 of a 32-byte random token', async () => {
    const { store, tokens } = await setUp();
    const token = await tokens.issue('usr_a', 'verify');
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    const rows = await store.db.selectFrom('email_tokens').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).toBe(hashEmailToken(token));
    expect(JSON.stringify(rows)).not.toContain(token);
    await store.destroy();
  });

  it('is single use and of one kind', async () => {
    const { store, tokens } = await setUp();
    const token = await tokens.issue('usr_a', 'reset');
    await expect(tokens.consume(token, 'verify')).rejects.toMatchObject({ code: 'invalid_token' });
    await expect(tokens.consume(token, 'reset')).resolves.toBe('usr_a');
    await expect(tokens.consume(token, 'reset')).rejects.toMatchObject({ code: 'invalid_token', status: 400 });
    await expect(tokens.consume('not-a-token', 'reset')).rejects.toMatchObject({ code: 'invalid_token' });
    await store.destroy();
  });

  it('expires: a reset link after 30 minutes, a verification link after a day', async () => {
    const { store, tokens, advance } = await setUp();
    const reset = await tokens.issue('usr_a', 'reset');
    const verify = await tokens.issue('usr_a', 'verify');
    advance(EMAIL_TOKEN_TTL_MS.reset);
    await expect(tokens.consume(reset, 'reset')).rejects.toMatchObject({ code: 'invalid_token' });
    await expect(tokens.consume(verify, 'verify')).resolves.toBe('usr_a');
    const late = await tokens.issue('usr_a', 'verify');
    advance(EMAIL_TOKEN_TTL_MS.verify - 1);
    await expect(tokens.consume(late, 'verify')).resolves.toBe('usr_a');
    advance(1);
    await tokens.purgeExpired();
    expect(await store.db.selectFrom('email_tokens').selectAll().execute()).toEqual([]);
    await store.destroy();
  });

  it('retires older reset tokens of the user when a new one is issued', async () => {
    const { store, tokens } = await setUp();
    const first = await tokens.issue('usr_a', 'reset');
    const other = await tokens.issue('usr_b', 'reset');
    const second = await tokens.issue('usr_a', 'reset');
    await expect(tokens.consume(first, 'reset')).rejects.toMatchObject({ code: 'invalid_token' });
    await expect(tokens.consume(other, 'reset')).resolves.toBe('usr_b');
    await expect(tokens.consume(second, 'reset')).resolves.toBe('usr_a');
    await store.destroy();
  });
});
