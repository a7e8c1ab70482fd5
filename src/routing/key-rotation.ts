import type { Channel, ChannelKey } from './channel.js';

/** Round-robin over a channel's key pool so no single upstream key takes the whole burst. */
export class KeyRotation {
  private readonly cursor = new WeakMap<Channel, number>();

  /** Keys in the order to try them for one request: the next in turn first, then the rest. */
  order(channel: Channel): ChannelKey[] {
    const keys = channel.keys;
    if (keys.length <= 1) return keys;
    const start = this.cursor.get(channel) ?? 0;
    this.cursor.set(channel, (start + 1) % keys.length);
    return [...keys.slice(start), ...keys.slice(0, start)];
  }
}
