import { expect, it } from 'vitest';
import { describeEachDialect } from '../../test/db-harness.js';
import { SettingsService } from './settings.js';

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
