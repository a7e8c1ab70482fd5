import { describe, expect, it } from 'vitest';
import { fits, reopensAt, usedNow, type WindowRow } from './window-state.js';

const window = (overrides: Partial<WindowRow> = {}): WindowRow => ({
  name: 'five_hour',
  unit: 'money',
  limit: 1_000,
  used: 900,
  reserved: 50,
  resetsAt: 5_000,
  ...overrides,
});
const draw = (money: number) => ({ money, tokens: 0, requests: 1 });

describe('window state', () => {
  it('counts usage only while the window is open', () => {
    expect(usedNow(window(), 4_999)).toBe(900);
    expect(usedNow(window(), 5_000)).toBe(0);
  });

  it('fits a hold when used + reserved + hold <= limit', () => {
    expect(fits(window(), draw(50), 1_000)).toBe(true);
    expect(fits(window(), draw(51), 1_000)).toBe(false);
    expect(fits(window(), draw(950), 6_000)).toBe(true);
  });

  it('reopens when an open window closes, soon when only holds fill a closed one, and at a fresh close when it never fits', () => {
    expect(reopensAt(window(), draw(500), 1_000, 99_999)).toBe(5_000);
    expect(reopensAt(window({ reserved: 900 }), draw(500), 6_000, 99_999)).toBe(7_000);
    expect(reopensAt(window(), draw(5_000), 6_000, 99_999)).toBe(99_999);
  });
});
