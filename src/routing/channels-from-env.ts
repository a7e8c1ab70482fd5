import { DEFAULT_TIMEOUTS } from '../upstream/http-client.js';
import { builtinVendors, type Vendor, type VendorRegistry } from '../vendors/vendor-registry.js';
import type { Channel } from './channel.js';

/**
 * Channels from the conventional environment variables (`OPENAI_API_KEY`, `ANTHROPIC_API_KEY`...),
 * one per vendor of the registry that has an `env` prefix. With PREFIX that prefix:
 * - `PREFIX_API_KEY`: one key or a comma-separated key pool (key-less vendors read none);
 * - `PREFIX_BASE_URL`: base URL override (the vendor SDK's meaning); for a key-less vendor
 *   (Ollama), setting it is what declares the channel;
 * - `PREFIX_MODELS`: comma-separated ids or `*` globs served (default: catalog + id prefixes);
 * - `PREFIX_MODEL_MAPPING`: `client=upstream` pairs, comma-separated.
 */
export function channelsFromEnv(env: NodeJS.ProcessEnv, vendors: VendorRegistry = builtinVendors): Channel[] {
  const channels: Channel[] = [];
  for (const vendor of vendors.vendors) {
    const channel = channelForVendor(vendor, env);
    if (channel) channels.push(channel);
  }
  return channels;
}

function channelForVendor(vendor: Vendor, env: NodeJS.ProcessEnv): Channel | undefined {
  if (!vendor.env || !vendor.envBaseUrl) return undefined;
  const { prefix, keyAliases = [] } = vendor.env;
  const keyVariables = vendor.envKey ? [vendor.envKey, ...keyAliases] : [];
  const keys = splitList(keyVariables.map((name) => env[name]).find((value) => value !== undefined));
  const baseUrlOverride = env[vendor.envBaseUrl]?.trim();
  if (keys.length === 0 && !(vendor.keyOptional && baseUrlOverride)) return undefined;
  // A vendor without a fixed host (a Midjourney proxy) is declared by its key and its base URL.
  const baseUrl = baseUrlOverride || vendor.defaultBaseUrl;
  if (!baseUrl) return undefined;
  const channel: Channel = {
    id: `env-${vendor.name}`,
    name: vendor.name,
    provider: vendor.provider,
    vendor: vendor.name,
    baseUrl: trimSlash(baseUrl),
    keys: (keys.length > 0 ? keys : ['']).map((key, index) => ({ id: `env-${vendor.name}-${index}`, key })),
    modelMapping: parseMapping(env[`${prefix}_MODEL_MAPPING`]),
    priority: 0,
    weight: 1,
    timeouts: DEFAULT_TIMEOUTS,
    source: 'env',
  };
  const models = splitList(env[`${prefix}_MODELS`]);
  if (models.length > 0) channel.models = models;
  if (vendor.compat) channel.compat = vendor.compat;
  return channel;
}

function splitList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

function parseMapping(value: string | undefined): Record<string, string> {
  const mapping: Record<string, string> = {};
  for (const pair of splitList(value)) {
    const [from, to] = pair.split('=').map((part) => part.trim());
    if (from && to) mapping[from] = to;
  }
  return mapping;
}

export function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
