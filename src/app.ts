import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import pino, { type Logger } from 'pino';
import { createAccountServices } from './accounts/account-services.js';
import { createMfaServices } from './accounts/mfa/mfa-services.js';
import { createOAuthServices } from './accounts/oauth/oauth-services.js';
import { AnnouncementService } from './announcements/announcement-service.js';
import { createBillingServices } from './billing/billing-services.js';
import { ChannelRegistry } from './channels/channel-registry.js';
import { ChannelStore } from './channels/channel-store.js';
import { ChannelTestResults } from './channels/channel-test-results.js';
import { loadSecretBox } from './channels/secret-box.js';
import { createClusterServices } from './cluster/cluster-services.js';
import { checkRedis } from './cluster/redis.js';
import { wireConfigBus } from './cluster/wire-config-bus.js';
import { joinPrimary } from './cluster/workers/join-primary.js';
import type { PrimaryLink } from './cluster/workers/primary-link.js';
import { resolveAdminKey } from './config/admin-key.js';
import { type ConfigFile, loadConfigFile } from './config/config-file.js';
import { logPermissionNotes, secureDataDirectory } from './config/data-directory.js';
import { loadSettings, type Settings } from './config/settings.js';
import { ApiRegistry } from './http/api/api-route.js';
import { buildOpenApiDocument } from './http/api/openapi.js';
import { registerAccountRoutes } from './http/api/routes/account-routes.js';
import { registerAdminToolRoutes } from './http/api/routes/admin-tools-routes.js';
import { registerAnnouncementRoutes } from './http/api/routes/announcement-routes.js';
import { registerBillingRoutes } from './http/api/routes/billing-routes.js';
import { registerChannelRoutes } from './http/api/routes/channel-routes.js';
import { registerChannelStatsRoutes } from './http/api/routes/channel-stats-routes.js';
import { registerEmailAuthRoutes } from './http/api/routes/email-auth-routes.js';
import { registerInvitationRoutes } from './http/api/routes/invitation-routes.js';
import { registerKeyGroupRoutes } from './http/api/routes/key-group-routes.js';
import { registerLogRoutes } from './http/api/routes/log-routes.js';
import { registerMailAdminRoutes } from './http/api/routes/mail-admin-routes.js';
import { registerMarginRoutes } from './http/api/routes/margin-routes.js';
import { registerOAuthRoutes } from './http/api/routes/oauth-routes.js';
import { registerPaymentRoutes } from './http/api/routes/payment-routes.js';
import { registerPlanRoutes } from './http/api/routes/plan-routes.js';
import { registerPresetRoutes } from './http/api/routes/preset-routes.js';
import { registerPublicRoutes } from './http/api/routes/public-routes.js';
import { registerRoutingRoutes } from './http/api/routes/routing-routes.js';
import { registerSettingsRoutes } from './http/api/routes/settings-routes.js';
import { registerVendorRoutes } from './http/api/routes/vendor-routes.js';
import { SessionPrincipals } from './http/api/session-principals.js';
import { DrainGate } from './http/drain-gate.js';
import { type DrainOutcome, drainServer } from './http/graceful-drain.js';
import { metricsGuard } from './http/metrics-guard.js';
import { registerMetricsRoute } from './http/routes/metrics-route.js';
import { registerMidjourney } from './http/routes/midjourney.js';
import { buildServer } from './http/server.js';
import { InvitationService } from './invitations/invitation-service.js';
import { DEFAULT_JOB_PENDING_MS, JobPoller } from './jobs/job-poller.js';
import { JobStore } from './jobs/job-store.js';
import { relayJobHolds, relayJobLog } from './jobs/relay-job-holds.js';
import { AddressLimiter } from './limits/address-limiter.js';
import { CacheHitRates } from './logs/cache-hit-rates.js';
import { LogRetention } from './logs/log-retention.js';
import { RequestLogQuery } from './logs/request-log-query.js';
import { RequestLogWriter } from './logs/request-log-writer.js';
import { UsageAggregates } from './logs/usage-aggregates.js';
import { createMailServices } from './mail/mail-services.js';
import { createGatewayMetrics } from './metrics/gateway-metrics.js';
import { holdsOutstanding } from './metrics/holds-outstanding.js';
import { catalogKnownModels } from './metrics/known-models.js';
import { loadTracingSettings } from './observability/tracing-settings.js';
import { createPaymentServices } from './payments/payment-services.js';
import { planOrderHooks } from './plans/order-fulfilment.js';
import { newId } from './platform/ids.js';
import { followLogLevel } from './platform/log-level.js';
import { loadedCheck, Readiness } from './platform/readiness.js';
import { relayAuthAdapter } from './platform/relay-auth-adapter.js';
import { relayLogAdapter } from './platform/relay-log-adapter.js';
import { SettingsService } from './platform/settings.js';
import { APP_VERSION } from './platform/version.js';
import { PresetStore } from './presets/preset-store.js';
import { anthropicProvider } from './providers/anthropic/index.js';
import { geminiProvider } from './providers/gemini/index.js';
import { midjourneyProxyProvider } from './providers/midjourney/index.js';
import { openaiProvider } from './providers/openai/index.js';
import { createMidjourneyServices } from './relay/midjourney/midjourney-services.js';
import type { RelayDeps } from './relay/relay-deps.js';
import { catalogDirectory } from './routing/catalog-directory.js';
import { channelsFromConfig } from './routing/channels-from-config.js';
import { channelsFromEnv } from './routing/channels-from-env.js';
import { RouteHealth } from './routing/health/route-health.js';
import { KeyRotation } from './routing/key-rotation.js';
import { ModelRouter } from './routing/model-router.js';
import { RouteSpeed } from './routing/route-speed.js';
import { loadRoutingSettings } from './routing/routing-settings.js';
import { StickyRouting } from './routing/sticky/sticky-routing.js';
import { loadStickySettings } from './routing/sticky/sticky-settings.js';
import { openStore, type Store } from './store/database.js';
import { migrateToLatest, pendingMigrations } from './store/migrate.js';
import { StoredResponseStore } from './stored-responses/stored-response-store.js';
import { StoredResponseSweeper } from './stored-responses/stored-response-sweeper.js';
import { StoredResponses } from './stored-responses/stored-responses.js';
import { configureUpstreamPools } from './upstream/http-client.js';
import { DEFAULT_MEDIA_FETCH } from './upstream/media-fetcher.js';
import { builtinVendors } from './vendors/vendor-registry.js';
import { videoJobDriver } from './video/video-job-driver.js';

