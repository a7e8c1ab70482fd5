import { fromCostDocument } from '../channels/channel-cost-document.js';
import { validChannelCost } from '../channels/channel-cost-field.js';
import type { ChannelConfig } from '../config/config-file.js';
import { DEFAULT_TIMEOUTS } from '../upstream/http-client.js';
import { builtinVendors } from '../vendors/vendor-registry.js';
import type { Channel } from './channel.js';
import { trimSlash } from './channels-from-env.js';

/** Channels declared in the YAML config file. `type: custom` is a plain OpenAI-compatible endpoint. */
export function channelsFromConfig(configs: ChannelConfig[]): Channel[] {
  return configs.map((config, index) => {
    const vendor = builtinVendors.find(config.type);
    if (!vendor) throw new Error(`Channel '${config.name}': unknown type '${config.type}'.`);
    const baseUrl = config.base_url ?? vendor.defaultBaseUrl;
    if (!baseUrl) throw new Error(`Channel '${config.name}': base_url is required for type '${vendor.name}'.`);
    if (vendor.defaultBaseUrl === null && vendor.modelGlobs.length === 0 && !config.models?.length) {
      throw new Error(`Channel '${config.name}': a '${vendor.name}' channel must list the models it serves.`);
    }
    const keys = [...(config.keys ?? []), ...(config.key ? [config.key] : [])].filter(Boolean);
    const channel: Channel = {
      id: `config-${index}-${config.name}`,
      name: config.name,
      provider: vendor.provider,
      vendor: vendor.name,
      baseUrl: trimSlash(baseUrl),
      keys: (keys.length > 0 ? keys : ['']).map((key, keyIndex) => ({ id: `config-${index}-${keyIndex}`, key })),
      modelMapping: config.model_mapping ?? {},
      priority: config.priority ?? 0,
      weight: config.weight ?? 1,
      source: 'config',
      timeouts: {
        connectMs: config.timeouts?.connect_ms ?? DEFAULT_TIMEOUTS.connectMs,
        headersMs: config.timeouts?.first_byte_ms ?? DEFAULT_TIMEOUTS.headersMs,
        idleMs: config.timeouts?.idle_ms ?? DEFAULT_TIMEOUTS.idleMs,
      },
    };
    if (config.timeouts?.total_ms) channel.timeouts.totalMs = config.timeouts.total_ms;
    if (config.models) channel.models = config.models;
    if (vendor.compat) channel.compat = vendor.compat;
    if (config.headers) channel.headers = config.headers;
    if (config.groups) channel.groups = config.groups;
    if (config.proxy) channel.proxyUrl = config.proxy;
    const cost = config.cost ? configCost(config) : null;
    if (cost) channel.cost = cost;
    return channel;
  });
}

function configCost(config: ChannelConfig): ReturnType<typeof validChannelCost> {
  try {
    return validChannelCost(fromCostDocument(config.cost ?? {}));
  } catch (error) {
    throw new Error(`Channel '${config.name}': ${(error as Error).message}`);
  }
}
