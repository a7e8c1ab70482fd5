import {
  addKeysBody,
  channelIdParams,
  channelKeyParams,
  channelListResponse,
  channelSchema,
  channelTestResponse,
  createChannelBody,
  keyStatusBody,
  statusChangeBody,
  testChannelBody,
  updateChannelBody,
} from '../../../channels/channel-api-schemas.js';
import { channelReadOnly } from '../../../channels/channel-errors.js';
import type { ChannelStore } from '../../../channels/channel-store.js';
import type { LastChannelTest } from '../../../channels/channel-test-results.js';
import { testChannel } from '../../../channels/channel-tester.js';
import type { ChannelView } from '../../../channels/channel-view.js';
import { type PriceKnown, unpricedModels } from '../../../channels/unpriced-models.js';
import { balanceAvailable } from '../../../channels/upstream-balance.js';
import type { ApiRegistry } from '../api-route.js';
import { disconnectSignal } from '../disconnect-signal.js';
import { type ChannelToolServices, registerChannelToolRoutes } from './channel-tool-routes.js';

export interface ChannelRouteServices extends ChannelToolServices {
  store: ChannelStore;
  /** The relay's price lookup, for the "no price" warning. */
  priceKnown: PriceKnown;
}

const TAGS = ['channels'];
const BASE = '/api/admin/channels';

/**
 * Upstream channel management (admins only). Every change goes through the registry, so the
 * router is rebuilt before the response is sent (no restart) and other replicas are told.
 * Env/config channels are listed read-only: only enable/disable applies to them, in memory.
 */
export function registerChannelRoutes(api: ApiRegistry, services: ChannelRouteServices): void {
  const { store, registry } = services;
  /** Settings, keys and deletion exist only for channels stored in the database. */
  const requireStored = (id: string): void => {
    const declared = registry.statics.get(id);
    if (declared) throw channelReadOnly(declared.source);
  };
  /** A channel with what the list shows beside it: its last test, unpriced models, balance support. */
  const decorate = (view: ChannelView, lastTest: LastChannelTest | null) => ({
    ...view,
    lastTest,
    unpricedModels: unpricedModels(view, services.priceKnown),
    balanceAvailable: balanceAvailable(view.type),
  });

  api.route(
    {
      method: 'GET',
      url: BASE,
      summary: 'All channels (env, config and admin)',
      tags: TAGS,
      access: 'admin',
      response: channelListResponse,
    },
    async () => {
      const [views, tests] = await Promise.all([registry.list(), services.testResults.all()]);
      return { data: views.map((view) => decorate(view, tests.get(view.id) ?? null)) };
    },
  );

  api.route(
    {
      method: 'POST',
      url: BASE,
      summary: 'Create a channel; it serves traffic at once',
      tags: TAGS,
      access: 'admin',
      body: createChannelBody,
      response: channelSchema,
      status: 201,
    },
    async ({ body }) => {
      const view = await store.create(body);
      await registry.changed();
      return view;
    },
  );

  api.route(
    {
      method: 'GET',
      url: `${BASE}/:id`,
      summary: 'One channel',
      tags: TAGS,
      access: 'admin',
      params: channelIdParams,
      response: channelSchema,
    },
    async ({ params }) => {
      const [view, tests] = await Promise.all([registry.view(params.id), services.testResults.all()]);
      return decorate(view, tests.get(view.id) ?? null);
    },
  );

  api.route(
    {
      method: 'PATCH',
      url: `${BASE}/:id`,
      summary: 'Change a channel (absent fields stay, null resets to the default)',
      tags: TAGS,
      access: 'admin',
      params: channelIdParams,
      body: updateChannelBody,
      response: channelSchema,
    },
    async ({ params, body }) => {
      requireStored(params.id);
      const view = await store.update(params.id, body);
      await registry.changed();
      return view;
    },
  );

  api.route(
    {
      method: 'DELETE',
      url: `${BASE}/:id`,
      summary: 'Delete a channel and its keys',
      tags: TAGS,
      access: 'admin',
      params: channelIdParams,
      status: 204,
    },
    async ({ params }) => {
      requireStored(params.id);
      await store.delete(params.id);
      await services.testResults.forget(params.id);
      await registry.changed();
      return undefined;
    },
  );

  api.route(
    {
      method: 'POST',
      url: `${BASE}/:id/keys`,
      summary: 'Add keys to the pool (stored encrypted; duplicates ignored)',
      tags: TAGS,
      access: 'admin',
      params: channelIdParams,
      body: addKeysBody,
      response: channelSchema,
    },
    async ({ params, body }) => {
      requireStored(params.id);
      const view = await store.addKeys(params.id, body.keys);
      await registry.changed();
      return view;
    },
  );

  api.route(
    {
      method: 'PATCH',
      url: `${BASE}/:id/keys/:keyId`,
      summary: 'Enable or disable one key (env/config channels: in memory)',
      tags: TAGS,
      access: 'admin',
      params: channelKeyParams,
      body: keyStatusBody,
      response: channelSchema,
    },
    async ({ params, body }) => registry.setKeyStatus(params.id, params.keyId, body.status, body.reason),
  );

  api.route(
    {
      method: 'DELETE',
      url: `${BASE}/:id/keys/:keyId`,
      summary: 'Remove one key from the pool',
      tags: TAGS,
      access: 'admin',
      params: channelKeyParams,
      response: channelSchema,
    },
    async ({ params }) => {
      requireStored(params.id);
      const view = await store.removeKey(params.id, params.keyId);
      await registry.changed();
      return view;
    },
  );

  for (const action of ['enable', 'disable'] as const) {
    api.route(
      {
        method: 'POST',
        url: `${BASE}/:id/${action}`,
        summary: `${action === 'enable' ? 'Enable' : 'Disable'} a channel (env/config channels: in memory)`,
        tags: TAGS,
        access: 'admin',
        params: channelIdParams,
        body: statusChangeBody,
        response: channelSchema,
      },
      async ({ params, body }) =>
        registry.setStatus(params.id, action === 'enable' ? 'enabled' : 'disabled', body.reason),
    );
  }

  api.route(
    {
      method: 'POST',
      url: `${BASE}/:id/test`,
      summary: 'Send a tiny request through the channel; reports latency and the upstream error',
      tags: TAGS,
      access: 'admin',
      params: channelIdParams,
      body: testChannelBody,
      response: channelTestResponse,
    },
    async ({ params, body, reply }) => {
      const channel = await registry.channelForTest(params.id, body.keyId);
      const result = await testChannel(channel, {
        ...(body.model ? { model: body.model } : {}),
        signal: disconnectSignal(reply),
        deps: services.tester,
      });
      await services.testResults.record(result, services.tester.now());
      return result;
    },
  );

  registerChannelToolRoutes(api, services);
}
