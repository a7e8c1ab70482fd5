/**
 * The services the operator commands use, built on demand around one open database: the same
 * classes the server wires in app.ts (users, keys, the ledger, redemption codes, the channel store,
 * price rules), but nothing that listens, polls or sweeps. Each command builds only what it needs.
 *
 * A running server keeps keys, channels and prices in memory: with REDIS_URL set, `announce` tells
 * every replica to reload what a command changed, exactly as a change in the console does.
 */
import { userInfo } from 'node:os';
import { ApiKeyService } from '../accounts/api-key-service.js';
import { KeyCache } from '../accounts/key-cache.js';
import { SelectableKeyGroups } from '../accounts/key-groups.js';
import { UserService } from '../accounts/user-service.js';
import { Ledger } from '../billing/ledger.js';
import { RedemptionService } from '../billing/redemption-service.js';
import { CatalogService } from '../catalog/catalog-service.js';
import { ChannelStore } from '../channels/channel-store.js';
import { ChannelTestResults } from '../channels/channel-test-results.js';
import { loadSecretBox, type SecretBox } from '../channels/secret-box.js';
import { type ConfigMessage, RedisConfigBus } from '../cluster/config-bus.js';
import { closeRedis, waitForRedis } from '../cluster/redis.js';
import { redisNames } from '../cluster/redis-names.js';
import { type ConfigFile, loadConfigFile } from '../config/config-file.js';
import { loadSettings, type Settings } from '../config/settings.js';
import { newId } from '../platform/ids.js';
import { SettingsService } from '../platform/settings.js';
import { anthropicProvider } from '../providers/anthropic/index.js';
import { geminiProvider } from '../providers/gemini/index.js';
import { midjourneyProxyProvider } from '../providers/midjourney/index.js';
import { openaiProvider } from '../providers/openai/index.js';
import type { ProviderCallDeps } from '../relay/provider-call.js';
import { catalogDirectory } from '../routing/catalog-directory.js';
import type { Channel } from '../routing/channel.js';
import { channelsFromConfig } from '../routing/channels-from-config.js';
import { channelsFromEnv } from '../routing/channels-from-env.js';
import { openStore, type Store } from '../store/database.js';
import { migrateToLatest } from '../store/migrate.js';
import type { TextOut } from './cli-io.js';

export interface OfflineServices {
  store: Store;
  settings: Settings;
  now: () => number;
  newId: (prefix: string) => string;
  /** Who the ledger and the batches name as the author: `cli:<login>`. */
  actor: string;
  operatorSettings(): Promise<SettingsService>;
  users(): Promise<UserService>;
  keys(): Promise<ApiKeyService>;
  ledger(): Promise<Ledger>;
  redemptions(): RedemptionService;
  channels(): ChannelStore;
  /** The key upstream secrets are encrypted under (AIHUB_SECRET_KEY or the data directory's key file). */
  secretBox(): SecretBox;
  /** Channels declared by environment variables and the config file (read-only). */
  staticChannels(): Channel[];
  channelTestResults(): ChannelTestResults;
  /** What a channel test needs of the relay: providers and the catalog in force. */
  providerCalls(): Promise<ProviderCallDeps>;
  /** Tells running replicas to reload (through Redis); without REDIS_URL, says when they will see it. */
  announce(messages: ConfigMessage[], notes: TextOut): Promise<void>;
  close(): Promise<void>;
}

export interface OfflineServicesOptions {
  env: NodeJS.ProcessEnv;
  configPath?: string;
  now?: () => number;
}

