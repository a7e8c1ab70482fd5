import type { ConfigBus, ConfigBusEvent, ConfigKind, ReceivedConfigMessage } from './config-bus.js';

/**
 * Something held in memory and rebuilt from the database: prices, the catalog, settings, the
 * channel registry. No class is required, only these two functions (adapt with a small object
 * literal, e.g. `{ onChange: (l) => settings.onChange(l), reload: () => settings.load() }`).
 */
export interface Reloadable {
  /** Local changes to announce to the other replicas. Absent: this replica never announces. */
  onChange?(listener: () => void): () => void;
  /** Re-reads from the database after another replica changed it. */
  reload(): unknown;
}

export type KeyChange = { kind: 'key'; keyId: string } | { kind: 'user'; userId: string };

/** The key cache (`src/accounts/key-cache.ts` has exactly this shape). */
export interface KeyReloadable {
  onChange?(listener: (change: KeyChange) => void): () => void;
  reloadKey(keyId: string, options: { fromRemote: true }): Promise<unknown>;
  invalidateUser(userId: string, options: { fromRemote: true }): Promise<unknown>;
  /** Full reload after a resync (messages may have been missed). */
  load?(): Promise<unknown>;
}

export interface ConfigTargets {
  keys?: KeyReloadable;
  prices?: Reloadable;
  catalog?: Reloadable;
  settings?: Reloadable;
  channels?: Reloadable;
  plans?: Reloadable;
}

export interface WireConfigBusOptions {
  onError?: (error: unknown, context: string) => void;
}

/**
 * Changes a reload of one kind causes in another kind's listeners, here so they are not echoed:
 * reloading the catalog makes the price book swap catalogs and notify (`setCatalog`).
 */
const DERIVED: Partial<Record<ConfigKind, ConfigKind[]>> = { prices: ['catalog'] };

type WholeKind = Exclude<ConfigKind, 'keys' | 'user'>;
const WHOLE_KINDS: WholeKind[] = ['prices', 'catalog', 'settings', 'channels', 'plans'];

/**
 * Connects the in-memory state of this replica to the others:
 * (a) a local change (a target's `onChange`) is published;
 * (b) a message from another replica calls the matching reload: `keys` → `reloadKey(id,
 *     { fromRemote: true })`, `user` → `invalidateUser(id, { fromRemote: true })`, the other
 *     kinds → `reload()`; a `resync` reloads everything.
 *
 * Echoes: the key cache does not notify for `fromRemote` changes. The other targets notify on
 * any reload, so while a remote reload of a kind (or of one it derives from, see DERIVED) is in
 * flight, this replica's changes of that kind are not published. A genuinely local change that
 * lands in the same few milliseconds is therefore not announced (documented limitation; the next
 * change or a resync repairs it). Reloads of one kind run one after another, so a burst of
 * messages causes at most one extra reload.
 *
 * Returns a function that unhooks everything (it does not close the bus).
 */
export function wireConfigBus(bus: ConfigBus, targets: ConfigTargets, options: WireConfigBusOptions = {}): () => void {
  const onError = options.onError ?? (() => {});
  const applying = new Map<ConfigKind, number>();
  const chains = new Map<string, Promise<void>>();
  const unhooks: Array<() => void> = [];

  const suppressed = (kind: ConfigKind) =>
    (applying.get(kind) ?? 0) > 0 || (DERIVED[kind] ?? []).some((source) => (applying.get(source) ?? 0) > 0);

  const announce = (kind: ConfigKind, id?: string) => {
    if (suppressed(kind)) return;
    void bus.publish(id === undefined ? { kind } : { kind, id });
  };

  /** Runs reloads of one kind (and id) one after another, counting them as remote while they run. */
  const apply = (kind: ConfigKind, chainKey: string, run: () => unknown): Promise<void> => {
    const previous = chains.get(chainKey) ?? Promise.resolve();
    const next = previous.then(async () => {
      applying.set(kind, (applying.get(kind) ?? 0) + 1);
      try {
        await run();
      } catch (error) {
        onError(error, `reload ${chainKey}`);
      } finally {
        applying.set(kind, (applying.get(kind) ?? 1) - 1);
      }
    });
    chains.set(chainKey, next);
    void next.then(() => {
      if (chains.get(chainKey) === next) chains.delete(chainKey);
    });
    return next;
  };

  const { keys } = targets;
  if (keys?.onChange) {
    unhooks.push(
      keys.onChange((change) =>
        change.kind === 'key' ? announce('keys', change.keyId) : announce('user', change.userId),
      ),
    );
  }
  for (const kind of WHOLE_KINDS) {
    const target = targets[kind];
    if (target?.onChange) unhooks.push(target.onChange(() => announce(kind)));
  }

  const onMessage = (message: ReceivedConfigMessage) => {
    const { kind, id } = message;
    if (kind === 'keys' || kind === 'user') {
      if (!keys) return;
      if (id === undefined) {
        if (keys.load) void apply(kind, kind, () => keys.load?.());
        return;
      }
      void apply(kind, `${kind}:${id}`, () =>
        kind === 'keys' ? keys.reloadKey(id, { fromRemote: true }) : keys.invalidateUser(id, { fromRemote: true }),
      );
      return;
    }
    const target = targets[kind];
    if (target) void apply(kind, kind, () => target.reload());
  };

  const onResync = () => {
    if (keys?.load) void apply('keys', 'keys', () => keys.load?.());
    // The catalog first: the price book derives from it.
    for (const kind of ['catalog', 'prices', 'settings', 'channels', 'plans'] as const) {
      const target = targets[kind];
      if (target) void apply(kind, kind, () => target.reload());
    }
  };

  unhooks.push(
    bus.subscribe((event: ConfigBusEvent) => {
      if (event.type === 'resync') onResync();
      else onMessage(event.message);
    }),
  );
  return () => {
    for (const unhook of unhooks.splice(0)) unhook();
  };
}
