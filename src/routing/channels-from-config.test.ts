import { describe, expect, it } from 'vitest';
import { configFileSchema } from '../config/config-file.js';
import { channelsFromConfig } from './channels-from-config.js';

const fromYamlValues = (channel: Record<string, unknown>) =>
  channelsFromConfig(
    configFileSchema.parse({ channels: [{ name: 'reseller', type: 'openai', key: 'sk', ...channel }] }).channels,
  );

describe('channelsFromConfig: cost', () => {
  it('reads a snake_case cost into the live channel', () => {
    const [channel] = fromYamlValues({
      cost: {
        multiplier_ppm: 800_000,
        models: { 'gpt-4o': { input: 2_000_000, output: 8_000_000, cache_read: 1_000_000 } },
      },
    });
    expect(channel?.cost).toEqual({
      multiplierPpm: 800_000,
      models: { 'gpt-4o': { input: 2_000_000, output: 8_000_000, cacheRead: 1_000_000 } },
    });
  });

  it('leaves a channel without cost at the list price', () => {
    expect(fromYamlValues({})[0]?.cost).toBeUndefined();
    expect(fromYamlValues({ cost: {} })[0]?.cost).toBeUndefined();
  });

  it('refuses a bad cost naming the channel and the field', () => {
    expect(() => fromYamlValues({ cost: { multiplier_ppm: -5 } })).toThrow(/Channel 'reseller'.*cost\.multiplierPpm/);
    expect(() => fromYamlValues({ cost: { models: { 'gpt-4o': { input: 1 } } } })).toThrow(/cost\.models\.gpt-4o/);
    expect(() =>
      configFileSchema.parse({ channels: [{ name: 'x', type: 'openai', cost: { multiplier: 1 } }] }),
    ).toThrow();
  });
});
