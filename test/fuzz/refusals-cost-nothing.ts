/**
 * A refused request costs nothing: after a 4xx from the relay, every balance is what it was, no
 * ledger entry names the request, and no hold is left for it. Balances are compared only once
 * earlier requests have settled (their holds are gone), since a 2xx settles after its last byte.
 */
import type { Store } from '../../src/store/database.js';
import type { FuzzAnswer } from './answer-checks.js';

/** Longest wait for earlier requests to settle before a snapshot. */
const SETTLE_WAIT_MS = 10_000;

export type Balances = Map<string, number>;

export class RefusalLedger {
  constructor(private readonly store: Store) {}

  /** Waits until no hold is open (every earlier request settled), then reads every balance. */
  async settledBalances(): Promise<Balances> {
    const deadline = Date.now() + SETTLE_WAIT_MS;
    for (;;) {
      const open = await this.store.db.selectFrom('reservations').select('id').limit(1).execute();
      if (open.length === 0) break;
      if (Date.now() > deadline) throw new Error(`holds still open after ${SETTLE_WAIT_MS} ms: ${open[0].id}`);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const rows = await this.store.db.selectFrom('users').select(['id', 'balance']).execute();
    return new Map(rows.map((row) => [row.id, Number(row.balance)]));
  }

  /** What a refused answer cost: balances moved, ledger entries and holds for its request id. */
  async costOfRefusal(before: Balances, answer: FuzzAnswer): Promise<string[]> {
    if (answer.status < 400) return [];
    const problems: string[] = [];
    const requestId = String(answer.headers['x-request-id'] ?? '');
    const entries = await this.store.db
      .selectFrom('ledger_entries')
      .select(['kind', 'amount'])
      .where('reference', '=', requestId)
      .execute();
    if (entries.length > 0) problems.push(`a ${answer.status} left ledger entries: ${JSON.stringify(entries)}`);
    const holds = await this.store.db.selectFrom('reservations').select('amount').where('id', '=', requestId).execute();
    if (holds.length > 0) problems.push(`a ${answer.status} left its hold open: ${JSON.stringify(holds)}`);
    const after = await this.settledBalances();
    for (const [userId, balance] of after) {
      const was = before.get(userId);
      if (was !== undefined && was !== balance)
        problems.push(`a ${answer.status} moved ${userId}'s balance from ${was} to ${balance}`);
    }
    return problems;
  }
}
