import type { EventEmitter } from 'node:events';
import { Agent, type Dispatcher, ProxyAgent, request, errors as undiciErrors } from 'undici';
import { GatewayError } from '../ir/index.js';
import type { HttpRequestSpec } from '../providers/provider.js';
import { connectionWaitInterceptor, timedDispatchOptions } from './connection-wait.js';

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
 * Sends the encoded request, directly or through `proxyUrl` (`http://user:pass@proxy:3128`).
 * Network failures become retryable GatewayErrors; any HTTP status is returned. How long the call
 * waited for a connection is kept under its signal (`connectionWaitMs(signal)`).
 */
export async function sendUpstream(
  spec: HttpRequestSpec,
  signal: UpstreamSignal,
  timeouts: UpstreamTimeouts = DEFAULT_TIMEOUTS,
  proxyUrl?: string,
): Promise<UpstreamResponse> {
  try {
    const response = await request(spec.url, {
      method: spec.method,
      headers: spec.headers,
      body: spec.body,
      signal,
      dispatcher: agentFor(timeouts, proxyUrl),
      ...timedDispatchOptions(signal),
    });
    return { status: response.statusCode, headers: response.headers, body: response.body };
  } catch (error) {
    throw networkError(error, signal);
  }
}

/** Maps undici's failures (refused, reset, timeouts, aborts) to GatewayErrors without leaking internals. */
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
  if (error instanceof undiciErrors.HeadersTimeoutError) {
    return new GatewayError({
      kind: 'upstream_timeout',
      message: 'The upstream did not answer in time.',
      code: 'upstream_timeout',
      cause: error,
    });
  }
  if (error instanceof undiciErrors.BodyTimeoutError) {
    return new GatewayError({
      kind: 'upstream_timeout',
      message: 'The upstream stopped sending data.',
      code: 'upstream_idle_timeout',
      cause: error,
    });
  }
  if (error instanceof undiciErrors.ConnectTimeoutError) {
    return new GatewayError({
      kind: 'upstream_timeout',
      message: 'Connecting to the upstream timed out.',
      code: 'upstream_connect_timeout',
      cause: error,
    });
  }
  const code = (error as { code?: string })?.code;
  const message =
    code === 'ECONNREFUSED'
      ? 'The upstream refused the connection.'
      : code === 'ECONNRESET' || code === 'UND_ERR_SOCKET'
        ? 'The upstream closed the connection unexpectedly.'
        : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
          ? 'The upstream host could not be resolved.'
          : 'The upstream could not be reached.';
  return new GatewayError({
    kind: 'upstream_error',
    message,
    code: 'upstream_connection_error',
    retryable: true,
    cause: error,
  });
}

/** Reads a (small) error body as text, bounded so a misbehaving upstream cannot exhaust memory. */
export async function readBodyText(body: UpstreamResponse['body'], limitBytes = 1 << 20): Promise<string> {
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
  return Buffer.concat(chunks).toString('utf8');
}

/** Stops reading a body and releases the socket. undici emits an AbortError on destroy; swallow it. */
export function discardBody(body: UpstreamResponse['body']): void {
  body.on('error', () => {});
  body.destroy();
}