export interface AppOptions {
  env: NodeJS.ProcessEnv;
  configPath?: string;
  logger?: Logger;
  /**
   * Fails a REST answer that strays from its route's response schema (tests turn it on: the
   * schemas are the OpenAPI document the console's types are generated from).
   */
  checkApiResponses?: boolean;
  /** In a worker of `aihub serve --workers N`: the link to the primary (cluster/workers/). */
  primary?: PrimaryLink;
}

export interface App {
  server: FastifyInstance;
  settings: Settings;
  deps: RelayDeps;
  store: Store;
  /** The admin key generated on this start (first start without AIHUB_ADMIN_KEY), to print once. */
  generatedAdminKey?: string;
  logger: Logger;
  /** Draining state and the request handlers in flight. */
  drainGate: DrainGate;
  /**
   * The graceful shutdown (SIGTERM): drains (see drainServer) for up to `drainTimeoutMs` or until
   * `endNow` resolves, releases any hold left, then close().
   */
  shutdown(options?: { endNow?: Promise<unknown> }): Promise<DrainOutcome>;
  /** Stops accepting requests, waits for open connections, flushes the request log and closes the database. */
  close(): Promise<void>;
}

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
  configureUpstreamPools({ connectionsPerOrigin: settings.upstreamMaxConnections });
  const now = Date.now;

  const onPermissionNote = logPermissionNotes(logger);
  secureDataDirectory(settings.dataDir, onPermissionNote);
  const store = await openStore({
    url: env.DATABASE_URL,
    dataDir: settings.dataDir,
    schema: env.AIHUB_DATABASE_SCHEMA,
    ...(settings.databasePoolSize ? { poolSize: Math.floor(settings.databasePoolSize) } : {}),
    backgroundCheckpoints: true,
    onPermissionNote,
  });
  await migrateToLatest(store.db, store.schema);
  const operatorSettings = new SettingsService(store, now);
  await operatorSettings.load();
  const applyLogLevel = followLogLevel(logger, () => operatorSettings.value.logLevel);
  applyLogLevel();
  operatorSettings.onChange(applyLogLevel);

  const instanceId = newId('ins');
  const sticky = loadStickySettings(env);
  const cluster = await createClusterServices({
    redisUrl: env.REDIS_URL || undefined,
    redisPrefix: settings.redisPrefix,
    instanceId,
    sticky,
    primary: options.primary,
    onError: (error, component) => logger.warn({ err: error, component }, 'shared state unavailable'),
  });
  const adminKey = resolveAdminKey(settings.adminKey, settings.dataDir);
  const accounts = await createAccountServices({
    store,
    settings: operatorSettings,
    adminKeyHash: adminKey.hash,
    now,
    newId,
    // Sign-in and sign-up limits hold across replicas.
    attemptCounters: cluster.attemptCounters,
    onError: (error) => logger.warn({ err: error }, 'accounts'),
  });
  const billing = createBillingServices({
    store,
    settings: operatorSettings,
    now,
    newId,
    instanceId,
    logger,
    catalogFetch: { allowPrivateAddresses: settings.mediaAllowPrivateAddresses },
    ledgerTimings: settings.ledgerTimings,
  });
  await billing.start();
  const catalogLoaded = true;
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
  const storedResponseStore = new StoredResponseStore(store, now);
  const storedResponses = new StoredResponses(storedResponseStore, logger);
  const responseSweeper = new StoredResponseSweeper(storedResponseStore, { logger });
  responseSweeper.start();

  const staticChannels = [...channelsFromConfig(file?.channels ?? []), ...channelsFromEnv(env)];
  const secretBox = loadSecretBox({ env, dataDir: settings.dataDir });
  const channelStore: ChannelStore = new ChannelStore(store, {
    box: secretBox,
    now,
    newId,
    isNameReserved: (name): boolean => registry.statics.isReservedName(name),
    onSecretError: (error, where) => logger.error({ err: error, ...where }, 'a channel secret does not decrypt'),
  });
  const registry: ChannelRegistry = new ChannelRegistry({
    store: channelStore,
    staticChannels,
    now,
    onError: (error) => logger.error({ err: error }, 'channel registry'),
  });
  await registry.reload();
  const channelsLoaded = true;
  const announcements = new AnnouncementService(store, { now, newId });
  const presets = new PresetStore(store, { now, newId });
  const invitations = new InvitationService(store, {
    now,
    newId,
    reward: () => operatorSettings.value.inviteReward,
  });
  const payments = await createPaymentServices({
    store,
    env,
    box: secretBox,
    now,
    newId,
    logger,
    attemptCounters: cluster.attemptCounters,
    expirySweepMs: settings.paymentExpirySweepMs,
    planOrders: planOrderHooks(billing.plans, now, newId),
    onSettled: async (order) => {
      if (order.purpose === 'plan') await billing.plans.subscriptionsChanged(order.userId);
    },
    // An invitee's first payment rewards the inviter, in the same transaction as its credit.
    afterCredit: (trx, order) => invitations.rewardFirstPayment(trx, order),
  });
  payments.expirySweep.start();
  const oauth = await createOAuthServices({
    store,
    settings: operatorSettings,
    env,
    box: secretBox,
    now,
    newId,
    onSecretError: (error, where) =>
      logger.error({ err: error, ...where }, 'a sign-in provider secret does not decrypt'),
  });
  const mail = await createMailServices({
    store,
    env,
    box: secretBox,
    settings: operatorSettings,
    users: accounts.users,
    attemptCounters: cluster.attemptCounters,
    now,
    newId,
    onError: (error, component) => logger.warn({ err: error }, component),
  });
  const directory = catalogDirectory(billing.catalog.current);
  const routing = loadRoutingSettings(env);
  const sharedRedis = cluster.redis;
  const routeHealth = new RouteHealth({ now, breaker: routing.breaker, failurePolicy: routing.failurePolicy });
  const metrics = createGatewayMetrics({
    version: APP_VERSION,
    known: catalogKnownModels(
      () => billing.catalog.current,
      () => billing.priceBook.currentRules,
    ),
    routing: {
      health: () => routeHealth.snapshot(),
      channelName: (channelId) => registry.channels.find((channel) => channel.id === channelId)?.name,
    },
    platform: {
      requestLog: () => logWriter.metrics,
      holds: () => holdsOutstanding(store, instanceId),
      databasePool: () =>
        store.raw.dialect === 'postgres'
          ? { total: store.raw.pool.totalCount, idle: store.raw.pool.idleCount, waiting: store.raw.pool.waitingCount }
          : undefined,
      ...(sharedRedis ? { redis: () => checkRedis(sharedRedis) } : {}),
    },
  });
  const metricsGuardCheck = metricsGuard(settings.metrics, settings.trustProxy);
  const tracingSettings = loadTracingSettings(env);
  // The OpenTelemetry SDK and exporter (~10 MB of heap) load only when tracing is configured.
  const tracing = tracingSettings
    ? (await import('./observability/request-tracing.js')).createRequestTracing(tracingSettings, APP_VERSION)
    : undefined;
  const deps: RelayDeps = {
    router: new ModelRouter(registry.channels, builtinVendors.modelGlobs, directory),
    keys: new KeyRotation(),
    routeHealth,
    maxRetryMs: routing.maxRetryMs,
    random: Math.random,
    providers: {
      openai: openaiProvider,
      anthropic: anthropicProvider,
      gemini: geminiProvider,
      'midjourney-proxy': midjourneyProxyProvider,
    },
    directory,
    media: { ...DEFAULT_MEDIA_FETCH, allowPrivateAddresses: settings.mediaAllowPrivateAddresses },
    maxAttempts: settings.maxAttempts,
    generateId: (prefix) => newId(prefix.replace(/[_-]$/, '')),
    now,
    logger,
    auth: relayAuthAdapter(accounts.keyCache),
    billing: billing.relayBilling,
    log: relayLogAdapter(
      logWriter,
      () => operatorSettings.value.promptLogging,
      (finished) => metrics.requests.observe(finished),
      billing.relayBilling,
    ),
    openStreams: metrics.openStreams,
    routeSpeed: new RouteSpeed(),
    ...(tracing ? { tracing } : {}),
    health: registry,
    limits: cluster.limits,
    cache: cluster.cache,
    ipLimiter: cluster.ipLimiter,
    sticky: sticky.enabled
      ? new StickyRouting(cluster.stickyRoutes, (error) => logger.warn({ err: error }, 'sticky routing'))
      : undefined,
    cacheHitChargePercent: () => operatorSettings.value.cacheHitChargePercent,
    modelLimits: () => operatorSettings.value.modelLimits,
    modelAliases: () => operatorSettings.value.modelAliases,
    defaultModels: () => operatorSettings.value.defaultModels,
    hedging: () => operatorSettings.value.hedging,
    streamContinuation: () => operatorSettings.value.streamContinuation,
    routingPolicy: () => operatorSettings.value.routingPolicy,
    presets,
  };
  // Channels or the catalog changed (here or, through the bus, on another replica): rebuild the
  // router's indexes at once, without a restart.
  const rebuildRouter = () => {
    deps.router = new ModelRouter(registry.channels, builtinVendors.modelGlobs, deps.directory);
  };
  registry.onChange(rebuildRouter);
  billing.catalog.onChange((current) => {
    deps.directory = catalogDirectory(current);
    rebuildRouter();
  });
  const unwireBus = wireConfigBus(
    cluster.bus,
    {
      keys: accounts.keyCache,
      prices: billing.priceBook,
      catalog: billing.catalog,
      // Payment provider configs travel with the operator settings: a change to either reloads both.
      settings: {
        onChange: (listener) => {
          const unhookSettings = operatorSettings.onChange(() => listener());
          const unhookPayments = payments.providers.onChange(listener);
          const unhookOAuth = oauth.providers.onChange(listener);
          const unhookMailSecrets = mail.secrets.onChange(listener);
          return () => {
            unhookSettings();
            unhookPayments();
            unhookOAuth();
            unhookMailSecrets();
          };
        },
        reload: () =>
          Promise.all([
            operatorSettings.load().then(applyLogLevel),
            payments.providers.load(),
            oauth.providers.load(),
            mail.secrets.load(),
          ]),
      },
      channels: {
        onChange: (listener) => registry.onLocalChange(() => listener()),
        reload: () => registry.notifyRemoteChange(),
      },
      plans: {
        onChange: (listener) => billing.plans.subscribers.onChange(listener),
        reload: () => billing.plans.subscribers.reload(),
      },
    },
    { onError: (error) => logger.warn({ err: error }, 'config bus') },
  );

  // Asynchronous jobs (video, Midjourney): one poller per replica serves every kind; a lease gives
  // each due job to one of them, whichever replica took it.
  const jobStore = new JobStore(store);
  const jobHolds = relayJobHolds(deps.billing);
  const videoLookup = { channels: () => registry.channels, providers: deps.providers };
  const jobFinish = { jobs: jobStore, settlement: jobHolds, log: relayJobLog(deps.log) };
  const midjourney = createMidjourneyServices({
    relay: deps,
    jobs: jobStore,
    holds: jobHolds,
    imageLinkKey: secretBox.deriveKey('aihub midjourney image links'),
    firstPollMs: settings.jobTimings.pendingDelayMs ?? DEFAULT_JOB_PENDING_MS,
    settings: operatorSettings,
    newId,
    logger,
  });
  const jobPoller = new JobPoller({
    ...jobFinish,
    drivers: [videoJobDriver(videoLookup), midjourney.driver],
    owner: instanceId,
    intervalMs: settings.jobTimings.pollEveryMs,
    pendingDelayMs: settings.jobTimings.pendingDelayMs,
    leaseMs: settings.jobTimings.leaseMs,
    logger,
  });
  jobPoller.start();

  const drainGate = new DrainGate();
  let migrationsCurrent = false;
  const readiness = new Readiness({
    database: async () => {
      await sql`select 1`.execute(store.db);
    },
    ...(cluster.redis ? { redis: async () => void (await cluster.redis?.ping()) } : {}),
    // Once current, the schema stays current for this build: later probes skip the look-up.
    migrations: async () => {
      if (migrationsCurrent) return;
      const pending = await pendingMigrations(store.db, store.schema);
      if (pending.length > 0) throw new Error(`pending: ${pending.join(', ')}`);
      migrationsCurrent = true;
    },
    catalog: loadedCheck('the model catalog', () => catalogLoaded),
    channels: loadedCheck('the channels', () => channelsLoaded),
  });
  const server = buildServer(deps, {
    drainGate,
    readiness,
    videos: {
      ...jobFinish,
      holds: jobHolds,
      lookup: videoLookup,
      newJobId: () => newId('video'),
      firstPollDelayMs: settings.jobTimings.pendingDelayMs,
      uploadLimitBytes: settings.bodyLimitBytes,
    },
    bodyLimitBytes: settings.bodyLimitBytes,
    uploadLimitBytes: settings.uploadLimitBytes,
    // The captcha can be turned on at any time: its widget's origin is always let in.
    consoleScriptOrigins: [mail.captcha.origin],
    trustProxy: settings.trustProxy,
    clientLimits: settings.clientLimits,
    responsesStore: {
      responses: storedResponses,
      retentionDays: () => operatorSettings.value.responseRetentionDays,
    },
  });
  registerMidjourney(server, midjourney.routes);
  const worker = options.primary
    ? joinPrimary({
        link: options.primary,
        instanceId,
        releaseDeadInstance: (dead) => billing.ledger.releaseDeadInstance(dead),
        registry: metrics.registry,
        logger,
      })
    : undefined;
  registerMetricsRoute(server, { registry: metrics.registry, scrape: worker?.scrape, guard: metricsGuardCheck });
  const api = new ApiRegistry(server, new SessionPrincipals(accounts.sessions, accounts.keyCache), {
    checkResponses: options.checkApiResponses ?? false,
    addressLimiter: new AddressLimiter(cluster.attemptCounters),
  });
  registerAccountRoutes(api, {
    ...accounts,
    invitations,
    captcha: mail.captcha,
    emails: mail.emails,
    mfa: {
      services: createMfaServices({ store, box: secretBox, now, attemptCounters: cluster.attemptCounters }),
      settings: operatorSettings,
    },
  });
  registerEmailAuthRoutes(api, { emails: mail.emails, captcha: mail.captcha });
  registerMailAdminRoutes(api, {
    ...mail,
    env,
    onSendError: (error) => logger.warn({ err: error }, 'test email failed'),
  });
  registerPlanRoutes(api, { plans: billing.plans });
  registerKeyGroupRoutes(api, {
    store,
    settings: operatorSettings,
    priceBook: billing.priceBook,
    users: accounts.users,
    now,
    newId,
  });
  registerAdminToolRoutes(api, {
    store,
    users: accounts.users,
    keys: accounts.keys,
    keyCache: accounts.keyCache,
    ledger: billing.ledger,
    settings: operatorSettings,
    now,
    newId,
  });
  registerBillingRoutes(api, {
    store,
    ledger: billing.ledger,
    redemptions: billing.redemptions,
    priceBook: billing.priceBook,
    catalog: billing.catalog,
    settings: operatorSettings,
    routableModels: () => deps.router.listModels(),
    now,
    newId,
  });
  registerLogRoutes(api, {
    logQuery: new RequestLogQuery(store),
    usage: new UsageAggregates(store),
    cacheHits: new CacheHitRates(store),
    now,
  });
  registerChannelStatsRoutes(api, { store, now });
  registerMarginRoutes(api, { store, now });
  registerSettingsRoutes(api, operatorSettings);
  registerOAuthRoutes(api, {
    ...oauth,
    sessions: accounts.sessions,
    registrationThrottle: accounts.registrationThrottle,
    settings: operatorSettings,
    logger,
    now,
  });
  registerPublicRoutes(api, {
    settings: operatorSettings,
    announcements,
    catalog: billing.catalog,
    priceBook: billing.priceBook,
    routableModels: () => deps.router.listModels(),
  });
  registerAnnouncementRoutes(api, announcements);
  registerPresetRoutes(api, presets);
  registerInvitationRoutes(api, { invitations, settings: operatorSettings });
  registerPaymentRoutes(api, {
    store,
    orders: payments.orders,
    providers: payments.providers,
    settings: operatorSettings,
    planPricing: async (planId) => {
      // Only plans on sale can be bought, whatever the method.
      const plan = await billing.plans.catalog.get(planId);
      return plan?.status === 'active' ? { priceUnits: plan.price, name: plan.name } : undefined;
    },
    notifyFailures: payments.notifyFailures,
    jsonMaxDepth: settings.clientLimits.jsonMaxDepth,
    returnVisits: payments.returnVisits,
    logger,
  });
  registerRoutingRoutes(api, deps.routeHealth, deps.routeSpeed);
  registerVendorRoutes(api, builtinVendors);
  registerChannelRoutes(api, {
    store: channelStore,
    registry,
    // The relay's deps object itself, not a copy of its fields: the catalog directory is swapped
    // in it when the catalog changes, and a channel test must see the catalog in force.
    tester: deps,
    testResults: new ChannelTestResults(store),
    priceKnown: (vendor, model) => billing.priceBook.salePrices(vendor, model, 'default').known,
  });
  let openApi: Record<string, unknown> | undefined;
  server.get('/api/openapi.json', async () => {
    openApi ??= buildOpenApiDocument(api.routes, APP_VERSION);
    return openApi;
  });

  if (registry.channels.length === 0) {
    logger.warn('No upstream is configured: set OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY, ... or --config');
  }
  let closing: Promise<void> | undefined;
  let serverClosing: Promise<void> | undefined;
  // Fastify's close runs once, whether a drain or close() asked first.
  const closeServer = () => {
    serverClosing ??= server.close().then(() => undefined);
    return serverClosing;
  };
  const app: App = {
    server,
    settings,
    deps,
    store,
    logger,
    drainGate,
    async shutdown(shutdownOptions = {}) {
      const outcome = await drainServer({
        closeServer,
        server: server.server,
        gate: drainGate,
        timeoutMs: settings.drainTimeoutMs,
        ...(shutdownOptions.endNow ? { endNow: shutdownOptions.endNow } : {}),
        logger,
      });
      // Every handler has settled its own hold; what is left could not settle (it is released
      // without charge now rather than by another replica's orphan sweep a minute later).
      const leftover = await billing.ledger.releaseLeftoverHolds();
      if (leftover.length > 0) logger.warn({ released: leftover.length }, 'shutdown: released holds left unsettled');
      logger.info('shutdown: flushing the request log and key last-used times, closing pools');
      await app.close();
      logger.info(outcome, 'shutdown: done');
      return outcome;
    },
    close() {
      closing ??= (async () => {
        await closeServer();
        await jobPoller.stop();
        unwireBus();
        await cluster.close();
        await logWriter.close();
        await retention.stop();
        await responseSweeper.stop();
        await payments.expirySweep.stop();
        mail.close();
        await jobPoller.stop();
        await storedResponses.flush();
        await billing.stop();
        await accounts.close();
        await store.close();
        // Last: the spans of requests that ended during the shutdown go out too.
        await tracing?.shutdown();
      })();
      return closing;
    },
  };
  if (adminKey.generated) app.generatedAdminKey = adminKey.generated;
  return app;
}
