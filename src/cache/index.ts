export { AnswerCapture, isCompleteJson, isCompleteStream } from './answer-capture.js';
export { type CacheDirective, cacheDirective } from './cache-directive.js';
export { cacheKey, canonicalJson, requestFingerprint } from './cache-key.js';
export { type CacheStore, MemoryCacheStore, RedisCacheStore } from './cache-store.js';
export {
  CACHE_STATUS_HEADER,
  type CachedAnswer,
  type CacheLookup,
  type CacheMiss,
  type CacheMode,
  type CachePolicy,
  type CacheRequest,
  type CacheScope,
} from './cache-types.js';
export { captureConnection, replayAnswer, withResponseHeaders } from './capture-connection.js';
export {
  cacheModeOf,
  createResponseCache,
  DEFAULT_CACHE_POLICY,
  type RelayCache,
  ResponseCache,
} from './response-cache.js';
