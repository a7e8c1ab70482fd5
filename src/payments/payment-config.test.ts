import { randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import { describeEachDialect } from '../../test/db-harness.js';
import { SecretBox } from '../channels/secret-box.js';
import { PaymentProviderConfigs } from './payment-config.js';
import { PAYMENT_PROVIDER_DEFINITIONS } from './providers.js';

const deps = { now: () => 0, fetch: () => Promise.reject(new Error('no network')) };

describeEachDialect('payment provider configuration', (store) => {
  const box = new SecretBox(randomBytes(32));
  const configs = (env: NodeJS.ProcessEnv = {}) =>
    new PaymentProviderConfigs(store(), { definitions: PAYMENT_PROVIDER_DEFINITIONS, env, box, deps, now: () => 1 });

  it('builds EPay from the environment, and says what is missing otherwise', async () => {
    const bare = configs();
    await bare.load();
    expect(bare.isConfigured('epay')).toBe(false);
    expect(bare.view('epay')).toMatchObject({ configured: false, problem: 'Not set: baseUrl, pid, key.' });
    const fromEnv = configs({ EPAY_BASE_URL: 'https://pay.example.com', EPAY_PID: '1001', EPAY_KEY: 'env-key' });
    await fromEnv.load();
    expect(fromEnv.provider('epay')?.currency).toBe('CNY');
    expect(fromEnv.view('epay').fields).toEqual([
      { name: 'baseUrl', secret: false, envName: 'EPAY_BASE_URL', source: 'env', value: 'https://pay.example.com' },
      { name: 'pid', secret: false, envName: 'EPAY_PID', source: 'env', value: '1001' },
      { name: 'key', secret: true, envName: 'EPAY_KEY', source: 'env', value: null },
      { name: 'channelType', secret: false, envName: null, source: null, value: null },
      { name: 'checkoutMode', secret: false, envName: null, source: null, value: null },
    ]);
  });

  it('lets the console win field by field, stores secrets encrypted, and never shows them', async () => {
    const env = { EPAY_BASE_URL: 'https://pay.example.com', EPAY_PID: '1001', EPAY_KEY: 'env-key' };
    const here = configs(env);
    await here.load();
    let announced = 0;
    here.onChange(() => announced++);
    const view = await here.update('epay', { pid: '2002', key: 'console-key-secret', channelType: 'wxpay' });
    expect(announced).toBe(1);
    expect(view.fields.find((field) => field.name === 'pid')).toMatchObject({ source: 'console', value: '2002' });
    expect(view.fields.find((field) => field.name === 'key')).toMatchObject({ source: 'console', value: null });
    expect(JSON.stringify(view)).not.toContain('console-key-secret');
    const row = await store()
      .db.selectFrom('settings')
      .selectAll()
      .where('key', '=', 'payments.provider.epay')
      .executeTakeFirstOrThrow();
    expect(row.value).not.toContain('console-key-secret');

    // Another replica (same database, same secret key) sees the change after its reload.
    const other = configs(env);
    await other.load();
    const checkout = await other
      .provider('epay')
      ?.createCheckout(
        { id: 'ord_1', payAmount: 100, currency: 'CNY', subject: 's', expiresAt: 0 },
        { notifyUrl: 'https://a/n', returnUrl: 'https://a/r' },
      );
    expect(new URL(checkout?.url ?? '').searchParams.get('pid')).toBe('2002');
    expect(new URL(checkout?.url ?? '').searchParams.get('type')).toBe('wxpay');

    // Clearing a console value brings the environment's back.
    const cleared = await here.update('epay', { pid: null });
    expect(cleared.fields.find((field) => field.name === 'pid')).toMatchObject({ source: 'env', value: '1001' });
  });

  it('refuses a value its field does not accept, and an unknown field or provider', async () => {
    const here = configs();
    await here.load();
    await expect(here.update('epay', { baseUrl: 'ftp://pay.example.com' })).rejects.toMatchObject({
      status: 400,
      param: 'fields.baseUrl',
    });
    await expect(here.update('epay', { nonsense: 'x' })).rejects.toMatchObject({ status: 400 });
    await expect(here.update('epay', { nonsense: null })).rejects.toMatchObject({ status: 400 });
    // An emptied input clears the field rather than failing its format.
    expect((await here.update('epay', { baseUrl: '' })).fields[0]).toMatchObject({ source: null });
    await expect(here.update('bitcoin', {})).rejects.toMatchObject({ status: 404 });
  });

  it('treats a secret that no longer decrypts as unset, and reports it', async () => {
    const writer = configs();
    await writer.load();
    await writer.update('epay', { baseUrl: 'https://pay.example.com', pid: '1', key: 'k' });
    const errors: string[] = [];
    const otherKey = new PaymentProviderConfigs(store(), {
      definitions: PAYMENT_PROVIDER_DEFINITIONS,
      env: {},
      box: new SecretBox(randomBytes(32)),
      deps,
      now: () => 1,
      onSecretError: (_error, where) => errors.push(`${where.method}.${where.field}`),
    });
    await otherKey.load();
    expect(errors).toEqual(['epay.key']);
    expect(otherKey.isConfigured('epay')).toBe(false);
    await writer.update('epay', { baseUrl: null, pid: null, key: null });
  });
});
