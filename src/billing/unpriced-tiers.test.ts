import { describe, expect, it } from 'vitest';
import { GatewayError } from '../ir/index.js';
import { refuseUnpricedTiers } from './unpriced-tiers.js';

function refusal(body: unknown): GatewayError | undefined {
  try {
    refuseUnpricedTiers(body);
    return undefined;
  } catch (error) {
    return error as GatewayError;
  }
}

describe('refuseUnpricedTiers', () => {
  it('refuses OpenAI priority processing, naming service_tier', () => {
    const error = refusal({ model: 'gpt-5', service_tier: 'priority' });
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ kind: 'invalid_request', param: 'service_tier', code: 'unpriced_service_tier' });
  });

  it('refuses Anthropic fast mode (any speed but standard), naming speed', () => {
    expect(refusal({ speed: 'fast' })).toMatchObject({ param: 'speed', code: 'unpriced_service_tier' });
    expect(refusal({ speed: { nested: 'x'.repeat(1000) } })?.message.length).toBeLessThan(200);
  });

  it('lets standard, cheaper and absent tiers through', () => {
    for (const body of [
      {},
      { service_tier: 'auto' },
      { service_tier: 'default' },
      { service_tier: 'flex' },
      { service_tier: 'standard_only' },
      { service_tier: null },
      { speed: 'standard' },
      { speed: null },
      null,
      [],
      'text',
    ]) {
      expect(refusal(body)).toBeUndefined();
    }
  });
});
