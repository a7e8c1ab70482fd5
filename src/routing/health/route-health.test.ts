import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../ir/index.js';
import { RouteHealth } from './route-health.js';

const target = { channelId: 'a', keyId: 'k1', model: 'gpt-4o' };
const otherModel = { ...target, model: 'gpt-4o-mini' };
const upstream500 = new GatewayError({ kind: 'upstream_error', message: 'boom', upstreamStatus: 500 });

function setup() {
  const clock = { now: 0 };
  const health = new RouteHealth({ now: () => clock.now, breaker: { minCalls: 3, openMs: 10_000 } });
  const fail = (error: GatewayError = upstream500, on = target) => {
    const ticket = health.begin(on, true);
    if (!ticket) throw new Error('not started');
    health.failed(ticket, health.classify(error));
  };
  return { clock, health, fail };
}

describe('RouteHealth', () => {
  it('opens the breaker of one (channel, key, model) only', () => {
    const { health, fail } = setup();
    fail();
    fail();
    expect(health.usable(target)).toBe(true);
    fail();
    expect(health.usable(target)).toBe(false);
    expect(health.usable(otherModel)).toBe(true);
    expect(health.snapshot().openBreakers).toEqual([{ ...target, state: 'open', availableAt: 10_000 }]);
  });

  it('counts successes in the window', () => {
    const { health, fail } = setup();
    for (let i = 0; i < 3; i++) {
      const ticket = health.begin(target);
      if (ticket) health.succeeded(ticket);
    }
    fail();
    fail();
    expect(health.usable(target)).toBe(true); // 2 failures in 5 calls
  });

  it('turns a retry-after into a cooldown of the key for every model, not a breaker failure', () => {
    const { clock, health, fail } = setup();
    const limited = new GatewayError({
      kind: 'rate_limit',
      message: 'slow down',
      upstreamStatus: 429,
      retryAfterMs: 2_000,
    });
    fail(limited);
    expect(health.usable(target)).toBe(false);
    expect(health.usable(otherModel)).toBe(false);
    expect(health.availableAt(target)).toBe(2_000);
    expect(health.begin(target)).toBeUndefined();
    clock.now = 2_000;
    expect(health.usable(target)).toBe(true);
    expect(health.snapshot().openBreakers).toEqual([]);
  });

  it('does not blame the upstream for the client’s own errors', () => {
    const { health, fail } = setup();
    for (let i = 0; i < 5; i++)
      fail(new GatewayError({ kind: 'invalid_request', message: 'bad', upstreamStatus: 400 }));
    expect(health.usable(target)).toBe(true);
  });

  it('gives the half-open probe to one request only, and frees it when the client leaves', () => {
    const { clock, health, fail } = setup();
    fail();
    fail();
    fail();
    clock.now = 10_000;
    const probe = health.begin(target);
    expect(probe?.breaker).toBe('probe');
    expect(health.begin(target)).toBeUndefined();
    expect(health.usable(target)).toBe(false);
    if (probe) health.released(probe);
    expect(health.begin(target)?.breaker).toBe('probe');
  });

  it('forgets everything on reset', () => {
    const { health, fail } = setup();
    fail();
    fail();
    fail();
    health.reset();
    expect(health.usable(target)).toBe(true);
  });

  it('answers allUsable only while nothing cools and every breaker is closed', () => {
    const { clock, health, fail } = setup();
    expect(health.allUsable()).toBe(true);
    fail();
    fail();
    expect(health.allUsable()).toBe(true); // failures below the threshold leave the breaker closed
    fail();
    expect(health.allUsable()).toBe(false);
    clock.now = 10_000; // half-open: the probe's success closes the breaker
    const probe = health.begin(target);
    if (!probe) throw new Error('no probe');
    health.succeeded(probe);
    expect(health.usable(target)).toBe(true);
    expect(health.allUsable()).toBe(true);
    fail(new GatewayError({ kind: 'rate_limit', message: 'slow', upstreamStatus: 429, retryAfterMs: 1_000 }));
    expect(health.allUsable()).toBe(false);
    expect(health.begin(target)).toBeUndefined();
    health.reset();
    expect(health.allUsable()).toBe(true);
  });
});
