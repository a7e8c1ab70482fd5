import { describe, expect, it } from 'vitest';
import { DEFAULT_STICKY_SETTINGS, loadStickySettings } from './sticky-settings.js';

describe('loadStickySettings', () => {
  it('defaults to on, 50,000 conversations, one hour', () => {
    expect(loadStickySettings({})).toEqual({ enabled: true, maxEntries: 50_000, idleTtlMs: 3_600_000 });
  });

  it('reads the operator’s values', () => {
    expect(
      loadStickySettings({
        AIHUB_STICKY_ROUTING: 'off',
        AIHUB_STICKY_MAX_ENTRIES: '1000',
        AIHUB_STICKY_TTL_MS: '300000',
      }),
    ).toEqual({ enabled: false, maxEntries: 1000, idleTtlMs: 300_000 });
  });

  it.each(['0', '-5', '1.5', 'lots', ' '])('ignores %j as a bound', (value) => {
    const settings = loadStickySettings({ AIHUB_STICKY_MAX_ENTRIES: value, AIHUB_STICKY_TTL_MS: value });
    expect(settings).toEqual(DEFAULT_STICKY_SETTINGS);
  });
});
