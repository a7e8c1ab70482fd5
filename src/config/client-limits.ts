/**
 * Default deepest nesting of objects and arrays a request body may have. The top-level object
 * is level 1. 128 is serde_json's default recursion limit; real requests stay far below it (a
 * chat request with content parts is about 6 levels, and OpenAI's structured outputs allow
 * 10 levels of schema nesting, about 25 JSON levels), while every recursive step over request
 * data in AIHub (the response cache's canonical key, JSON.stringify towards the upstream, zod,
 * the vendors' schema conversions) stays far from the stack limit at 128.
 */
export const DEFAULT_JSON_MAX_DEPTH = 128;

/**
 * Bounds on what one client can make the HTTP server hold or process, so it cannot refuse service
 * to others. Each has an environment variable (src/config/settings.ts) and a default here.
 */
export interface ClientLimits {
  /** `AIHUB_JSON_MAX_DEPTH`: deepest nesting of objects and arrays in a request body. */
  jsonMaxDepth: number;
  /** `AIHUB_HEADERS_TIMEOUT_MS`: from a request's first byte to the end of its headers. */
  headersTimeoutMs: number;
  /**
   * `AIHUB_CLIENT_IDLE_TIMEOUT_MS`: longest silence while a client sends a request (headers or
   * body), or on a new connection before its first request. Never applies to a response being
   * produced or sent (a client that stops reading one is cut after it). A kept-alive connection
   * between requests closes after the server's keep-alive timeout (75 s) instead.
   */
  clientIdleTimeoutMs: number;
  /** `AIHUB_MAX_CONNECTIONS_PER_ADDRESS`: open connections per client address; 0 = no cap. */
  maxConnectionsPerAddress: number;
}

export const DEFAULT_CLIENT_LIMITS: Readonly<ClientLimits> = Object.freeze({
  jsonMaxDepth: DEFAULT_JSON_MAX_DEPTH,
  // Headers are a few hundred bytes, sent at once by every real client.
  headersTimeoutMs: 30_000,
  // nginx's client_body_timeout: a minute without a byte means the client is gone.
  clientIdleTimeoutMs: 60_000,
  // High enough for one busy client (a server holding a thousand or two streams at once, or a
  // NAT), low enough that one address cannot take the process's file descriptors.
  maxConnectionsPerAddress: 4_096,
});
