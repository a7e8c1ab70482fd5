import type { FastifyInstance } from 'fastify';
import pino, { type Logger } from 'pino';
import { createAccountServices } from './accounts/account-services.js';
import { createBillingServices } from './billing/billing-services.js';
import { resolveAdminKey } from './config/admin-key.js';
import { type ConfigFile, loadConfigFile } from './config/config-file.js';
import { loadSettings, type Settings } from './config/settings.js';
import { ApiRegistry } from './http/api/api-route.js';
import { buildOpenApiDocument } from './http/api/openapi.js';
import { registerAccountRoutes } from './http/api/routes/account-routes.js';
import { registerBillingRoutes } from './http/api/routes/billing-routes.js';
import { registerLogRoutes } from './http/api/routes/log-routes.js';
import { registerSettingsRoutes } from './http/api/routes/settings-routes.js';
import { SessionPrincipals } from './http/api/session-principals.js';
import { buildServer } from './http/server.js';
import { LogRetention } from './logs/log-retention.js';
import { RequestLogQuery } from './logs/request-log-query.js';
import { RequestLogWriter } from './logs/request-log-writer.js';
import { UsageAggregates } from './logs/usage-aggregates.js';
import { newId } from './platform/ids.js';
import { relayAuthAdapter } from './platform/relay-auth-adapter.js';
import { relayLogAdapter } from './platform/relay-log-adapter.js';
import { SettingsService } from './platform/settings.js';
import { anthropicProvider } from './providers/anthropic/index.js';
import { geminiProvider } from './providers/gemini/index.js';
import { openaiProvider } from './providers/openai/index.js';
import type { RelayDeps } from './relay/relay-deps.js';
import { catalogDirectory } from './routing/catalog-directory.js';
import { channelsFromConfig } from './routing/channels-from-config.js';
import { channelsFromEnv } from './routing/channels-from-env.js';
import { KeyRotation } from './routing/key-rotation.js';
import { ModelRouter } from './routing/model-router.js';
import { vendorModelPrefixes } from './routing/vendors.js';
import { openStore, type Store } from './store/database.js';
import { migrateToLatest } from './store/migrate.js';
import { DEFAULT_MEDIA_FETCH } from './upstream/media-fetcher.js';

export interface AppOptions {
  env: NodeJS.ProcessEnv;
  configPath?: string;
  logger?: Logger;
}

export interface App {
  server: FastifyInstance;
  settings: Settings;
  deps: RelayDeps;
  store: Store;
  /** The admin key generated on this start (first start without AIHUB_ADMIN_KEY), to print once. */
  generatedAdminKey?: string;
  /** Stops accepting requests, drains, flushes the request log and closes the database. */
  close(): Promise<void>;
}

const VERSION = '0.1.0';

/**
 * Wires the whole gateway: the database (migrated), accounts and keys, billing, the request log,
 * the relay and the REST API. Nothing listens yet.
 */
export async function createApp(options: AppOptions): Promise<App> {
  const { env } = options;
  const configPath = options.configPath ?? env.AIHUB_CONFIG;
  const file: ConfigFile | undefined = configPath ? loadConfigFile(configPath, env) : undefined;
  const settings = loadSettings(env, file);
  const logger = options.logger ?? pino({ level: settings.logLevel });
  const now = Date.now;

  const store = await openStore({
    url: env.DATABASE_URL,
    dataDir: settings.dataDir,
    schema: env.AIHUB_DATABASE_SCHEMA,
  });
  await migrateToLatest(store.db, store.schema);
  const operatorSettings = new SettingsService(store, now);
  await operatorSettings.load();

  const adminKey = resolveAdminKey(settings.adminKey, settings.dataDir);
  const accounts = await createAccountServices({
    store,
    settings: operatorSettings,
    adminKeyHash: adminKey.hash,
    now,
    newId,
  });
  const billing = createBillingServices({
    store,
    settings: operatorSettings,
    now,
    newId,
    instanceId: newId('ins'),
    logger,
    catalogFetch: { allowPrivateAddresses: settings.mediaAllowPrivateAddresses },
    ledgerTimings: settings.ledgerTimings,
  });
  await billing.start();
  const logWriter = new RequestLogWriter(store, {
    promptLogging: () => operatorSettings.value.promptLogging,
    logger,
    now,
  });
  const retention = new LogRetention(store, {
    retentionDays: () => operatorSettings.value.logRetentionDays,
    logger,
    now,
  });
  retention.start();

  const channels = [...channelsFromConfig(file?.channels ?? []), ...channelsFromEnv(env)];
  const directory = catalogDirectory(billing.catalog.current);
  const deps: RelayDeps = {
    router: new ModelRouter(channels, vendorModelPrefixes, directory),
    keys: new KeyRotation(),
    providers: { openai: openaiProvider, anthropic: anthropicProvider, gemini: geminiProvider },
    directory,
    media: { ...DEFAULT_MEDIA_FETCH, allowPrivateAddresses: settings.mediaAllowPrivateAddresses },
    maxAttempts: settings.maxAttempts,
    generateId: (prefix) => newId(prefix.replace(/[_-]$/, '')),
    now,
    logger,
    auth: relayAuthAdapter(accounts.keyCache),
    billing: billing.relayBilling,
    log: relayLogAdapter(logWriter, () => operatorSettings.value.promptLogging),
  };
  // A catalog refresh or override changes what routes where: rebuild the router's indexes.
  billing.catalog.onChange((current) => {
    deps.directory = catalogDirectory(current);
    deps.router = new ModelRouter(channels, vendorModelPrefixes, deps.directory);
  });

  const server = buildServer(deps, { bodyLimitBytes: settings.bodyLimitBytes, trustProxy: settings.trustProxy });
  const api = new ApiRegistry(server, new SessionPrincipals(accounts.sessions, accounts.keyCache));
  registerAccountRoutes(api, accounts);
  registerBillingRoutes(api, {
    store,
    ledger: billing.ledger,
    redemptions: billing.redemptions,
    priceBook: billing.priceBook,
    catalog: billing.catalog,
    settings: operatorSettings,
    now,
    newId,
  });
  registerLogRoutes(api, { logQuery: new RequestLogQuery(store), usage: new UsageAggregates(store), now });
  registerSettingsRoutes(api, operatorSettings);
  let openApi: Record<string, unknown> | undefined;
  server.get('/api/openapi.json', async () => {
    openApi ??= buildOpenApiDocument(api.routes, VERSION);
    return openApi;
  });

  if (channels.length === 0) {
    logger.warn('No upstream is configured: set OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY, ... or --config');
  }
  let closing: Promise<void> | undefined;
  const app: App = {
    server,
    settings,
    deps,
    store,
    close() {
      closing ??= (async () => {
        await server.close();
        await logWriter.close();
        await retention.stop();
        await billing.stop();
        await accounts.close();
        await store.close();
      })();
      return closing;
    },
  };
  if (adminKey.generated) app.generatedAdminKey = adminKey.generated;
  return app;
}
