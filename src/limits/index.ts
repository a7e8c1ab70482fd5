export { AddressLimiter, DEFAULT_ADDRESS_RULE } from './address-limiter.js';
export { DEFAULT_LEASE_TTL_MS, type LeaseStore, MemoryLeaseStore } from './concurrency-leases.js';
export { ipLimitKey } from './ip-key.js';
export { DEFAULT_IP_RULES, type IpBucket, IpLimiter, type IpLimiterOptions, type IpRule } from './ip-limiter.js';
export type {
  AdmitInput,
  CallerLimits,
  LimitSet,
  LimitTicket,
  ModelLimitOverrides,
  RelayLimits,
} from './limit-types.js';
export { resolveModelOverride } from './model-overrides.js';
export { isRateLimitError, RateLimitError } from './rate-limit-error.js';
export { RedisLeaseStore } from './redis-leases.js';
export { AdmittedTicket, RequestLimiter, type RequestLimiterOptions } from './request-limiter.js';
export { formatResetDuration } from './reset-duration.js';
