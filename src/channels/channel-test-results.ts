import type { Store } from '../store/database.js';
import type { ChannelTestResult } from './channel-tester.js';

/** The last test of a channel, as the console's list shows it. */
export interface LastChannelTest {
  at: number;
  ok: boolean;
  latencyMs: number;
  model: string;
  status: number | null;
  error: { kind: string; message: string } | null;
}

/**
 * The last test result of each channel, one row per channel id (written over on every test), so
 * the latency column survives a reload and is the same on every replica.
 */
export class ChannelTestResults {
  constructor(private readonly store: Store) {}

  async record(result: ChannelTestResult, at: number): Promise<void> {
    const row = {
      tested_at: at,
      ok: result.ok ? 1 : 0,
      latency_ms: Math.max(0, Math.round(result.latencyMs)),
      model: result.model,
      status: result.status ?? null,
      error_kind: result.error?.kind ?? null,
      error_message: result.error?.message.slice(0, 1000) ?? null,
    };
    await this.store.db
      .insertInto('channel_test_results')
      .values({ channel_id: result.channelId, ...row })
      .onConflict((conflict) => conflict.column('channel_id').doUpdateSet(row))
      .execute();
  }

  async all(): Promise<Map<string, LastChannelTest>> {
    const rows = await this.store.db.selectFrom('channel_test_results').selectAll().execute();
    return new Map(
      rows.map((row) => [
        row.channel_id,
        {
          at: Number(row.tested_at),
          ok: row.ok === 1,
          latencyMs: row.latency_ms,
          model: row.model,
          status: row.status,
          error: row.error_kind ? { kind: row.error_kind, message: row.error_message ?? '' } : null,
        },
      ]),
    );
  }

  /** A deleted channel's result goes with it. */
  async forget(channelId: string): Promise<void> {
    await this.store.db.deleteFrom('channel_test_results').where('channel_id', '=', channelId).execute();
  }
}
