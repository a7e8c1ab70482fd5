import type { FixedPrices } from '../billing/price-types.js';
import type { CompatQuirks, ProviderId } from '../providers/provider.js';
import type { UpstreamTimeouts } from '../upstream/http-client.js';

/** One key of a channel's pool (plaintext, in memory only; encrypted at rest). */
export interface ChannelKey {
  id: string;
  key: string;
}

/**
 * What a channel costs the operator (billing/channel-cost.ts), in the price rules' units: a fixed
 * price for an upstream model when set, else the catalog's official price × `multiplierPpm`
 * (parts per million; absent = 1,000,000, the list price). A reseller account at 80% of list is
 * `{ multiplierPpm: 800000 }`.
 */
export interface ChannelCost {
  multiplierPpm?: number;
  /** Upstream model id (after the channel's mapping) → what the operator pays for it. */
  models?: Readonly<Record<string, FixedPrices>>;
}

/** Where a channel was declared: environment variables and the config file are read-only at run time. */
export type ChannelSource = 'env' | 'config' | 'admin';

/** An upstream account: where to call, with which keys, for which models. */
export interface Channel {
  id: string;
  name: string;
  /** Wire format spoken to the upstream. */
  provider: ProviderId;
  /** Vendor preset (`openai`, `deepseek`, `anthropic`, `gemini`, ..., or `custom`). */
  vendor: string;
  baseUrl: string;
  /** Key pool (enabled keys only); rotated round-robin. An empty key means "no key" (Ollama). */
  keys: ChannelKey[];
  /**
   * Model ids this channel serves: exact ids or `*` globs. Undefined means the vendor's default:
   * the catalog's models for the vendor plus its id prefixes.
   */
  models?: string[];
  /** Client model name → upstream model name (`gpt-4o` → `gpt-4o-2024-08-06`). */
  modelMapping: Record<string, string>;
  compat?: CompatQuirks;
  headers?: Record<string, string>;
  /** Higher is tried first. */
  priority: number;
  /** Relative share of traffic among channels of the same priority (default 1); 0 = drained, used only when nothing else is. */
  weight: number;
  /** User groups that may use it (RelayCaller.group); undefined = every group. */
  groups?: string[];
  /** HTTP proxy for this channel's upstream calls. */
  proxyUrl?: string;
  /** Connect, first byte, idle gap and total limits of one attempt. */
  timeouts: UpstreamTimeouts;
  source: ChannelSource;
  /** What it costs the operator; undefined = the official list price. */
  cost?: ChannelCost;
}
