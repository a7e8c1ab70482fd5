import { expect, it } from 'vitest';
import { describeEachDialect } from '../../test/db-harness.js';
import { SettingsService, settingsPatchSchema } from './settings.js';

describeEachDialect('settings', (store) => {
  it('starts from defaults, persists updates, and reloads them', async () => {
    const settings = new SettingsService(store(), () => 1);
    expect(settings.value.trialCredit).toBe(200_000);
    await settings.update({ trialCredit: 500_000, promptLogging: true });
    const reloaded = new SettingsService(store(), () => 2);
    await reloaded.load();
    expect(reloaded.value).toMatchObject({ trialCredit: 500_000, promptLogging: true, registrationEnabled: true });
  });

  it('rejects invalid values without storing them', async () => {
    const settings = new SettingsService(store(), () => 1);
    await expect(settings.update({ overdraft: -5 })).rejects.toThrow();
    expect(settings.value.overdraft).toBe(0);
  });
});

describeEachDialect('settings: top-up rules', (store) => {
  it('defaults the top-up rules, and a patch of another field leaves them alone', async () => {
    const settings = new SettingsService(store(), () => 1);
    expect(settings.value.topUp).toMatchObject({ enabledMethods: [], minAmount: 1_000_000, cnyFenPerUsd: 720 });
    await settings.update({ topUp: { ...settings.value.topUp, enabledMethods: ['epay'], minAmount: 2_000_000 } });
    await settings.update({ trialCredit: 1 });
    const reloaded = new SettingsService(store(), () => 2);
    await reloaded.load();
    expect(reloaded.value.topUp).toMatchObject({ enabledMethods: ['epay'], minAmount: 2_000_000 });
  });

  it('leaves a patch without topUp without one (no default filled in)', () => {
    expect(settingsPatchSchema.parse({ trialCredit: 5 })).toEqual({ trialCredit: 5 });
  });
});
