import { GatewayError } from '../ir/index.js';
import type { Channel } from './channel.js';
import { globToRegExp, isGlob } from './glob.js';
import type { ModelDirectory } from './model-directory.js';

export interface RouteCandidate {
  channel: Channel;
  /** The model name to send upstream (after the channel's mapping). */
  upstreamModel: string;
}

export interface ListedModel {
  id: string;
  ownedBy: string;
}

interface GlobRule {
  pattern: RegExp;
  channel: Channel;
}

/**
 * Resolves a client's model name to the channels that can serve it. Everything is indexed once
 * when the channel set changes, so a lookup is a map hit (or a short glob scan for ids the catalog
 * does not know yet, such as a model released last week).
 */
export class ModelRouter {
  private readonly exact = new Map<string, Channel[]>();
  private readonly globs: GlobRule[] = [];
  private readonly byVendorOrName = new Map<string, Channel[]>();
  private readonly listed: ListedModel[] = [];

  constructor(
    private readonly channels: Channel[],
    defaultPrefixes: (vendor: string) => string[],
    directory: ModelDirectory,
  ) {
    const ordered = [...channels].sort((a, b) => b.priority - a.priority);
    const seen = new Set<string>();
    for (const channel of ordered) {
      const explicit = channel.models;
      const ids = explicit ? explicit.filter((id) => !isGlob(id)) : directory.chatModelIds(channel.vendor);
      const patterns = explicit ? explicit.filter(isGlob) : defaultPrefixes(channel.vendor);
      for (const id of [...ids, ...Object.keys(channel.modelMapping)]) {
        this.addExact(id, channel);
        if (!seen.has(id)) {
          seen.add(id);
          this.listed.push({ id, ownedBy: channel.vendor });
        }
      }
      for (const pattern of patterns) this.globs.push({ pattern: globToRegExp(pattern), channel });
      for (const key of new Set([channel.vendor.toLowerCase(), channel.name.toLowerCase()])) {
        const list = this.byVendorOrName.get(key) ?? [];
        list.push(channel);
        this.byVendorOrName.set(key, list);
      }
    }
  }

  get channelCount(): number {
    return this.channels.length;
  }

  /** The channels that serve `model`, best first. Throws 404 `model_not_found` when none does. */
  resolve(model: string): RouteCandidate[] {
    const exact = this.exact.get(model.toLowerCase());
    if (exact) return exact.map((channel) => candidate(channel, model));
    const matched = this.globs.filter((rule) => rule.pattern.test(model)).map((rule) => rule.channel);
    if (matched.length > 0) return unique(matched).map((channel) => candidate(channel, model));
    // `vendor/model` (or `channel-name/model`) forces where the call goes.
    const slash = model.indexOf('/');
    if (slash > 0) {
      const forced = this.byVendorOrName.get(model.slice(0, slash).toLowerCase());
      const rest = model.slice(slash + 1);
      if (forced && rest) return forced.map((channel) => candidate(channel, rest));
    }
    throw new GatewayError({
      kind: 'not_found',
      message: `The model '${model}' does not exist or no configured upstream serves it.`,
      param: 'model',
      code: 'model_not_found',
    });
  }

  /** Every model id with a known route, for `GET /v1/models`. */
  listModels(): ListedModel[] {
    return this.listed;
  }

  private addExact(id: string, channel: Channel): void {
    const key = id.toLowerCase();
    const list = this.exact.get(key) ?? [];
    if (!list.includes(channel)) list.push(channel);
    this.exact.set(key, list);
  }
}

function candidate(channel: Channel, model: string): RouteCandidate {
  return { channel, upstreamModel: channel.modelMapping[model] ?? model };
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
