import { channelIdParams } from '../../../channels/channel-api-schemas.js';
import type { ChannelRegistry } from '../../../channels/channel-registry.js';
import { DEFAULT_TEST_CONCURRENCY, mapBounded } from '../../../channels/channel-test-all.js';
import type { ChannelTestResults } from '../../../channels/channel-test-results.js';
import { type ChannelTestDeps, testChannel } from '../../../channels/channel-tester.js';
import {
  balanceResponse,
  bulkStatusBody,
  bulkStatusResponse,
  testAllBody,
  testAllResponse,
  upstreamModelsResponse,
} from '../../../channels/channel-tool-schemas.js';
import { fetchUpstreamBalance } from '../../../channels/upstream-balance.js';
import { fetchUpstreamModels } from '../../../channels/upstream-models.js';
import { GatewayError } from '../../../ir/index.js';
import type { ApiRegistry } from '../api-route.js';
import { disconnectSignal } from '../disconnect-signal.js';

export interface ChannelToolServices {
  registry: ChannelRegistry;
  /** Providers and clock for test calls and upstream look-ups. */
  tester: ChannelTestDeps;
  /** The last test of each channel, shown in the list. */
  testResults: ChannelTestResults;
}

const TAGS = ['channels'];
const BASE = '/api/admin/channels';

/**
 * The operator's everyday channel tools (admins only): test many channels at once, read the
 * upstream's own model list and balance, enable or disable many channels at once.
 */
export function registerChannelToolRoutes(api: ApiRegistry, services: ChannelToolServices): void {
  const { registry } = services;

  /** The ids a bulk action covers: the given ids, else every channel (with the tag, when given). */
  const selectIds = async (ids: string[] | undefined, tag: string | undefined): Promise<string[]> => {
    const views = await registry.list();
    const wanted = tag?.toLowerCase();
    const tagged = views.filter((view) => !wanted || view.tags.some((item) => item.toLowerCase() === wanted));
    if (!ids) return tagged.map((view) => view.id);
    const allowed = new Set(tagged.map((view) => view.id));
    const known = new Set(views.map((view) => view.id));
    const unknown = ids.find((id) => !known.has(id));
    if (unknown) {
      throw new GatewayError({ kind: 'not_found', message: `No such channel: ${unknown}.`, code: 'channel_not_found' });
    }
    return [...new Set(ids)].filter((id) => allowed.has(id));
  };

  api.route(
    {
      method: 'POST',
      url: `${BASE}/test-all`,
      summary: 'Test many channels (all, the given ids, or a tag) a few at a time; each result is kept for the list',
      tags: TAGS,
      access: 'admin',
      body: testAllBody,
      response: testAllResponse,
    },
    async ({ body, reply }) => {
      const ids = await selectIds(body.ids, body.tag);
      const signal = disconnectSignal(reply);
      const data = await mapBounded(ids, body.concurrency ?? DEFAULT_TEST_CONCURRENCY, async (id) => {
        const channel = await registry.channelForTest(id);
        const result = await testChannel(channel, { signal, deps: services.tester });
        await services.testResults.record(result, services.tester.now());
        return result;
      });
      return { data };
    },
  );

  api.route(
    {
      method: 'GET',
      url: `${BASE}/:id/upstream-models`,
      summary: 'The model ids the upstream lists (its own /models), to pick which the channel serves',
      tags: TAGS,
      access: 'admin',
      params: channelIdParams,
      response: upstreamModelsResponse,
    },
    async ({ params, reply }) => {
      const channel = await registry.channelForTest(params.id);
      const found = await fetchUpstreamModels(channel, services.tester, disconnectSignal(reply));
      return found.ok ? { ok: true, models: found.data } : { ok: false, error: found.error };
    },
  );

  api.route(
    {
      method: 'GET',
      url: `${BASE}/:id/balance`,
      summary: "The upstream account's remaining balance, where the vendor exposes it (OpenRouter, DeepSeek, Moonshot)",
      tags: TAGS,
      access: 'admin',
      params: channelIdParams,
      response: balanceResponse,
    },
    async ({ params, reply }) => {
      const channel = await registry.channelForTest(params.id);
      const found = await fetchUpstreamBalance(channel, services.tester, disconnectSignal(reply));
      if (!found) return { available: false };
      return found.ok
        ? { available: true, ok: true, balances: found.data }
        : { available: true, ok: false, error: found.error };
    },
  );

  api.route(
    {
      method: 'POST',
      url: `${BASE}/bulk-status`,
      summary: 'Enable or disable many channels: the given ids, or every channel with a tag',
      tags: TAGS,
      access: 'admin',
      body: bulkStatusBody,
      response: bulkStatusResponse,
    },
    async ({ body }) => {
      if (!body.ids && !body.tag) {
        throw new GatewayError({
          kind: 'invalid_request',
          message: "Give 'ids' or 'tag': a bulk change never covers every channel by accident.",
          param: 'ids',
          code: 'invalid_value',
        });
      }
      const ids = await selectIds(body.ids, body.tag);
      const updated = await registry.setStatusMany(ids, body.status, body.reason);
      return { updated, ids };
    },
  );
}
