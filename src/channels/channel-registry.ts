import type { Channel } from '../routing/channel.js';
import type { ChannelStatus } from '../store/schema.js';
import type { ChannelStore } from './channel-store.js';
import type { ChannelStatusInfo, ChannelView } from './channel-view.js';
import { StaticChannels } from './static-channels.js';
import { StatusOverlay, statusInfo } from './status-overlay.js';

export type ChannelsListener = (channels: Channel[]) => void;
/** Told after a change made on this replica, so the cluster layer can broadcast "channels changed". */
export type LocalChangeHook = () => void | Promise<void>;

export interface ChannelRegistryOptions {
  store: ChannelStore;
  /** Env and config channels, declared at start: read-only, statuses held in memory only. */
  staticChannels: Channel[];
  now: () => number;
  /** A listener, hook, auto-disable write or remote reload failed; the last good set is kept. */
  onError?: (error: unknown) => void;
}

/**
 * The live channel set the router uses: env + config channels, then the enabled admin channels
 * from the database. Rebuilt on every change and pushed to `onChange` listeners, so the app
 * swaps its ModelRouter at once (no restart). Also the auto-disable API of the resilience layer.
 */
export class ChannelRegistry {
  readonly statics: StaticChannels;
  private readonly store: ChannelStore;
  /** Admin channels auto-disabled a moment ago: out of the live set before the write lands. */
  private readonly pending = new StatusOverlay();
  private readonly listeners = new Set<ChannelsListener>();
  private readonly localHooks = new Set<LocalChangeHook>();
  private admin: Channel[] = [];
  private adminStatuses = new Map<string, ChannelStatusInfo>();
  private live: Channel[];
  private inFlight?: Promise<Channel[]>;
  private rerun?: Promise<Channel[]>;

  constructor(private readonly options: ChannelRegistryOptions) {
    this.store = options.store;
    this.statics = new StaticChannels(options.staticChannels, options.now);
    this.live = this.compose();
  }

  /** The current live set (env/config channels only until the first reload()). */
  get channels(): Channel[] {
    return this.live;
  }

