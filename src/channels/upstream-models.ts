import type { ProviderCallDeps } from '../relay/provider-call.js';
import type { Channel } from '../routing/channel.js';
import { lookup, malformed, type UpstreamLookup, upstreamGetJson } from './upstream-get.js';

/** Pages followed at most (Anthropic and Gemini page their lists). */
const MAX_PAGES = 20;

/**
 * The model ids the upstream itself lists, sorted: OpenAI-compatible `GET {base}/models`
 * (`{data:[{id}]}`), Anthropic `GET {base}/v1/models` (`{data:[{id}], has_more, last_id}`),
 * Gemini `GET {base}/v1beta/models` (`{models:[{name:"models/…"}], nextPageToken}`).
 */
export function fetchUpstreamModels(
  channel: Channel,
  deps: Pick<ProviderCallDeps, 'providers'>,
  signal?: AbortSignal,
): Promise<UpstreamLookup<string[]>> {
  return lookup(channel, async () => {
    const ids = new Set<string>();
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const body = await upstreamGetJson(channel, pageUrl(channel, cursor), deps, signal);
      const read = readPage(channel, body);
      for (const id of read.ids) ids.add(id);
      cursor = read.next;
      if (!cursor) break;
    }
    return [...ids].sort();
  });
}

function pageUrl(channel: Channel, cursor: string | undefined): string {
  const base = channel.baseUrl.replace(/\/+$/, '');
  switch (channel.provider) {
    case 'anthropic':
      return `${base}/v1/models?limit=1000${cursor ? `&after_id=${encodeURIComponent(cursor)}` : ''}`;
    case 'gemini':
      return `${base}/v1beta/models?pageSize=1000${cursor ? `&pageToken=${encodeURIComponent(cursor)}` : ''}`;
    case 'openai':
    case 'midjourney-proxy':
      return `${base}/models`;
    default: {
      const unknown: never = channel.provider;
      throw new Error(`Unknown provider ${String(unknown)}`);
    }
  }
}

interface ModelPage {
  ids: string[];
  next?: string;
}

function readPage(channel: Channel, body: unknown): ModelPage {
  const record = asRecord(body);
  if (channel.provider === 'gemini') {
    if (!Array.isArray(record.models)) throw malformed('model list');
    const ids = record.models
      .map((model) => asRecord(model).name)
      .filter((name): name is string => typeof name === 'string')
      .map((name) => name.replace(/^models\//, ''));
    const next = typeof record.nextPageToken === 'string' && record.nextPageToken ? record.nextPageToken : undefined;
    return next ? { ids, next } : { ids };
  }
  if (!Array.isArray(record.data)) throw malformed('model list');
  const ids = record.data.map((model) => asRecord(model).id).filter((id): id is string => typeof id === 'string');
  if (channel.provider === 'anthropic' && record.has_more === true && typeof record.last_id === 'string') {
    return { ids, next: record.last_id };
  }
  return { ids };
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}