/** Opens the configured database (brought up to date, as `ledger verify` does) and returns the factory. */
export async function openOfflineServices(options: OfflineServicesOptions): Promise<OfflineServices> {
  const { env } = options;
  const configPath = options.configPath ?? env.AIHUB_CONFIG;
  const file: ConfigFile | undefined = configPath ? loadConfigFile(configPath, env) : undefined;
  const settings = loadSettings(env, file);
  const now = options.now ?? Date.now;
  const store = await openStore({
    url: env.DATABASE_URL,
    dataDir: settings.dataDir,
    schema: env.AIHUB_DATABASE_SCHEMA,
  });
  try {
    await migrateToLatest(store.db, store.schema);
  } catch (error) {
    await store.close();
    throw error;
  }

  const operatorSettings = once(async () => {
    const service = new SettingsService(store, now);
    await service.load();
    return service;
  });
  const keyCache = once(async () => {
    const live = await operatorSettings();
    return new KeyCache(store, { now, selectableGroups: new SelectableKeyGroups(() => live.value.keyGroups) });
  });
  const secretBox = once(() => loadSecretBox({ env, dataDir: settings.dataDir }));
  const channelStore = once(
    () =>
      new ChannelStore(store, {
        box: secretBox(),
        now,
        newId,
        isNameReserved: (name) => staticChannels().some((channel) => channel.name === name),
      }),
  );
  const staticChannels = once(() => [...channelsFromConfig(file?.channels ?? []), ...channelsFromEnv(env)]);

  return {
    store,
    settings,
    now,
    newId,
    actor: cliActor(),
    operatorSettings,
    users: once(async () => {
      const users = new UserService(store, await operatorSettings(), { now, newId });
      const cache = await keyCache();
      // The same wiring as account-services.ts: a user change refreshes that user's cached keys.
      users.onChange(({ userId }) => cache.invalidateUser(userId));
      return users;
    }),
    keys: once(async () => {
      const live = await operatorSettings();
      return new ApiKeyService(store, await keyCache(), { now, newId, keyGroups: () => live.value.keyGroups });
    }),
    ledger: once(
      async () => new Ledger(store, { now, newId, instanceId: newId('ins'), settings: await operatorSettings() }),
    ),
    redemptions: once(() => new RedemptionService(store, { now, newId })),
    channels: channelStore,
    secretBox,
    staticChannels,
    channelTestResults: once(() => new ChannelTestResults(store)),
    providerCalls: once(async () => {
      const catalog = new CatalogService(store, { now });
      await catalog.reload();
      return {
        providers: {
          openai: openaiProvider,
          anthropic: anthropicProvider,
          gemini: geminiProvider,
          'midjourney-proxy': midjourneyProxyProvider,
        },
        directory: catalogDirectory(catalog.current),
        generateId: (prefix: string) => newId(prefix.replace(/[_-]$/, '')),
        now,
      };
    }),
    async announce(messages, notes) {
      if (messages.length === 0) return;
      const url = env.REDIS_URL?.trim();
      if (!url) {
        notes.write('Note: without REDIS_URL a running server sees this change after its next restart.\n');
        return;
      }
      await announceThroughRedis(url, settings.redisPrefix, messages, notes);
    },
    async close() {
      await store.close();
    },
  };
}

async function announceThroughRedis(
  url: string,
  prefix: string,
  messages: ConfigMessage[],
  notes: TextOut,
): Promise<void> {
  const { createRedis } = await import('../cluster/redis-connection.js');
  const redis = createRedis(url, { connectionName: 'aihub-cli' });
  let failed = false;
  try {
    await waitForRedis(redis);
    // Publish only: the connection is never put into subscriber mode.
    const bus = new RedisConfigBus({
      redis,
      subscriber: redis,
      channel: redisNames(prefix).configChannel,
      onError: () => {
        failed = true;
      },
    });
    for (const message of messages) await bus.publish(message);
  } catch {
    failed = true;
  } finally {
    await closeRedis(redis);
  }
  // The database change is done either way; the replicas would otherwise see it at their next start.
  if (failed)
    notes.write('Warning: Redis did not take the reload message; running servers see this after a restart.\n');
}

function cliActor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli';
  }
}

/** Builds the value on first use and keeps it. */
function once<T>(build: () => T): () => T {
  let built = false;
  let value: T;
  return () => {
    if (!built) {
      value = build();
      built = true;
    }
    return value;
  };
}

/** Opens the services for one command and closes them whatever happens. */
export async function withOfflineServices<T>(
  configPath: string | undefined,
  env: NodeJS.ProcessEnv,
  work: (services: OfflineServices) => Promise<T>,
): Promise<T> {
  const services = await openOfflineServices({ env, ...(configPath ? { configPath } : {}) });
  try {
    return await work(services);
  } finally {
    await services.close();
  }
}
