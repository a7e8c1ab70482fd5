import type { EventEmitter } from 'node:events';
import { Agent, type Dispatcher, ProxyAgent, request } from 'undici';
import { GatewayError } from '../ir/index.js';
import type { HttpRequestSpec } from '../providers/provider.js';
import { connectionWaitInterceptor, timedDispatchOptions } from './connection-wait.js';
import { withTraceHeaders } from './trace-headers.js';
import { upstreamFault } from './upstream-fault.js';

export interface UpstreamTimeouts {
  /** Connecting (TCP + TLS; through a proxy: to the proxy, and the TLS to the upstream). */
  connectMs: number;
  /**
   * First byte: from sending the request to the response headers here; the relay also applies it
   * until the answer's first content reaches the client (for a stream: the first token).
   */
  headersMs: number;
  /** Longest silence between two body chunks. */
  idleMs: number;
  /** Longest a whole attempt may take, stream included (enforced by the relay); undefined = no limit. */
  totalMs?: number;
}

/**
 * What cancels an upstream call: an AbortSignal, or an EventEmitter that emits `abort` after
 * setting `aborted` and `reason` (undici accepts both; the relay uses the cheaper emitter).
 */
export type UpstreamSignal = AbortSignal | (EventEmitter & { readonly aborted: boolean; readonly reason: unknown });

export const DEFAULT_TIMEOUTS: UpstreamTimeouts = { connectMs: 10_000, headersMs: 300_000, idleMs: 300_000 };

export interface UpstreamResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Dispatcher.ResponseData['body'];
}

export interface UpstreamPoolOptions {
  /**
   * Most connections open at once to one upstream origin (`AIHUB_UPSTREAM_MAX_CONNECTIONS`). Each
   * answer in flight holds one for its whole length, a stream for minutes: calls beyond the limit
   * wait for a free connection, and the wait shows in the request log (`connectionWaitMs`).
   */
  connectionsPerOrigin: number;
}

/** Thousands of concurrent streams to one vendor, within a default file-descriptor budget. */
export const DEFAULT_UPSTREAM_POOLS: UpstreamPoolOptions = Object.freeze({ connectionsPerOrigin: 8192 });

let pools: UpstreamPoolOptions = DEFAULT_UPSTREAM_POOLS;

/**
 * Sizes the pools of this process (the app calls it at start). Agents already made keep their
 * size; new calls go to agents of the new size.
 */
export function configureUpstreamPools(options: UpstreamPoolOptions): void {
  pools = { ...options };
}

/**
 * One keep-alive agent per (proxy, timeout profile, pool size): undici pools connections per
 * origin inside an agent, so every channel reuses warm sockets. Pools are sized for slow LLM
 * upstreams (many concurrent long streams), see DESIGN.md §5; with slow upstreams, throughput is
 * capped by pool connections ÷ latency. Channels sharing a profile share the agent, so the number
 * of agents stays that of distinct settings, not of channels. Every agent times how long each
 * call waits for a connection (connection-wait.ts).
 */
const agents = new Map<string, Dispatcher>();

function agentFor(timeouts: UpstreamTimeouts, proxyUrl: string | undefined): Dispatcher {
  const { connectionsPerOrigin } = pools;
  const key = `${timeouts.connectMs}/${timeouts.headersMs}/${timeouts.idleMs}/${connectionsPerOrigin}/${proxyUrl ?? ''}`;
  let agent = agents.get(key);
  if (!agent) {
    const options = {
      connections: connectionsPerOrigin,
      pipelining: 1,
      keepAliveTimeout: 30_000,
      headersTimeout: timeouts.headersMs,
      bodyTimeout: timeouts.idleMs,
    };
    const base = proxyUrl
      ? new ProxyAgent({
          ...options,
          uri: proxyUrl,
          proxyTls: { timeout: timeouts.connectMs },
          requestTls: { timeout: timeouts.connectMs },
        })
      : new Agent({ ...options, connect: { timeout: timeouts.connectMs } });
    agent = base.compose(connectionWaitInterceptor);
    agents.set(key, agent);
  }
  return agent;
}

/**
 * Any upstream call: the providers' POSTs (HttpRequestSpec, an upload's bytes in `bodyBytes`), and
 * the media jobs' GETs, DELETEs and uploads.
 */
export type UpstreamRequestSpec =
  | HttpRequestSpec
  | { method: 'GET' | 'POST' | 'DELETE'; url: string; headers: Record<string, string>; body?: string | Uint8Array };

/**
 * Sends the encoded request, directly or through `proxyUrl` (`http://user:pass@proxy:3128`).
 * Network failures become retryable GatewayErrors; any HTTP status is returned. How long the call
 * waited for a connection is kept under its signal (`connectionWaitMs(signal)`).
 */

export async function sendUpstream(
  spec: UpstreamRequestSpec,
  signal: UpstreamSignal,
  timeouts: UpstreamTimeouts = DEFAULT_TIMEOUTS,
  proxyUrl?: string,
): Promise<UpstreamResponse> {
  try {
    const response = await request(spec.url, {
      method: spec.method,
      headers: withTraceHeaders(spec.headers, signal),
      body: ('bodyBytes' in spec ? spec.bodyBytes : undefined) ?? spec.body,
      signal,
      dispatcher: agentFor(timeouts, proxyUrl),
      ...timedDispatchOptions(signal),
    });
    return { status: response.statusCode, headers: response.headers, body: response.body };
  } catch (error) {
    throw networkError(error, signal);
  }
}

