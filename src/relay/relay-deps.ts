import type { Logger } from 'pino';
import type { ResponseCache } from '../cache/response-cache.js';
import type { ModelLimitOverrides, RelayLimits } from '../limits/limit-types.js';
import type { PresetStore } from '../presets/preset-store.js';
import type { Provider, ProviderId } from '../providers/provider.js';
import type { DefaultModels } from '../routing/default-model.js';
import type { ChannelHealthSink } from '../routing/health/health-sink.js';
import type { RouteHealth } from '../routing/health/route-health.js';
import type { KeyRotation } from '../routing/key-rotation.js';
import type { ModelAliases } from '../routing/model-aliases.js';
import type { ModelDirectory } from '../routing/model-directory.js';
import type { ModelRouter } from '../routing/model-router.js';
import type { RouteSpeed } from '../routing/route-speed.js';
import type { StickyRouting } from '../routing/sticky/sticky-routing.js';
import type { RoutingPolicy } from '../routing/tier-policy.js';
import type { MediaFetchOptions } from '../upstream/media-fetcher.js';
import type { HedgingSettings } from './hedge-policy.js';
import type { RelayAuth, RelayBilling, RelayLog } from './relay-ports.js';
import type { RequestTracing } from './request-span.js';

/** Everything the relay needs, built once at start-up (DESIGN.md §5: nothing per request). */
export interface RelayDeps {
  router: ModelRouter;
  keys: KeyRotation;
  /** Key cooldowns and circuit breakers, fed by every attempt's outcome (memory, per process). */
  routeHealth: RouteHealth;
  /** Told about clear account errors (dead key, no credit, region refused); no-op when absent. */
  health?: ChannelHealthSink;
  /**
   * Keeps each conversation on the (channel, key) that served it last, for upstream prompt
   * caches (memory, or Redis across replicas); absent: every request is routed afresh.
   */
  sticky?: StickyRouting;
  /** Rate limits and concurrency caps per key and user. */
  limits: RelayLimits;
  /** The opt-in exact-match response cache. */
  cache: ResponseCache;
  /** Percentage of the original answer's cost a cache hit costs (operator setting; default 0). */
  cacheHitChargePercent: () => number;
  /** Saved presets, called as `@preset/<name>` (presets/preset-store.ts); absent: none. */
  presets?: Pick<PresetStore, 'find'>;
  /** When requests are hedged (operator setting, relay/hedge-policy.ts); absent: never. */
  hedging?: () => HedgingSettings;
  /**
   * Continue a translated stream that broke mid-answer on another channel that continues a
   * prefill (operator setting, relay/stream-continuation.ts); absent: never.
   */
  streamContinuation?: () => boolean;
  /** The model per key group (`*`: every group) for requests that name none (routing/default-model.ts). */
  defaultModels?: () => DefaultModels;
  /** Model aliases (operator setting): a name → models tried in order (routing/model-aliases.ts). */
  modelAliases?: () => ModelAliases;
  /** Per-model limit overrides (operator setting). */
  modelLimits: () => ModelLimitOverrides;
  /** Counts failed authentications per client address. */
  ipLimiter?: { hit(bucket: 'auth_failure', ip: string): Promise<unknown> };
  providers: Record<ProviderId, Provider>;
  directory: ModelDirectory;
  media: MediaFetchOptions;
  /** At most this many upstream attempts per request (across channels and keys). */
  maxAttempts: number;
  /** No new upstream attempt starts once a request has spent this long (milliseconds). */
  maxRetryMs: number;
  generateId: (prefix: string) => string;
  now: () => number;
  /** [0, 1), like Math.random: weighted channel choice. Injected so tests are deterministic. */
  random: () => number;
  logger: Logger;
  auth: RelayAuth;
  billing: RelayBilling;
  log: RelayLog;
  /** Time to first byte and tokens per second per (channel, model), for `sort: latency|throughput`. */
  routeSpeed?: RouteSpeed;
  /** How a priority tier's channels are ordered (operator setting; routing/tier-policy.ts); absent: weighted. */
  routingPolicy?: () => RoutingPolicy;
  /** Told when an answer's stream starts reaching the client and when it ends (the open-streams gauge). */
  openStreams?: OpenStreams;
  /** Starts each request's trace span; absent when tracing is off (observability/tracing-settings.ts). */
  tracing?: RequestTracing;
}

export interface OpenStreams {
  opened(): void;
  closed(): void;
}
