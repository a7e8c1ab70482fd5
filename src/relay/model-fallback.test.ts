import { describe, expect, it } from 'vitest';
import { GatewayError } from '../ir/index.js';
import { fallsBack, modelChain } from './model-fallback.js';

describe('modelChain', () => {
  it('puts the model first and tries each fallback once', () => {
    expect(modelChain('a', ['b', 'a', 'c', 'b'])).toEqual(['a', 'b', 'c']);
    expect(modelChain('a', undefined)).toEqual(['a']);
  });
});

describe('fallsBack', () => {
  const error = (kind: ConstructorParameters<typeof GatewayError>[0]['kind'], code?: string, retryable?: boolean) =>
    new GatewayError({
      kind,
      message: 'x',
      ...(code ? { code } : {}),
      ...(retryable === undefined ? {} : { retryable }),
    });

  it.each([
    ['an upstream outage', error('upstream_error'), true],
    ['an upstream rate limit', error('rate_limit'), true],
    ['no channel left', error('no_channel'), true],
    ['an unknown model', error('not_found', 'model_not_found'), true],
    ['a model the key may not use', error('permission', 'model_not_allowed'), true],
    ['a model without a price', error('permission', 'model_price_unknown'), true],
    ['a prompt too long for the model', error('invalid_request', 'context_length_exceeded', false), true],
    ['no route the provider preferences allow', error('not_found', 'no_provider_matches'), true],
    ['every route above max_price', error('invalid_request', 'max_price_exceeded', false), true],
    ['a malformed request', error('invalid_request'), false],
    ['an upstream 400 the client caused', error('upstream_error', undefined, false), false],
    ['a refused hold (the balance)', error('insufficient_quota', 'insufficient_balance'), false],
    ['AIHub’s own failure', error('internal'), false],
    ['not a gateway error', new Error('boom'), false],
  ])('%s → %s', (_name, thrown, expected) => {
    expect(fallsBack(thrown)).toBe(expected);
  });
});