/**
 * Failures of the upstream's network path, by undici's or Node's code: the connection (refused,
 * reset, unreachable, DNS), TLS, the proxy's tunnel, a malformed HTTP answer (`HPE_*` from the
 * parser), and undici's own timeouts and size limits. Anything else is not the upstream's doing.
 */
const NETWORK_FAILURE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPROTO',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_HEADERS_OVERFLOW',
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
  'UND_ERR_RES_EXCEEDED_MAX_SIZE',
  'UND_ERR_INFO',
  'UND_ERR_PRX_TLS',
  // Not our signal (checked first): the proxy refused the tunnel ("Proxy response (407) !== 200").
  'UND_ERR_ABORTED',
]);
const TLS_FAILURE_CODE = /^(ERR_TLS_|ERR_SSL_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|CERT_)/;

/**
 * Maps what an upstream call threw to a GatewayError without leaking internals:
 * - a GatewayError is returned as it is (the attempt's deadline, a vendor's error);
 * - after `signal` was aborted, `client_closed` (the client went away; nobody's fault);
 * - a failure of the network path (see NETWORK_FAILURE_CODES) becomes a retryable upstream error
 *   or timeout, marked as the upstream's fault (upstream-fault.ts: it feeds route health);
 * - anything else is AIHub's own failure (an invalid header value, a closed agent, a bug): an
 *   `internal` error, never blamed on the upstream.
 */
export function networkError(error: unknown, signal?: { readonly aborted: boolean }): GatewayError {
  if (error instanceof GatewayError) return error;
  if (signal?.aborted) {
    return new GatewayError({
      kind: 'upstream_error',
      message: 'The request was cancelled.',
      code: 'client_closed',
      retryable: false,
      cause: error,
    });
  }
  const code = failureCode(error);
  if (
    code === undefined ||
    !(NETWORK_FAILURE_CODES.has(code) || TLS_FAILURE_CODE.test(code) || code.startsWith('HPE_'))
  ) {
    return new GatewayError({
      kind: 'internal',
      message: 'The server had an error while processing your request.',
      cause: error,
    });
  }
  return upstreamFault(networkFailure(code, error));
}

function networkFailure(code: string, cause: unknown): GatewayError {
  switch (code) {
    case 'UND_ERR_HEADERS_TIMEOUT':
      return new GatewayError({
        kind: 'upstream_timeout',
        message: 'The upstream did not answer in time.',
        code: 'upstream_timeout',
        cause,
      });
    case 'UND_ERR_BODY_TIMEOUT':
      return new GatewayError({
        kind: 'upstream_timeout',
        message: 'The upstream stopped sending data.',
        code: 'upstream_idle_timeout',
        cause,
      });
    case 'UND_ERR_CONNECT_TIMEOUT':
      return new GatewayError({
        kind: 'upstream_timeout',
        message: 'Connecting to the upstream timed out.',
        code: 'upstream_connect_timeout',
        cause,
      });
    default:
      return new GatewayError({
        kind: 'upstream_error',
        message: networkFailureMessage(code),
        code: 'upstream_connection_error',
        retryable: true,
        cause,
      });
  }
}

function networkFailureMessage(code: string): string {
  if (code === 'ECONNREFUSED') return 'The upstream refused the connection.';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'The upstream closed the connection unexpectedly.';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'The upstream host could not be resolved.';
  if (code.startsWith('HPE_')) return 'The upstream sent a malformed HTTP response.';
  if (TLS_FAILURE_CODE.test(code)) return 'The TLS connection to the upstream failed.';
  return 'The upstream could not be reached.';
}

/**
 * The error's code, or its cause's (undici wraps some), or the first of an AggregateError's
 * (Node tries IPv4 and IPv6 in turn and reports both).
 */
function failureCode(error: unknown): string | undefined {
  const own = (error as { code?: unknown })?.code;
  if (typeof own === 'string') return own;
  const nested = (error as { cause?: unknown })?.cause ?? (error as { errors?: unknown[] })?.errors?.[0];
  const inner = (nested as { code?: unknown })?.code;
  return typeof inner === 'string' ? inner : undefined;
}

/** Reads a (small) error body as text, bounded so a misbehaving upstream cannot exhaust memory. */
export async function readBodyText(body: UpstreamResponse['body'], limitBytes = 1 << 20): Promise<string> {
  return (await readBodyBytes(body, limitBytes)).toString('utf8');
}

/** A whole body's bytes, bounded as readBodyText's text (cut at the limit, the rest discarded). */
export async function readBodyBytes(body: UpstreamResponse['body'], limitBytes = 1 << 20): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limitBytes) {
      discardBody(body);
      break;
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** Stops reading a body and releases the socket. undici emits an AbortError on destroy; swallow it. */
export function discardBody(body: UpstreamResponse['body']): void {
  body.on('error', () => {});
  body.destroy();
}
