import type { Channel } from '../routing/channel.js';
import type { ChannelStatus } from '../store/schema.js';
import { normalizeReason } from './channel-input.js';
import type { ChannelStatusInfo } from './channel-view.js';

/**
 * Channel and key statuses held in memory on top of the declared channels. The registry keeps
 * two: one for env/config channels, which are not in the database so their status cannot be
 * persisted (it lasts until the process restarts, and each replica has its own), and one for
 * admin channels auto-disabled a moment ago, so the bad key leaves the live set at once while
 * the database write and reload catch up.
 */
export class StatusOverlay {
  private readonly channels = new Map<string, ChannelStatusInfo>();
  private readonly keys = new Map<string, ChannelStatusInfo>();

  channel(channelId: string): ChannelStatusInfo | undefined {
    return this.channels.get(channelId);
  }

  key(channelId: string, keyId: string): ChannelStatusInfo | undefined {
    return this.keys.get(keyOf(channelId, keyId));
  }

  /** `enabled` removes the entry: enabled is what the declaration already says. */
  setChannel(channelId: string, info: ChannelStatusInfo): void {
    if (info.status === 'enabled') this.channels.delete(channelId);
    else this.channels.set(channelId, info);
  }

  setKey(channelId: string, keyId: string, info: ChannelStatusInfo): void {
    if (info.status === 'enabled') this.keys.delete(keyOf(channelId, keyId));
    else this.keys.set(keyOf(channelId, keyId), info);
  }

  clearChannel(channelId: string): void {
    this.channels.delete(channelId);
  }

  clearKey(channelId: string, keyId: string): void {
    this.keys.delete(keyOf(channelId, keyId));
  }

  /**
   * The channel as the router should see it: undefined when disabled or when every key is; the
   * same object when nothing is overridden (KeyRotation keeps its cursor per Channel object).
   */
  apply(channel: Channel): Channel | undefined {
    if (this.channels.has(channel.id)) return undefined;
    if (this.keys.size === 0) return channel;
    const keys = channel.keys.filter((key) => !this.keys.has(keyOf(channel.id, key.id)));
    if (keys.length === channel.keys.length) return channel;
    return keys.length > 0 ? { ...channel, keys } : undefined;
  }
}

// NUL cannot occur in ids, so the pair is unambiguous.
function keyOf(channelId: string, keyId: string): string {
  return `${channelId}\u0000${keyId}`;
}

/** A status as held in memory; the reason is kept only for disabled states, as in the database. */
export function statusInfo(status: ChannelStatus, reason: string | null | undefined, at: number): ChannelStatusInfo {
  return { status, reason: status === 'enabled' ? null : normalizeReason(reason), changedAt: at };
}