  /** Called with the new set after every change; returns an unsubscribe function. */
  onChange(listener: ChannelsListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onLocalChange(hook: LocalChangeHook): () => void {
    this.localHooks.add(hook);
    return () => this.localHooks.delete(hook);
  }

  /**
   * Re-reads admin channels and publishes the new set. Concurrent calls coalesce: a call made
   * while a reload runs waits for one more reload that starts after it, so it sees its change.
   * Rejects (keeping the previous set) when the database cannot be read.
   */
  reload(): Promise<Channel[]> {
    if (!this.inFlight) return this.startReload();
    this.rerun ??= this.inFlight
      .catch(() => undefined)
      .then(() => {
        this.rerun = undefined;
        return this.startReload();
      });
    return this.rerun;
  }

  /** After a change made here (admin API, auto-disable): reload, then tell the cluster hooks. */
  async changed(): Promise<Channel[]> {
    const channels = await this.reload();
    for (const hook of this.localHooks) {
      // Not awaited: a slow broadcast must not hold the admin's response.
      Promise.resolve()
        .then(hook)
        .catch((error: unknown) => this.report(error));
    }
    return channels;
  }

  /** Another replica changed channels: reload without re-broadcasting. Never rejects. */
  async notifyRemoteChange(): Promise<Channel[]> {
    try {
      return await this.reload();
    } catch (error) {
      this.report(error);
      return this.live;
    }
  }

  /** Every channel as admins see it: env/config first (read-only), then the database's. */
  async list(): Promise<ChannelView[]> {
    const stored = await this.store.list();
    return [...this.statics.views(), ...stored.map((view) => this.withPending(view))];
  }

  async view(channelId: string): Promise<ChannelView> {
    if (this.statics.has(channelId)) return this.statics.view(channelId);
    return this.withPending(await this.store.get(channelId));
  }

  /** Status for the admin list; undefined for an unknown id. */
  statusOf(channelId: string): ChannelStatusInfo | undefined {
    return this.statics.statusOf(channelId) ?? this.pending.channel(channelId) ?? this.adminStatuses.get(channelId);
  }

  /** Admin enable/disable: persisted for admin channels, in memory for env/config ones. */
  async setStatus(channelId: string, status: ChannelStatus, reason?: string | null): Promise<ChannelView> {
    if (this.statics.has(channelId)) {
      const view = this.statics.setStatus(channelId, status, reason);
      this.publish();
      return view;
    }
    const view = await this.store.setStatus(channelId, status, reason);
    this.pending.clearChannel(channelId);
    await this.changed();
    return view;
  }

  /**
   * Bulk enable/disable: every id must exist (else nothing changes: a 404 before any write), then
   * each is set as setStatus would, with one reload and broadcast at the end.
   */
  async setStatusMany(channelIds: string[], status: ChannelStatus, reason?: string | null): Promise<number> {
    const stored = channelIds.filter((id) => !this.statics.has(id));
    await this.store.requireAll(stored);
    for (const id of channelIds) if (this.statics.has(id)) this.statics.setStatus(id, status, reason);
    await this.store.setStatusMany(stored, status, reason);
    for (const id of stored) this.pending.clearChannel(id);
    if (stored.length > 0) await this.changed();
    else this.publish();
    return channelIds.length;
  }

  async setKeyStatus(
    channelId: string,
    keyId: string,
    status: ChannelStatus,
    reason?: string | null,
  ): Promise<ChannelView> {
    if (this.statics.has(channelId)) {
      const view = this.statics.setKeyStatus(channelId, keyId, status, reason);
      this.publish();
      return view;
    }
    const view = await this.store.setKeyStatus(channelId, keyId, status, reason);
    this.pending.clearKey(channelId, keyId);
    await this.changed();
    return view;
  }

  /**
   * A clear account error on one key (invalid key, no credit): the key leaves the live set at
   * once and, for admin channels, is persisted as `auto_disabled` with the reason. Resolves false
   * when it was already disabled (the first reason is kept) or is unknown. Never rejects.
   */
  async autoDisableKey(channelId: string, keyId: string, reason: string): Promise<boolean> {
    if (this.statics.has(channelId)) return this.publishIf(this.statics.autoDisableKey(channelId, keyId, reason));
    if (this.pending.key(channelId, keyId)) return false;
    this.pending.setKey(channelId, keyId, statusInfo('auto_disabled', reason, this.options.now()));
    this.publish();
    return this.persist(
      () => this.store.autoDisableKey(channelId, keyId, reason),
      () => this.pending.clearKey(channelId, keyId),
    );
  }

  /** The whole account failed (suspended): like autoDisableKey, for the channel. */
  async autoDisableChannel(channelId: string, reason: string): Promise<boolean> {
    if (this.statics.has(channelId)) return this.publishIf(this.statics.autoDisableChannel(channelId, reason));
    if (this.pending.channel(channelId)) return false;
    this.pending.setChannel(channelId, statusInfo('auto_disabled', reason, this.options.now()));
    this.publish();
    return this.persist(
      () => this.store.autoDisableChannel(channelId, reason),
      () => this.pending.clearChannel(channelId),
    );
  }

  /** A channel to test whatever its status: `keyId` alone when given, else its enabled keys. */
  channelForTest(channelId: string, keyId?: string): Promise<Channel> {
    if (this.statics.has(channelId)) return Promise.resolve(this.statics.forTest(channelId, keyId));
    return this.store.loadChannel(channelId, keyId ? { keyId } : {});
  }

  /**
   * Writes an auto-disable, then reloads and broadcasts. The in-memory entry is dropped only once
   * the reloaded set reflects the database; if the write fails it stays (better to skip a key
   * than to keep calling a dead account) until an admin sets the status, or a restart.
   */
  private async persist(write: () => Promise<boolean>, clear: () => void): Promise<boolean> {
    try {
      const updated = await write();
      await (updated ? this.changed() : this.reload());
      clear();
      this.publish();
      return updated;
    } catch (error) {
      this.report(error);
      return true;
    }
  }

  private publishIf(changed: boolean): boolean {
    if (changed) this.publish();
    return changed;
  }

  private startReload(): Promise<Channel[]> {
    const tracked: Promise<Channel[]> = this.store
      .loadLive()
      .then(({ channels, statuses }) => {
        this.admin = channels;
        this.adminStatuses = statuses;
        return this.publish();
      })
      .finally(() => {
        if (this.inFlight === tracked) this.inFlight = undefined;
      });
    this.inFlight = tracked;
    return tracked;
  }

  private publish(): Channel[] {
    this.live = this.compose();
    for (const listener of this.listeners) {
      try {
        listener(this.live);
      } catch (error) {
        this.report(error);
      }
    }
    return this.live;
  }

  private compose(): Channel[] {
    const out = this.statics.live();
    for (const channel of this.admin) {
      const visible = this.pending.apply(channel);
      if (visible) out.push(visible);
    }
    return out;
  }

  /** An admin view showing an auto-disable that is not persisted yet. */
  private withPending(view: ChannelView): ChannelView {
    const keys = view.keys.map((key) => {
      const info = this.pending.key(view.id, key.id);
      return info ? { ...key, status: info.status, statusReason: info.reason, statusChangedAt: info.changedAt } : key;
    });
    const info = this.pending.channel(view.id);
    if (!info) return { ...view, keys };
    return { ...view, keys, status: info.status, statusReason: info.reason, statusChangedAt: info.changedAt };
  }

  private report(error: unknown): void {
    this.options.onError?.(error);
  }
}
