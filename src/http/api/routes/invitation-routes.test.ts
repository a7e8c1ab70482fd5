import { afterAll, beforeAll, expect, it } from 'vitest';
import { type ApiHarness, createApiHarness } from '../../../../test/api-harness.js';
import { describeEachDialect } from '../../../../test/db-harness.js';
import { type AccountServices, createAccountServices } from '../../../accounts/account-services.js';
import { InvitationService } from '../../../invitations/invitation-service.js';
import { newId } from '../../../platform/ids.js';
import { SettingsService } from '../../../platform/settings.js';
import { SessionPrincipals } from '../session-principals.js';
import { registerAccountRoutes } from './account-routes.js';
import { registerInvitationRoutes } from './invitation-routes.js';

describeEachDialect('invitation routes', (store) => {
  let accounts: AccountServices;
  let harness: ApiHarness;
  const now = () => 1_700_000_000_000;

  beforeAll(async () => {
    const settings = new SettingsService(store(), now);
    await settings.load();
    accounts = await createAccountServices({ store: store(), settings, now });
    const invitations = new InvitationService(store(), { now, newId, reward: () => settings.value.inviteReward });
    harness = createApiHarness(new SessionPrincipals(accounts.sessions, accounts.keyCache), (api) => {
      registerAccountRoutes(api, { ...accounts, now, invitations });
      registerInvitationRoutes(api, { invitations, settings });
    });
  });
  afterAll(async () => {
    await harness.app.close();
    await accounts.close();
  });

  const register = async (email: string, invite?: string) => {
    const response = await harness.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: { email, password: 'password-1', ...(invite === undefined ? {} : { invite }) },
    });
    expect(response.statusCode, response.body).toBe(201);
    return String(response.headers['set-cookie']).split(';')[0] as string;
  };
  const invite = async (cookie: string) =>
    (await harness.app.inject({ method: 'GET', url: '/api/account/invite', headers: { cookie } })).json();

  it('signing up with an invite code records the inviter; a wrong code still signs up', async () => {
    const alice = await register('alice@example.test');
    const mine = await invite(alice);
    expect(mine).toMatchObject({
      invitees: 0,
      paidInvitees: 0,
      rewardsEarned: 0,
      reward: { fixedUnits: 0, percent: 0 },
    });
    await register('bob@example.test', mine.code);
    await register('carol@example.test', 'not-a-code');
    expect((await invite(alice)).invitees).toBe(1);
    expect((await harness.app.inject({ method: 'GET', url: '/api/account/invite' })).statusCode).toBe(401);
  });
});
