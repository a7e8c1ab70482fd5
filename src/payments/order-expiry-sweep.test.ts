import { describe, expect, it, vi } from 'vitest';
import { OrderExpirySweep } from './order-expiry-sweep.js';

describe('order expiry sweep', () => {
  it('expires due orders on its timer, and stops', async () => {
    vi.useFakeTimers();
    try {
      const expireDue = vi.fn(async () => 1);
      const sweep = new OrderExpirySweep({ expireDue }, { intervalMs: 1000 });
      sweep.start();
      await vi.advanceTimersByTimeAsync(3500);
      expect(expireDue).toHaveBeenCalledTimes(3);
      await sweep.stop();
      await vi.advanceTimersByTimeAsync(5000);
      expect(expireDue).toHaveBeenCalledTimes(3);
    } finally {
      vi.useRealTimers();
    }
  });

  it('survives a failing sweep and runs one sweep at a time', async () => {
    let release: () => void = () => {};
    const expireDue = vi
      .fn<() => Promise<number>>()
      .mockImplementationOnce(() => new Promise((resolve) => (release = () => resolve(0))))
      .mockRejectedValueOnce(new Error('database down'));
    const warn = vi.fn();
    const sweep = new OrderExpirySweep({ expireDue }, { logger: { warn, info: vi.fn() } });
    const first = sweep.sweep();
    const second = sweep.sweep();
    expect(second).toBe(first);
    release();
    await first;
    await sweep.sweep();
    expect(expireDue).toHaveBeenCalledTimes(2);
    expect(warn).toHaveBeenCalledOnce();
  });
});
