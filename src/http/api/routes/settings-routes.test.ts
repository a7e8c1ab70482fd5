import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApiHarness, headerPrincipals } from '../../../../test/api-harness.js';
import { describeEachDialect } from '../../../../test/db-harness.js';
import { SettingsService } from '../../../platform/settings.js';
import { registerSettingsRoutes } from './settings-routes.js';

const asAdmin = { 'x-test-user': 'usr_admin', 'x-test-role': 'admin' };
const asUser = { 'x-test-user': 'usr_alice' };

describeEachDialect('settings routes', (store) => {
  let harness: ReturnType<typeof createApiHarness>;
  let settings: SettingsService;

  beforeAll(async () => {
    await store().db.deleteFrom('settings').execute();
    settings = new SettingsService(store(), () => 1_700_000_000_000);
    await settings.load();
    harness = createApiHarness(headerPrincipals, (api) => registerSettingsRoutes(api, settings));
  });
  afterAll(async () => {
    await harness.app.close();
    await store().db.deleteFrom('settings').execute();
  });

  const call = async (method: 'GET' | 'PATCH', url: string, headers: Record<string, string>, payload?: unknown) => {
    const response = await harness.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
    return { status: response.statusCode, body: response.json() };
  };

  it('changes only the fields a PATCH sends, and keeps the others', async () => {
    expect((await call('PATCH', '/api/admin/settings', asAdmin, { trialCredit: 1_500_000 })).status).toBe(200);
    const closed = await call('PATCH', '/api/admin/settings', asAdmin, { registrationEnabled: false });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ trialCredit: 1_500_000, registrationEnabled: false });
    // What a fresh process loads from the database agrees.
    const reloaded = new SettingsService(store(), () => 0);
    await reloaded.load();
    expect(reloaded.value).toMatchObject({ trialCredit: 1_500_000, registrationEnabled: false });
    expect((await call('GET', '/api/settings/public', {})).body).toEqual({
      registrationEnabled: false,
      trialCredit: 1_500_000,
      publicBaseUrl: '',
    });
  });

  it('publishes the public base URL to every visitor, and takes only an http(s) URL', async () => {
    const set = await call('PATCH', '/api/admin/settings', asAdmin, { publicBaseUrl: ' https://ai.example.com ' });
    expect(set.status).toBe(200);
    expect(set.body.publicBaseUrl).toBe('https://ai.example.com');
    expect((await call('GET', '/api/settings/public', {})).body.publicBaseUrl).toBe('https://ai.example.com');
    for (const bad of [
      'ai.example.com',
      'ftp://ai.example.com',
      'https://ai.example.com/?x=1',
      'javascript:alert(1)',
    ]) {
      const refused = await call('PATCH', '/api/admin/settings', asAdmin, { publicBaseUrl: bad });
      expect(refused.status, bad).toBe(400);
      expect(JSON.stringify(refused.body)).toContain('publicBaseUrl');
    }
    expect((await call('PATCH', '/api/admin/settings', asAdmin, { publicBaseUrl: '' })).body.publicBaseUrl).toBe('');
  });

  it('refuses unknown fields and bad values with a 400 naming the field, and non-admins with a 403', async () => {
    const unknown = await call('PATCH', '/api/admin/settings', asAdmin, { trialCreditt: 5 });
    expect(unknown.status).toBe(400);
    const negative = await call('PATCH', '/api/admin/settings', asAdmin, { overdraft: -1 });
    expect(negative.status).toBe(400);
    expect(JSON.stringify(negative.body)).toContain('overdraft');
    expect((await call('PATCH', '/api/admin/settings', asUser, { overdraft: 5 })).status).toBe(403);
    expect(settings.value.overdraft).toBe(0);
  });
});
