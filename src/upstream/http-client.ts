import { Agent, type Dispatcher, request, errors as undiciErrors } from 'undici';
import { GatewayError } from '../ir/index.js';
import type { HttpRequestSpec } from '../providers/provider.js';

export interface UpstreamTimeouts {
  /** Connecting (TCP + TLS). */
  connectMs: number;
  /** From sending the request to the response headers (for streams: roughly time to first token). */
  headersMs: number;
  /** Longest silence between two body chunks. */
  idleMs: number;
  /** Longest a whole request may take, stream included; undefined = no limit. */
  totalMs?: number;
}

export const DEFAULT_TIMEOUTS: UpstreamTimeouts = { connectMs: 10_000, headersMs: 300_000, idleMs: 300_000 };

export interface UpstreamResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Dispatcher.ResponseData['body'];
}

/**
 * One keep-alive agent per timeout profile: undici pools connections per origin inside an agent,
 * so every channel reuses warm sockets. Pools are sized for slow LLM upstreams (many concurrent
 * long streams), see DESIGN.md §5.
 */
const agents = new Map<string, Agent>();

function agentFor(timeouts: UpstreamTimeouts): Agent {
  const key = `${timeouts.connectMs}/${timeouts.headersMs}/${timeouts.idleMs}`;
  let agent = agents.get(key);
  if (!agent) {
    agent = new Agent({
      connections: 1024,
      pipelining: 1,
      keepAliveTimeout: 30_000,
      connect: { timeout: timeouts.connectMs },
      headersTimeout: timeouts.headersMs,
      bodyTimeout: timeouts.idleMs,
    });
    agents.set(key, agent);
  }
  return agent;
}

/** Sends the encoded request. Network failures become retryable GatewayErrors; any HTTP status is returned. */
export async function sendUpstream(
  spec: HttpRequestSpec,
  signal: AbortSignal,
  timeouts: UpstreamTimeouts = DEFAULT_TIMEOUTS,
): Promise<UpstreamResponse> {
  try {
    const response = await request(spec.url, {
      method: spec.method,
      headers: spec.headers,
      body: spec.body,
      signal,
      dispatcher: agentFor(timeouts),
    });
    return { status: response.statusCode, headers: response.headers, body: response.body };
  } catch (error) {
    throw networkError(error, signal);
  }
}

/** Maps undici's failures (refused, reset, timeouts, aborts) to GatewayErrors without leaking internals. */
export function networkError(error: unknown, signal?: AbortSignal): GatewayError {
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
