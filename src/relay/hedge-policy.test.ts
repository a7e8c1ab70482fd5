import { describe, expect, it } from 'vitest';
import { isGatewayError } from '../ir/index.js';
import { hedgePlan, hedgeWait, hedgingSettingsSchema, parseHedgeHeader } from './hedge-policy.js';

const settings = (value: Record<string, unknown> = {}) => hedgingSettingsSchema.parse(value);

describe('hedge policy', () => {
  it('reads the header: milliseconds (clamped), p95 or auto, off or 0', () => {
    expect(parseHedgeHeader(undefined)).toBeUndefined();
    expect(parseHedgeHeader('250')).toEqual({ delayMs: 250 });
    expect(parseHedgeHeader(' 1 ')).toEqual({ delayMs: 50 });
    expect(parseHedgeHeader('999999')).toEqual({ delayMs: 60_000 });
    expect(parseHedgeHeader('P95')).toBe('p95');
    expect(parseHedgeHeader('auto')).toBe('p95');
    expect(parseHedgeHeader('off')).toBe('off');
    expect(parseHedgeHeader('0')).toBe('off');
    expect(parseHedgeHeader(['300', '10'])).toEqual({ delayMs: 300 });
  });

  it.each(['soon', '-5', '1.5', '', '1e3', '12345678'])('refuses the header %j with a 400 naming it', (value) => {
    let thrown: unknown;
    try {
      parseHedgeHeader(value);
    } catch (error) {
      thrown = error;
    }
    expect(isGatewayError(thrown) && thrown.code === 'invalid_hedge' && thrown.param === 'x-aihub-hedge').toBe(true);
  });

  it('follows the caller’s header when honoured, else the group’s setting, else the `*` group’s', () => {
    const operator = settings({ groups: { vip: 'p95', '*': 400 } });
    expect(hedgePlan({ delayMs: 120 }, operator, 'vip')).toBe(120);
    expect(hedgePlan('p95', operator, 'default')).toBe('p95');
    expect(hedgePlan(undefined, operator, 'vip')).toBe('p95');
    expect(hedgePlan(undefined, operator, 'default')).toBe(400);
    expect(hedgePlan('off', operator, 'vip')).toBeUndefined();
    expect(hedgePlan(undefined, settings(), 'default')).toBeUndefined();
    // Not honoured: the header neither turns hedging on nor changes the operator's delay.
    const strict = settings({ groups: { vip: 300 }, requestHeader: false });
    expect(hedgePlan({ delayMs: 60 }, strict, 'default')).toBeUndefined();
    expect(hedgePlan({ delayMs: 60 }, strict, 'vip')).toBe(300);
    // `off` is always honoured: asking for less never costs the operator more.
    expect(hedgePlan('off', strict, 'vip')).toBeUndefined();
  });

  it('waits a fixed delay, or the route’s p95 (the default while unmeasured), within bounds', () => {
    const operator = settings({ defaultDelayMs: 900 });
    expect(hedgeWait(250, 10, operator)).toBe(250);
    expect(hedgeWait('p95', 321.4, operator)).toBe(321);
    expect(hedgeWait('p95', undefined, operator)).toBe(900);
    expect(hedgeWait('p95', 3, operator)).toBe(50);
    expect(hedgeWait('p95', 1e9, operator)).toBe(60_000);
  });

  it('refuses settings a hedge could abuse: a delay under 50 ms, a group name too long', () => {
    expect(hedgingSettingsSchema.safeParse({ groups: { '*': 10 } }).success).toBe(false);
    expect(hedgingSettingsSchema.safeParse({ groups: { ['g'.repeat(65)]: 100 } }).success).toBe(false);
    expect(hedgingSettingsSchema.safeParse({ defaultDelayMs: 0 }).success).toBe(false);
  });
});
