import type { Channel, ChannelKey } from './channel.js';

/**
 * Round-robin over a channel's key pool so no single upstream key takes the whole burst. Keys that
 * cannot be used now (cooling down, breaker open) are passed over without losing their turn
 * order: the cursor moves past the key actually put first.
 */
export class KeyRotation {
  private readonly cursor = new WeakMap<Channel, number>();

  /** Usable keys in the order to try them for one request: the next in turn first, then the rest. */
  order(channel: Channel, usable: (key: ChannelKey) => boolean = () => true): ChannelKey[] {
    const keys = channel.keys;
    if (keys.length === 0) return [];
    const start = (this.cursor.get(channel) ?? 0) % keys.length;
    const ordered: ChannelKey[] = [];
    let first = -1;
    for (let step = 0; step < keys.length; step++) {
      const index = (start + step) % keys.length;
      const key = keys[index] as ChannelKey;
      if (!usable(key)) continue;
      if (first < 0) first = index;
      ordered.push(key);
    }
    if (first >= 0 && keys.length > 1) this.cursor.set(channel, (first + 1) % keys.length);
    return ordered;
  }
}
