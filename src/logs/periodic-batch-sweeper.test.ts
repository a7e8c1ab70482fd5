import { describe, expect, it, vi } from 'vitest';
import { manualTimers } from '../../test/logs/log-fixtures.js';
import { type DeleteBatch, PeriodicBatchSweeper } from './periodic-batch-sweeper.js';

/** A table of `rows` rows; each batch deletes up to its limit, and records the limit it was given. */
function table(rows: number) {
  const state = { left: rows, limits: [] as number[] };
  const deleteBatch: DeleteBatch = async (limit) => {
    state.limits.push(limit);
    const deleted = Math.min(limit, state.left);
    state.left -= deleted;
    return deleted;
  };
  return { state, deleteBatch };
}

/** A batch delete that waits to be let go, one batch at a time. */
function gatedTable(rows: number) {
  const state = { left: rows, batches: 0 };
  let open: (() => void) | undefined;
  const deleteBatch: DeleteBatch = (limit) =>
    new Promise((resolve) => {
      state.batches++;
      open = () => {
        const deleted = Math.min(limit, state.left);
        state.left -= deleted;
        resolve(deleted);
      };
    });
  /** Lets the current batch finish, once one has started. */
  const release = async () => {
    await vi.waitFor(() => expect(open).toBeDefined());
    const current = open;
    open = undefined;
    current?.();
  };
  return { state, deleteBatch, release };
}

describe('PeriodicBatchSweeper', () => {
  it('deletes in batches until a batch comes back short, and answers the total', async () => {
    const { state, deleteBatch } = table(7);
    const sweeper = new PeriodicBatchSweeper({ planSweep: () => deleteBatch, batchSize: 3, failureMessage: 'x' });
    expect(await sweeper.sweep()).toBe(7);
    expect(state.limits).toEqual([3, 3, 3]);
    expect(await sweeper.sweep()).toBe(0);
  });

  it('plans each sweep once, and a null plan sweeps nothing', async () => {
    const { state, deleteBatch } = table(5);
    let enabled = false;
    const planSweep = vi.fn(() => (enabled ? deleteBatch : null));
    const sweeper = new PeriodicBatchSweeper({ planSweep, batchSize: 2, failureMessage: 'x' });
    expect(await sweeper.sweep()).toBe(0);
    expect(state.limits).toEqual([]);
    enabled = true;
    expect(await sweeper.sweep()).toBe(5);
    expect(planSweep).toHaveBeenCalledTimes(2);
  });

  it('uses batches of at least one row', async () => {
    const { state, deleteBatch } = table(2);
    const sweeper = new PeriodicBatchSweeper({ planSweep: () => deleteBatch, batchSize: 0, failureMessage: 'x' });
    expect(await sweeper.sweep()).toBe(2);
    expect(state.limits).toEqual([1, 1, 1]);
  });

  it('sweeps on start and on every interval until stopped; a second start adds no timer', async () => {
    const timers = manualTimers();
    const setInterval = vi.spyOn(timers, 'setInterval');
    const planSweep = vi.fn(() => table(0).deleteBatch);
    const sweeper = new PeriodicBatchSweeper({
      planSweep,
      batchSize: 10,
      intervalMs: 60_000,
      timers,
      failureMessage: 'x',
    });
    sweeper.start();
    sweeper.start();
    expect(setInterval).toHaveBeenCalledOnce();
    expect(setInterval.mock.calls[0]?.[1]).toBe(60_000);
    await sweeper.sweep(); // joins the sweep start() began
    expect(planSweep).toHaveBeenCalledOnce();
    timers.tick();
    await sweeper.sweep();
    expect(planSweep).toHaveBeenCalledTimes(2);
    await sweeper.stop();
    expect(timers.live.size).toBe(0);
    timers.tick();
    expect(planSweep).toHaveBeenCalledTimes(2);
  });

  it('joins a sweep already running instead of starting a second one', async () => {
    const gated = gatedTable(1);
    const planSweep = vi.fn(() => gated.deleteBatch);
    const sweeper = new PeriodicBatchSweeper({ planSweep, batchSize: 5, failureMessage: 'x' });
    const first = sweeper.sweep();
    const second = sweeper.sweep();
    expect(second).toBe(first);
    await gated.release();
    expect(await second).toBe(1);
    expect(planSweep).toHaveBeenCalledOnce();
    expect(gated.state.batches).toBe(1);
  });

  it('stop() waits for the running batch and ends the sweep there', async () => {
    const gated = gatedTable(100);
    const timers = manualTimers();
    const sweeper = new PeriodicBatchSweeper({
      planSweep: () => gated.deleteBatch,
      batchSize: 10,
      timers,
      failureMessage: 'x',
    });
    sweeper.start();
    await gated.release(); // first batch done; the second starts
    await vi.waitFor(() => expect(gated.state.batches).toBe(2));
    let stopped = false;
    const stopping = sweeper.stop().then(() => {
      stopped = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false); // the second batch is still running
    await gated.release();
    await stopping;
    expect(gated.state.batches).toBe(2);
    expect(gated.state.left).toBe(80);
    // Stopping is over: a later sweep runs to the end again.
    const later = sweeper.sweep();
    for (let batch = 0; batch < 9; batch++) await gated.release();
    expect(await later).toBe(80);
  });

  it('logs a failed sweep with what it had deleted, resolves, and sweeps again next time', async () => {
    const logger = { warn: vi.fn(), error: vi.fn() };
    let calls = 0;
    const deleteBatch: DeleteBatch = async (limit) => {
      calls++;
      if (calls === 2) throw new Error('database gone');
      return calls === 4 ? 1 : limit;
    };
    const sweeper = new PeriodicBatchSweeper({
      planSweep: () => deleteBatch,
      batchSize: 4,
      logger,
      failureMessage: 'sweep failed',
    });
    expect(await sweeper.sweep()).toBe(4);
    expect(logger.warn).toHaveBeenCalledWith({ err: expect.any(Error), deleted: 4 }, 'sweep failed');
    expect(await sweeper.sweep()).toBe(5);
    const plan = vi.fn(() => {
      throw new Error('settings unavailable');
    });
    const failingPlan = new PeriodicBatchSweeper({
      planSweep: plan,
      batchSize: 4,
      logger,
      failureMessage: 'plan failed',
    });
    expect(await failingPlan.sweep()).toBe(0);
    expect(logger.warn).toHaveBeenLastCalledWith({ err: expect.any(Error), deleted: 0 }, 'plan failed');
  });
});
