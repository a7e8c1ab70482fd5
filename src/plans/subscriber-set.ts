/**
 * Which users hold an active subscription, in memory, so the balance hot path pays one Set lookup
 * for users without one (no database read). Rebuilt from the database at start, after a local
 * change (and announced on the config bus as `plans`, so other replicas rebuild too), and by
 * PlanService's periodic sweep as a safety net for a lost bus message. A user listed who no longer
 * has a subscription costs one small read per request until the next rebuild; never a wrong charge.
 */
import type { Store } from '../store/database.js';

/** How long a user marked by add() counts as a subscriber whatever the database said since. */
const PENDING_MS = 5 * 60 * 1000;

export class SubscriberSet {
  private users = new Set<string>();
  /** Users granted a subscription in a transaction that may not have committed yet → until when. */
  private readonly pending = new Map<string, number>();
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly store: Store,
    private readonly now: () => number = Date.now,
  ) {}

  has(userId: string): boolean {
    if (this.users.has(userId)) return true;
    if (this.pending.size === 0) return false;
    const until = this.pending.get(userId);
    if (until === undefined) return false;
    if (until > this.now()) return true;
    this.pending.delete(userId);
    return false;
  }

  /**
   * Marks a user before a grant commits, for a while, so a reload that ran before the commit
   * cannot drop them (a false positive is harmless; a false negative would bill the balance).
   */
  add(userId: string): void {
    this.pending.set(userId, this.now() + PENDING_MS);
  }

  /** A grant marked by add() has committed (or failed): the database answers for the user again. */
  settle(userId: string): void {
    this.pending.delete(userId);
  }

  /** Re-reads the set from the database. */
  async reload(): Promise<void> {
    const rows = await this.store.db
      .selectFrom('subscriptions')
      .select('user_id')
      .distinct()
      .where('status', '=', 'active')
      .execute();
    this.users = new Set(rows.map((row) => row.user_id));
  }

  /** A local change: rebuild, then tell the listeners (the config bus announces it). */
  async changed(): Promise<void> {
    await this.reload();
    for (const listener of this.listeners) listener();
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
