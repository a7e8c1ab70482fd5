import type { Channel, ChannelCost, ChannelSource } from '../routing/channel.js';
import type { ChannelStatus } from '../store/schema.js';
import type { UpstreamTimeouts } from '../upstream/http-client.js';
import { builtinVendors } from '../vendors/vendor-registry.js';
import type { ChannelTimeouts } from './channel-input.js';
import { maskUrlCredentials, upstreamKeyHint } from './key-hint.js';

/**
 * What admins see of a channel: everything but secrets. Keys appear as hints, extra headers by
 * name only (their values may be credentials), a proxy URL with its password masked.
 */

export interface ChannelStatusInfo {
  status: ChannelStatus;
  /** Why it is disabled (admin's note or the upstream's account error); null when enabled. */
  reason: string | null;
  changedAt: number | null;
}

export interface ChannelKeyView {
  id: string;
  hint: string;
  status: ChannelStatus;
  statusReason: string | null;
  statusChangedAt: number | null;
  /** Null for env/config keys (declared at start). */
  createdAt: number | null;
}

export interface ChannelView {
  id: string;
  name: string;
  type: string;
  source: ChannelSource;
  /** Env and config channels: only enable/disable (in memory) is possible. */
  readOnly: boolean;
  /** The effective base URL (the vendor's default when none was set). */
  baseUrl: string;
  models: string[] | null;
  modelMapping: Record<string, string>;
  priority: number;
  weight: number;
  groups: string[] | null;
  headerNames: string[];
  proxyUrl: string | null;
  timeouts: ChannelTimeouts;
  status: ChannelStatus;
  statusReason: string | null;
  statusChangedAt: number | null;
  keys: ChannelKeyView[];
  /** Free-form labels (admin channels only; env/config channels have none). */
  tags: string[];
  /** What it costs the operator (multiplier and/or fixed prices per upstream model); null = the list price. */
  cost: ChannelCost | null;
  /** Problems an admin must fix, e.g. secrets that no longer decrypt under the current secret key. */
  warnings: string[];
  createdAt: number | null;
  updatedAt: number | null;
}

export type StatusLookup = (keyId: string) => ChannelStatusInfo | undefined;

const ENABLED: ChannelStatusInfo = { status: 'enabled', reason: null, changedAt: null };

/** The view of an env/config channel; statuses come from the registry's in-memory overlay. */
export function staticChannelView(
  channel: Channel,
  status: ChannelStatusInfo | undefined,
  keyStatus: StatusLookup,
): ChannelView {
  const current = status ?? ENABLED;
  return {
    id: channel.id,
    name: channel.name,
    type: channel.vendor,
    source: channel.source,
    readOnly: true,
    baseUrl: channel.baseUrl,
    models: channel.models ?? null,
    modelMapping: channel.modelMapping,
    priority: channel.priority,
    weight: channel.weight,
    groups: channel.groups ?? null,
    headerNames: Object.keys(channel.headers ?? {}),
    proxyUrl: channel.proxyUrl ? maskUrlCredentials(channel.proxyUrl) : null,
    timeouts: viewTimeouts(channel.timeouts),
    status: current.status,
    statusReason: current.reason,
    statusChangedAt: current.changedAt,
    keys: channel.keys.map((key) => {
      const info = keyStatus(key.id) ?? ENABLED;
      return {
        id: key.id,
        hint: upstreamKeyHint(key.key),
        status: info.status,
        statusReason: info.reason,
        statusChangedAt: info.changedAt,
        createdAt: null,
      };
    }),
    tags: [],
    cost: channel.cost ?? null,
    warnings: [],
    createdAt: null,
    updatedAt: null,
  };
}

/** Timeouts as admins write them (`firstByteMs` is the HTTP client's `headersMs`). */
export function viewTimeouts(timeouts: UpstreamTimeouts): ChannelTimeouts {
  return {
    connectMs: timeouts.connectMs,
    firstByteMs: timeouts.headersMs,
    idleMs: timeouts.idleMs,
    totalMs: timeouts.totalMs ?? null,
  };
}

export function effectiveBaseUrl(type: string, baseUrl: string | null): string {
  return (baseUrl ?? builtinVendors.find(type)?.defaultBaseUrl ?? '').replace(/\/+$/, '');
}
