/**
 * This process's row in `instances`. Its heartbeat is how other processes (and this one after a
 * restart, under a new id) tell a live holder of reservations from a dead one.
 */
import type { Store } from '../store/database.js';

export class InstanceRegistry {
  constructor(
    private readonly store: Store,
    readonly id: string,
    private readonly now: () => number,
  ) {}

  /** Creates the row (or revives it: an upsert, so a row swept while we were paused comes back). */
  async register(): Promise<void> {
    const at = this.now();
    await this.store.db
      .insertInto('instances')
      .values({ id: this.id, started_at: at, heartbeat_at: at })
      .onConflict((oc) => oc.column('id').doUpdateSet({ heartbeat_at: at }))
      .execute();
  }

  async heartbeat(): Promise<void> {
    await this.register();
  }

  /** Removes the row on a clean stop, unless reservations still name it (the sweep will see them). */
  async unregister(): Promise<void> {
    await this.store.db
      .deleteFrom('instances')
      .where('id', '=', this.id)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('reservations').select('id').where('instance_id', '=', this.id))))
      // Plan holds count too: their row tells the orphan sweep when this instance was last alive.
      .where((eb) =>
        eb.not(eb.exists(eb.selectFrom('plan_holds').select('request_id').where('instance_id', '=', this.id))),
      )
      .execute();
  }
}
