import { beforeEach, expect, it } from 'vitest';
import { countRows, describeEachDialect } from '../../../test/db-harness.js';
import { OAUTH_FLOW_TTL_MS, OAuthFlowStore } from './oauth-flow-store.js';

const flow = { provider: 'github', linkUserId: null, redirectUri: 'http://aihub.test/api/auth/oauth/github/callback' };

describeEachDialect('pending sign-in flows', (store) => {
  let clock = 1_000_000;
  const now = () => clock;
  const pending = () => countRows(store(), 'oauth_flows');

  beforeEach(async () => {
    await store().db.deleteFrom('oauth_flows').execute();
  });

  it('a state works once, for its provider, until it expires', async () => {
    const flows = new OAuthFlowStore(store(), now);
    const { state } = await flows.begin(flow);
    expect(await flows.consume(state, 'google')).toBeUndefined();
    const second = await flows.begin(flow);
    expect(await flows.consume(second.state, 'github')).toMatchObject({ provider: 'github', linkUserId: null });
    expect(await flows.consume(second.state, 'github')).toBeUndefined();
    const late = await flows.begin(flow);
    clock += OAUTH_FLOW_TTL_MS + 1;
    expect(await flows.consume(late.state, 'github')).toBeUndefined();
  });

  it('sweeps abandoned flows when the next one starts', async () => {
    const flows = new OAuthFlowStore(store(), now);
    for (let i = 0; i < 5; i++) {
      await flows.begin(flow);
      clock += 1;
    }
    expect(await pending()).toBe(5);
    clock += OAUTH_FLOW_TTL_MS + 10;
    await flows.begin(flow);
    expect(await pending()).toBe(1);
  });

  it('keeps at most the cap, dropping the oldest', async () => {
    const flows = new OAuthFlowStore(store(), now, 3);
    const states: string[] = [];
    for (let i = 0; i < 6; i++) {
      states.push((await flows.begin(flow)).state);
      clock += 1;
    }
    expect(await pending()).toBe(3);
    expect(await flows.consume(states[2] as string, 'github')).toBeUndefined();
    expect(await flows.consume(states[3] as string, 'github')).toBeDefined();
    expect(await flows.consume(states[5] as string, 'github')).toBeDefined();
  });
});
