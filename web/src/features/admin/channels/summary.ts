import type { Channel, RoutingHealth } from './types';

export interface ChannelCounts {
  total: number;
  enabled: number;
  disabled: number;
  autoDisabled: number;
  readOnly: number;
  /** Keys (across channels) in the pool, and how many are enabled. */
  keys: number;
  keysEnabled: number;
  /** Enabled channels with a key cooling down or a breaker open. */
  degraded: number;
  cooling: number;
  openBreakers: number;
}

/** Counts for the channel summary strip and the dashboard's health card. */
export function countChannels(channels: Channel[], health: RoutingHealth | undefined, now = Date.now()): ChannelCounts {
  const ids = new Set(channels.map((channel) => channel.id));
  const cooling = (health?.cooldowns ?? []).filter((item) => item.until > now && ids.has(item.channelId));
  const breakers = (health?.openBreakers ?? []).filter((item) => ids.has(item.channelId));
  const troubled = new Set([...cooling, ...breakers].map((item) => item.channelId));
  const count = (predicate: (channel: Channel) => boolean) => channels.filter(predicate).length;
  return {
    total: channels.length,
    enabled: count((channel) => channel.status === 'enabled'),
    disabled: count((channel) => channel.status === 'disabled'),
    autoDisabled: count((channel) => channel.status === 'auto_disabled'),
    readOnly: count((channel) => channel.readOnly),
    keys: channels.reduce((sum, channel) => sum + channel.keys.length, 0),
    keysEnabled: channels.reduce(
      (sum, channel) => sum + channel.keys.filter((key) => key.status === 'enabled').length,
      0,
    ),
    degraded: count((channel) => channel.status === 'enabled' && troubled.has(channel.id)),
    cooling: cooling.length,
    openBreakers: breakers.length,
  };
}
