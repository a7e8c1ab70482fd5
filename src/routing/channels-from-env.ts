import { DEFAULT_TIMEOUTS } from '../upstream/http-client.js';
import type { Channel } from './channel.js';
import { VENDORS, type VendorPreset } from './vendors.js';

/**
 * Channels from the conventional environment variables (`OPENAI_API_KEY`, `ANTHROPIC_API_KEY`...).
 * Per vendor, with PREFIX the key variable without `_API_KEY` (or `OLLAMA`):
 * - `PREFIX_API_KEY`: one key or a comma-separated key pool;
 * - `PREFIX_BASE_URL`: base URL override (the vendor SDK's meaning);
 * - `PREFIX_MODELS`: comma-separated ids or `*` globs served (default: catalog + id prefixes);
 * - `PREFIX_MODEL_MAPPING`: `client=upstream` pairs, comma-separated.
 */
export function channelsFromEnv(env: NodeJS.ProcessEnv): Channel[] {
  const channels: Channel[] = [];
  for (const vendor of VENDORS) {
    const channel = channelForVendor(vendor, env);
    if (channel) channels.push(channel);
  }
  return channels;
}

function channelForVendor(vendor: VendorPreset, env: NodeJS.ProcessEnv): Channel | undefined {
  const prefix = envPrefix(vendor);
  const keys = splitList(
    vendor.envKey ? (env[vendor.envKey] ?? (vendor.name === 'gemini' ? env.GOOGLE_API_KEY : undefined)) : undefined,
  );
  const baseUrlOverride = env[vendor.envBaseUrl]?.trim();
  const keyless = !vendor.envKey || vendor.name === 'ollama';
  if (keys.length === 0 && !(keyless && baseUrlOverride)) return undefined;
  const channel: Channel = {
    id: `env-${vendor.name}`,
    name: vendor.name,
    provider: vendor.provider,
    vendor: vendor.name,
    baseUrl: trimSlash(baseUrlOverride || vendor.defaultBaseUrl),
    keys: (keys.length > 0 ? keys : ['']).map((key, index) => ({ id: `env-${vendor.name}-${index}`, key })),
    modelMapping: parseMapping(env[`${prefix}_MODEL_MAPPING`]),
    priority: 0,
    weight: 1,
    timeouts: DEFAULT_TIMEOUTS,
    source: 'env',
  };
  const models = splitList(env[`${prefix}_MODELS`]);
  if (models.length > 0) channel.models = models;
  if (vendor.quirks) channel.compat = vendor.quirks;
  return channel;
}

function envPrefix(vendor: VendorPreset): string {
  return vendor.envKey ? vendor.envKey.replace(/_API_KEY$/, '') : vendor.envBaseUrl.replace(/_BASE_URL$/, '');
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
