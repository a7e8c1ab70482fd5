import type { Channel } from '../routing/channel.js';
import type { ChannelStatus } from '../store/schema.js';
import { channelKeyNotFound, channelNotFound } from './channel-errors.js';
import { type ChannelStatusInfo, type ChannelView, staticChannelView } from './channel-view.js';
import { StatusOverlay, statusInfo } from './status-overlay.js';

/**
 * Channels declared by environment variables and the config file. They are not in the database,
 * so their settings are read-only and their statuses (admin enable/disable, auto-disable) live in
 * memory: lost on restart (the declaration wins again) and per replica (each one detects a dead
 * account on its own after a failed call or two).
 */
export class StaticChannels {
  private readonly byId: Map<string, Channel>;
  private readonly names: Set<string>;
  private readonly memory = new StatusOverlay();

  constructor(
    readonly declared: Channel[],
    private readonly now: () => number,
  ) {
    this.byId = new Map(declared.map((channel) => [channel.id, channel]));
    this.names = new Set(declared.map((channel) => channel.name.toLowerCase()));
  }

  has(channelId: string): boolean {
    return this.byId.has(channelId);
  }

  /** The declared channel, whole key pool included. */
  get(channelId: string): Channel | undefined {
    return this.byId.get(channelId);
  }

  isReservedName(name: string): boolean {
    return this.names.has(name.trim().toLowerCase());
  }

  /** The declared channels minus what is disabled in memory. */
  live(): Channel[] {
    const out: Channel[] = [];
    for (const channel of this.declared) {
      const visible = this.memory.apply(channel);
      if (visible) out.push(visible);
    }
    return out;
  }

  views(): ChannelView[] {
    return this.declared.map((channel) => this.viewOf(channel));
  }

  view(channelId: string): ChannelView {
    return this.viewOf(this.require(channelId));
  }

  statusOf(channelId: string): ChannelStatusInfo | undefined {
    if (!this.byId.has(channelId)) return undefined;
    return this.memory.channel(channelId) ?? { status: 'enabled', reason: null, changedAt: null };
  }

  setStatus(channelId: string, status: ChannelStatus, reason?: string | null): ChannelView {
    const channel = this.require(channelId);
    this.memory.setChannel(channelId, statusInfo(status, reason, this.now()));
    return this.viewOf(channel);
  }

  setKeyStatus(channelId: string, keyId: string, status: ChannelStatus, reason?: string | null): ChannelView {
    const channel = this.require(channelId);
    if (!channel.keys.some((key) => key.id === keyId)) throw channelKeyNotFound();
    this.memory.setKey(channelId, keyId, statusInfo(status, reason, this.now()));
    return this.viewOf(channel);
  }

  /** False when unknown or already disabled (the first reason is kept). */
  autoDisableChannel(channelId: string, reason: string): boolean {
    if (!this.byId.has(channelId) || this.memory.channel(channelId)) return false;
    this.memory.setChannel(channelId, statusInfo('auto_disabled', reason, this.now()));
    return true;
  }

  autoDisableKey(channelId: string, keyId: string, reason: string): boolean {
    const known = this.byId.get(channelId)?.keys.some((key) => key.id === keyId);
    if (!known || this.memory.key(channelId, keyId)) return false;
    this.memory.setKey(channelId, keyId, statusInfo('auto_disabled', reason, this.now()));
    return true;
  }

  /** For a test call: `keyId` alone (even disabled), else the keys not disabled in memory. */
  forTest(channelId: string, keyId?: string): Channel {
    const channel = this.require(channelId);
    const keys = keyId
      ? channel.keys.filter((key) => key.id === keyId)
      : channel.keys.filter((key) => !this.memory.key(channelId, key.id));
    if (keyId && keys.length === 0) throw channelKeyNotFound();
    return { ...channel, keys };
  }

  private require(channelId: string): Channel {
    const channel = this.byId.get(channelId);
    if (!channel) throw channelNotFound();
    return channel;
  }

  private viewOf(channel: Channel): ChannelView {
    return staticChannelView(channel, this.memory.channel(channel.id), (keyId) => this.memory.key(channel.id, keyId));
  }
}
