import { beforeEach, expect, it, vi } from 'vitest';
import { describeEachDialect } from '../../test/db-harness.js';
import { clearLogs, logEntry, manualTimers } from '../../test/logs/log-fixtures.js';
import { createRequestLogInsert, type RequestLogInsert } from './request-log-insert.js';
import { MAX_BATCH_ROWS, RequestLogWriter, type RequestLogWriterOptions } from './request-log-writer.js';

/** Counts batch INSERTs around the real one, and can make the next n of them fail. */
class InsertSpy {
  inserts = 0;
  failNext = 0;
  wrap(insert: RequestLogInsert): RequestLogInsert {
    return async (rows) => {
      this.inserts++;
      if (this.failNext > 0) {
        this.failNext--;
        throw new Error('database unavailable');
      }
      await insert(rows);
    };
  }
}

describeEachDialect('RequestLogWriter', (store) => {
  let spy: InsertSpy;
  let timers: ReturnType<typeof manualTimers>;
  let insert: RequestLogInsert;

  beforeEach(async () => {
    await clearLogs(store());
    spy = new InsertSpy();
    timers = manualTimers();
    insert = spy.wrap(createRequestLogInsert(store()));
  });

  const writer = (options: RequestLogWriterOptions = {}) =>
    new RequestLogWriter(store(), { timers, insert, ...options });
  const ids = async () =>
    (await store().db.selectFrom('request_logs').select('id').orderBy('id').execute()).map((row) => row.id);
  const count = async () =>
    Number(
      (
        await store()
          .db.selectFrom('request_logs')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('queues writes synchronously and writes them in one INSERT per batch', async () => {
    const log = writer({ maxBatch: 500 });
    for (let i = 0; i < 1_200; i++) log.write(logEntry({ id: `req_${String(i).padStart(5, '0')}` }));
    expect(log.metrics.queued).toBe(1_200);
    expect(spy.inserts).toBe(0);
    await log.flush();
    expect(spy.inserts).toBe(3);
    expect(await count()).toBe(1_200);
    expect(log.metrics).toMatchObject({ queued: 0, written: 1_200, failedFlushes: 0 });
  });

  it('write() of 10,000 entries returns synchronously, touching no database', async () => {
    const log = writer();
    const results: unknown[] = [];
    for (let i = 0; i < 10_000; i++) results.push(log.write(logEntry({ id: `bulk_${i}` })));
    // Nothing was awaited: every call returned undefined (no promise) and no query ran.
    expect(results.every((result) => result === undefined)).toBe(true);
    expect(spy.inserts).toBe(0);
    expect(log.metrics.queued).toBe(10_000);
    await log.close();
    expect(await count()).toBe(10_000);
  });

  it('caps batches under the bound-parameter limit', async () => {
    const log = writer({ maxBatch: 100_000 });
    for (let i = 0; i < MAX_BATCH_ROWS + 40; i++) log.write(logEntry({ id: `cap_${i}` }));
    await log.flush();
    expect(spy.inserts).toBe(2);
    expect(await count()).toBe(MAX_BATCH_ROWS + 40);
  });

  it('flushes on the timer', async () => {
    const log = writer();
    log.write(logEntry({ id: 'tick_1' }));
    timers.tick();
    await log.flush();
    expect(await ids()).toEqual(['tick_1']);
    expect(spy.inserts).toBe(1);
  });

  it('keeps prompts and outputs only while prompt logging is on', async () => {
    let promptLogging = false;
    const log = writer({ promptLogging: () => promptLogging });
    log.write(logEntry({ id: 'p_off', prompt: 'secret prompt', output: 'secret answer' }));
    promptLogging = true;
    log.write(logEntry({ id: 'p_on', prompt: 'kept prompt', output: 'kept answer' }));
    await log.flush();
    const rows = await store().db.selectFrom('request_logs').select(['id', 'prompt', 'output']).orderBy('id').execute();
    expect(rows).toEqual([
      { id: 'p_off', prompt: null, output: null },
      { id: 'p_on', prompt: 'kept prompt', output: 'kept answer' },
    ]);
    const noGetter = writer();
    noGetter.write(logEntry({ id: 'p_default', prompt: 'secret' }));
    await noGetter.flush();
    const stored = await store()
      .db.selectFrom('request_logs')
      .select('prompt')
      .where('id', '=', 'p_default')
      .executeTakeFirst();
    expect(stored?.prompt).toBeNull();
  });

  it('tolerates the same request logged twice, in one batch or across batches', async () => {
    const log = writer();
    log.write(logEntry({ id: 'dup_1', cost: 1 }));
    await log.flush();
    log.write(logEntry({ id: 'dup_1', cost: 2 }));
    log.write(logEntry({ id: 'dup_2' }));
    log.write(logEntry({ id: 'dup_2' }));
    log.write(logEntry({ id: 'dup_3' }));
    await log.flush();
    expect(await ids()).toEqual(['dup_1', 'dup_2', 'dup_3']);
    const first = await store()
      .db.selectFrom('request_logs')
      .select('cost')
      .where('id', '=', 'dup_1')
      .executeTakeFirst();
    expect(Number(first?.cost)).toBe(1);
    expect(log.metrics).toMatchObject({ failedFlushes: 0, droppedFailed: 0 });
  });

  it('retries a failed batch on the next flush, then drops it and counts', async () => {
    const logger = { warn: vi.fn(), error: vi.fn() };
    const log = writer({ maxAttempts: 3, logger });
    spy.failNext = 2;
    log.write(logEntry({ id: 'retry_1' }));
    await log.flush();
    expect(log.metrics).toMatchObject({ retrying: 1, failedFlushes: 1 });
    await log.flush();
    await log.flush();
    expect(await ids()).toEqual(['retry_1']);
    expect(log.metrics).toMatchObject({ retrying: 0, failedFlushes: 2, droppedFailed: 0, written: 1 });

    spy.failNext = 100;
    log.write(logEntry({ id: 'lost_1' }));
    log.write(logEntry({ id: 'lost_2' }));
    await log.flush();
    await log.flush();
    await log.flush();
    expect(log.metrics).toMatchObject({ retrying: 0, droppedFailed: 2, failedFlushes: 5 });
    expect(logger.warn).toHaveBeenCalledTimes(5);
    expect(logger.error).toHaveBeenCalledTimes(1);
    spy.failNext = 0;
    log.write(logEntry({ id: 'after_1' }));
    await log.flush();
    expect(await ids()).toEqual(['after_1', 'retry_1']);
  });

  it('drops the oldest entries when the queue is full, and counts them', async () => {
    const log = writer({ maxQueue: 3 });
    for (let i = 1; i <= 5; i++) log.write(logEntry({ id: `q_${i}` }));
    expect(log.metrics).toMatchObject({ queued: 3, droppedQueueFull: 2 });
    await log.flush();
    expect(await ids()).toEqual(['q_3', 'q_4', 'q_5']);
  });

  it('stores the key group the request ran in, and null when the entry has none', async () => {
    const log = writer();
    log.write(logEntry({ id: 'g_vip', keyGroup: 'vip' }));
    log.write(logEntry({ id: 'g_none' }));
    await log.flush();
    const rows = await store()
      .db.selectFrom('request_logs')
      .select(['id', 'key_group'])
      .where('id', 'in', ['g_vip', 'g_none'])
      .orderBy('id')
      .execute();
    expect(rows).toEqual([
      { id: 'g_none', key_group: null },
      { id: 'g_vip', key_group: 'vip' },
    ]);
  });

  it('close() writes everything, stops the timer, and refuses later writes', async () => {
    const log = writer({ maxBatch: 2 });
    for (let i = 1; i <= 5; i++) log.write(logEntry({ id: `c_${i}` }));
    expect(timers.live.size).toBe(1);
    await log.close();
    expect(timers.live.size).toBe(0);
    expect(await count()).toBe(5);
    log.write(logEntry({ id: 'c_late' }));
    expect(log.metrics).toMatchObject({ queued: 0, droppedRejected: 1 });
  });

  it('close() ends even when the database stays down', async () => {
    const log = writer({ maxBatch: 2, maxAttempts: 2 });
    spy.failNext = 1_000;
    for (let i = 1; i <= 5; i++) log.write(logEntry({ id: `d_${i}` }));
    await log.close();
    expect(log.metrics).toMatchObject({ queued: 0, retrying: 0, droppedFailed: 5 });
  });
});
