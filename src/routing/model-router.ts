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

/** Distinct model ids whose channel list is memoised (client-chosen ids must not grow it forever). */
const MAX_MEMOISED = 4_096;

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
  private readonly matches = new Map<string, RouteCandidate[]>();

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

  /** The channel with this id, if it is still configured (a job goes back to the channel that took it). */
  channelById(id: string): Channel | undefined {
    return this.channels.find((channel) => channel.id === id);
  }

  get channelCount(): number {
    return this.channels.length;
  }

  /**
   * The channels that serve `model` for a caller in `group` (undefined: any group), highest
   * priority first. An exact id and the `*` globs of other channels add up (a relay channel
   * serving `gpt-*` shares `gpt-4o` with the official one). Throws 404 `model_not_found` when no
   * channel serves the model at all, and 503 `no_available_channel` when channels serve it but
   * none may be used by this group or has a key left.
   */
  resolve(model: string, group?: string): RouteCandidate[] {
    const matched = this.match(model);
    if (!matched) {
      throw new GatewayError({
        kind: 'not_found',
        message: `The model '${model}' does not exist or no configured upstream serves it.`,
        param: 'model',
        code: 'model_not_found',
      });
    }
    const usable = matched.filter(
      ({ channel }) =>
        channel.keys.length > 0 && (group === undefined || !channel.groups || channel.groups.includes(group)),
    );
    if (usable.length === 0) {
      throw new GatewayError({
        kind: 'no_channel',
        message: `No upstream channel is available for the model '${model}'${group === undefined ? '' : ` in the group '${group}'`}.`,
        param: 'model',
        code: 'no_available_channel',
      });
    }
    return usable;
  }

  /**
   * Every channel serving `model`, whatever the group and whether it has keys ([] when none):
   * for describing a listed model, never for choosing where a call goes.
   */
  servingChannels(model: string): readonly RouteCandidate[] {
    return this.match(model) ?? [];
  }

  /** Every channel serving `model`, memoised per id (the router is rebuilt when channels change). */
  private match(model: string): RouteCandidate[] | undefined {
    const known = this.matches.get(model);
    if (known) return known;
    const found = this.findChannels(model);
    if (!found) return undefined;
    if (this.matches.size >= MAX_MEMOISED) this.matches.clear();
    this.matches.set(model, found);
    return found;
  }

  private findChannels(model: string): RouteCandidate[] | undefined {
    const exact = this.exact.get(model.toLowerCase()) ?? [];
    const globbed = this.globs.filter((rule) => rule.pattern.test(model)).map((rule) => rule.channel);
    const serving = unique([...exact, ...globbed]).sort((a, b) => b.priority - a.priority);
    if (serving.length > 0) return serving.map((channel) => candidate(channel, model));
    // `vendor/model` (or `channel-name/model`) forces where the call goes.
    const slash = model.indexOf('/');
    if (slash > 0) {
      const forced = this.byVendorOrName.get(model.slice(0, slash).toLowerCase());
      const rest = model.slice(slash + 1);
      if (forced && rest) return forced.map((channel) => candidate(channel, rest));
    }
    return undefined;
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
