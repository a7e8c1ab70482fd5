import type { Redis } from 'ioredis';
import type { Usage } from '../ir/index.js';
import { AnswerCapture } from './answer-capture.js';
import { cacheDirective } from './cache-directive.js';
import { cacheKey, requestFingerprint } from './cache-key.js';
import { type CacheStore, MemoryCacheStore, RedisCacheStore } from './cache-store.js';
import type {
  CacheCaller,
  CachedAnswer,
  CacheLookup,
  CacheMiss,
  CacheMode,
  CachePolicy,
  CacheRequest,
} from './cache-types.js';

export const DEFAULT_CACHE_POLICY: CachePolicy = Object.freeze({
  callerTtlSeconds: () => undefined,
  scope: 'user',
  defaultTtlSeconds: 300,
  maxTtlSeconds: 86_400,
  maxEntryBytes: 1024 * 1024,
  hitChargePpm: 0,
});

/** What the chat route calls (see ResponseCache). */
export interface RelayCache {
  lookup(request: CacheRequest, caller: CacheCaller, mode?: CacheMode): Promise<CacheLookup>;
  capture(miss: CacheMiss): AnswerCapture;
  store(miss: CacheMiss, capture: AnswerCapture, meta?: { cost?: number; usage?: Usage }): Promise<boolean>;
  hitCost(answer: CachedAnswer): number;
}

export interface ResponseCacheOptions {
  store: CacheStore;
  policy?: Partial<CachePolicy>;
  now?: () => number;
  /** Store failures: a lookup becomes a miss, a store is skipped. */
  onStoreError?: (error: unknown) => void;
}

/**
 * Opt-in exact-match cache of complete answers (cache-directive.ts says how a request or a
 * caller opts in). The key is a hash of every request field that can change the answer, the
 * mode, the API surface and the scope (per user by default). Only successful, complete answers
 * are stored (answer-capture.ts); a hit is replayed as the original was sent.
 */
export class ResponseCache implements RelayCache {
  readonly policy: CachePolicy;
  private readonly now: () => number;
  private readonly onStoreError: (error: unknown) => void;

  constructor(private readonly options: ResponseCacheOptions) {
    this.policy = { ...DEFAULT_CACHE_POLICY, ...options.policy };
    this.now = options.now ?? Date.now;
    this.onStoreError = options.onStoreError ?? (() => {});
  }

  /** `bypass` (not opted in, or not a JSON object), `hit` with the answer, or `miss` with where to store. */
  async lookup(request: CacheRequest, caller: CacheCaller, mode?: CacheMode): Promise<CacheLookup> {
    const { body } = request;
    if (body === null || typeof body !== 'object' || Array.isArray(body)) return { status: 'bypass' };
    const directive = cacheDirective(request.headers, caller, this.policy);
    if (!directive.use) return { status: 'bypass' };
    const effectiveMode = mode ?? cacheModeOf(body);
    const fingerprint = requestFingerprint(
      body as Record<string, unknown>,
      effectiveMode,
      request.surface ?? 'openai.chat',
    );
    const key = cacheKey(fingerprint, this.policy.scope, caller);
    const miss: CacheMiss = { status: 'miss', key, ttlSeconds: directive.ttlSeconds, mode: effectiveMode };
    if (!directive.read) return miss;
    let text: string | undefined;
    try {
      text = await this.options.store.get(key);
    } catch (error) {
      this.onStoreError(error);
      return miss;
    }
    const answer = text === undefined ? undefined : parseAnswer(text, effectiveMode);
    return answer ? { status: 'hit', key, answer } : miss;
  }

  /** A recorder for the answer to a miss (wrap the client connection with `captureConnection`). */
  capture(miss: CacheMiss): AnswerCapture {
    return new AnswerCapture(miss.mode, this.policy.maxEntryBytes);
  }

  /** Stores the captured answer if it is complete; true when stored. Never throws. */
  async store(miss: CacheMiss, capture: AnswerCapture, meta: { cost?: number; usage?: Usage } = {}): Promise<boolean> {
    const captured = capture.result();
    if (!captured || captured.mode !== miss.mode) return false;
    const answer: CachedAnswer = { v: 1, ...captured, createdAt: this.now() };
    if (meta.cost !== undefined) answer.cost = meta.cost;
    if (meta.usage !== undefined)
      answer.usage = { inputTokens: meta.usage.inputTokens, outputTokens: meta.usage.outputTokens };
    try {
      await this.options.store.set(miss.key, JSON.stringify(answer), miss.ttlSeconds * 1000);
      return true;
    } catch (error) {
      this.onStoreError(error);
      return false;
    }
  }

  /** Units to charge for a hit: the original cost × hitChargePpm, rounded half up (0 by default). */
  hitCost(answer: CachedAnswer): number {
    const ppm = BigInt(Math.max(0, Math.round(this.policy.hitChargePpm)));
    const cost = BigInt(Math.max(0, Math.round(answer.cost ?? 0)));
    return Number((cost * ppm * 2n + 1_000_000n) / 2_000_000n);
  }
}

/** `stream` for requests with `"stream": true`, else `json`. */
export function cacheModeOf(body: unknown): CacheMode {
  return (body as { stream?: unknown } | null)?.stream === true ? 'stream' : 'json';
}

function parseAnswer(text: string, mode: CacheMode): CachedAnswer | undefined {
  try {
    const answer = JSON.parse(text) as CachedAnswer;
    return answer?.v === 1 && answer.mode === mode && typeof answer.body === 'string' ? answer : undefined;
  } catch {
    return undefined;
  }
}

/** A cache in Redis when given a connection (shared by all replicas), else in this process's memory. */
export function createResponseCache(
  options: Omit<ResponseCacheOptions, 'store'> & {
    redis?: Redis;
    keyPrefix?: string;
    memoryMaxBytes?: number;
    /** Without Redis, the store to use instead of this process's memory (a worker's: the primary's). */
    sharedStore?: CacheStore;
  },
): ResponseCache {
  const store = options.redis
    ? new RedisCacheStore(options.redis, options.keyPrefix)
    : (options.sharedStore ?? new MemoryCacheStore({ maxBytes: options.memoryMaxBytes, now: options.now }));
  return new ResponseCache({ ...options, store });
}
