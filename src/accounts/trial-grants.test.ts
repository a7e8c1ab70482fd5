import { expect, it } from 'vitest';
import { describeEachDialect } from '../../test/db-harness.js';
import { claimTrial } from './trial-grants.js';

describeEachDialect('claimTrial: the trial once per person', (store) => {
  it('grants the first claim, and none to a claimant sharing an email alias or an identity', async () => {
    const db = store().db;
    expect(
      await claimTrial(db, { email: 'Once@gmail.com', identity: { provider: 'github', subject: '1' } }, 'u1', 1),
    ).toBe(true);
    expect(await claimTrial(db, { email: 'o.n.c.e+x@googlemail.com' }, 'u2', 2)).toBe(false);
    expect(
      await claimTrial(db, { email: 'other@example.com', identity: { provider: 'github', subject: '1' } }, 'u3', 3),
    ).toBe(false);
    expect(await claimTrial(db, { identity: { provider: 'oidc', subject: 'new' } }, 'u4', 4)).toBe(true);
    expect(await claimTrial(db, {}, 'u5', 5)).toBe(false);
  });
});
