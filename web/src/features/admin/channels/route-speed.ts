import type { Channel, RouteSpeedRow } from './types';

/** How the speed table is ordered: as served (most recent first), fastest first token, most tokens/s. */
export type SpeedOrder = 'recent' | 'latency' | 'throughput';

export interface SpeedTableRow extends RouteSpeedRow {
  /** The channel, when it still exists. */
  channel?: Channel;
}

/**
 * The rows of the speed table: each measured route with its channel, those matching `query`
 * (channel name, vendor or model), in `order`. Routes never measured on a figure sort last by it,
 * as `provider.sort` ranks them (routing/provider-preferences.ts).
 */
export function speedTableRows(
  rows: readonly RouteSpeedRow[],
  channels: readonly Channel[],
  query: string,
  order: SpeedOrder,
): SpeedTableRow[] {
  const byId = new Map(channels.map((channel) => [channel.id, channel]));
  const needle = query.trim().toLowerCase();
  const joined = rows
    .map((row) => ({ ...row, channel: byId.get(row.channelId) }))
    .filter(
      (row) =>
        !needle ||
        [row.model, row.channelId, row.channel?.name ?? '', row.channel?.type ?? ''].some((text) =>
          text.toLowerCase().includes(needle),
        ),
    );
  switch (order) {
    case 'recent':
      return joined;
    case 'latency':
      return joined.sort((a, b) => (a.ttftMs ?? Number.POSITIVE_INFINITY) - (b.ttftMs ?? Number.POSITIVE_INFINITY));
    case 'throughput':
      return joined.sort((a, b) => (b.tokensPerSecond ?? -1) - (a.tokensPerSecond ?? -1));
    default: {
      const unknown: never = order;
      throw new Error(`Unknown order ${String(unknown)}`);
    }
  }
}
