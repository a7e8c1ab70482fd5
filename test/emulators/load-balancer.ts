/**
 * A round-robin TCP load balancer in front of gateway replicas, modelled on a Kubernetes Service:
 * a backend receives new connections only while its readiness probe (`GET /readyz`) answers 200,
 * so a draining replica leaves the rotation as soon as it reports so; and, as kube-proxy in IPVS
 * mode or an L4 cloud balancer do, a connection a backend refuses is tried on the next one. Like
 * every L4 balancer it sees no HTTP: a client's keep-alive connection stays on the backend it was
 * given, and what that backend answers on it (a 503 while draining, a close) reaches the client.
 */
import { get } from 'node:http';
import { connect, createServer, type Server, type Socket } from 'node:net';

export interface LoadBalancerOptions {
  /** The backends' ports on 127.0.0.1. A port may be re-used by a restarted replica. */
  backendPorts: number[];
  /** How often each backend's readiness is probed (Kubernetes' periodSeconds, made short). */
  probeEveryMs?: number;
  /** How long a connection waits for a ready backend before it is dropped. */
  noBackendTimeoutMs?: number;
}

export interface BackendStats {
  port: number;
  ready: boolean;
  /** Client connections handed to this backend. */
  connections: number;
  /** Times this backend refused a connection, which then went to another one. */
  refused: number;
}

export interface LoadBalancer {
  origin: string;
  stats(): BackendStats[];
  /** Resolves once the probe has seen `port` ready (a rolling restart waits for this). */
  waitUntilReady(port: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

const PROBE_TIMEOUT_MS = 1_000;

export async function startLoadBalancer(options: LoadBalancerOptions): Promise<LoadBalancer> {
  const { probeEveryMs = 100, noBackendTimeoutMs = 10_000 } = options;
  // Not ready until the first probe says so: a pod joins the endpoints once it is ready.
  const backends: BackendStats[] = options.backendPorts.map((port) => ({
    port,
    ready: false,
    connections: 0,
    refused: 0,
  }));
  let next = 0;
  let closed = false;
  const clients = new Set<Socket>();

  const probes = backends.map((backend) => {
    const probe = () =>
      probeReady(backend.port).then((ready) => {
        backend.ready = ready;
      });
    void probe();
    return setInterval(probe, probeEveryMs);
  });

  /** The ready backends in round-robin order, starting after the last one used. */
  function rotation(): BackendStats[] {
    const ready = backends.filter((backend) => backend.ready);
    if (ready.length === 0) return [];
    const start = next++ % ready.length;
    return [...ready.slice(start), ...ready.slice(0, start)];
  }

  async function route(client: Socket): Promise<void> {
    const deadline = Date.now() + noBackendTimeoutMs;
    while (!closed && !client.destroyed) {
      for (const backend of rotation()) {
        const upstream = await tryConnect(backend.port);
        if (upstream) {
          backend.connections += 1;
          splice(client, upstream);
          return;
        }
        // Refused: the listener is gone (a drain closed it, or the process exited). Out of the
        // rotation until the probe sees it ready again.
        backend.refused += 1;
        backend.ready = false;
      }
      if (Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    client.destroy();
  }

  const server: Server = createServer({ pauseOnConnect: true }, (client) => {
    clients.add(client);
    client.on('close', () => clients.delete(client));
    client.on('error', () => {});
    void route(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  return {
    origin: `http://127.0.0.1:${port}`,
    stats: () => backends.map((backend) => ({ ...backend })),
    async waitUntilReady(backendPort, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (!backends.some((backend) => backend.port === backendPort && backend.ready)) {
        if (Date.now() > deadline) throw new Error(`backend ${backendPort} never became ready`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async close() {
      closed = true;
      for (const timer of probes) clearInterval(timer);
      for (const client of clients) client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A connection to the backend, or undefined when it refuses (or resets before accepting). */
function tryConnect(port: number): Promise<Socket | undefined> {
  return new Promise((resolve) => {
    const upstream = connect(port, '127.0.0.1');
    upstream.once('connect', () => {
      upstream.removeAllListeners('error');
      resolve(upstream);
    });
    upstream.once('error', () => {
      upstream.destroy();
      resolve(undefined);
    });
  });
}

/**
 * Joins the two sockets. An end is passed on as an end (bytes still queued are delivered first);
 * an error or an abrupt close on one side aborts the other, so a reset reaches the client as a
 * reset and a client that goes away is seen gone by the backend.
 */
function splice(client: Socket, upstream: Socket): void {
  client.pipe(upstream);
  upstream.pipe(client);
  upstream.on('error', () => client.destroy());
  client.on('error', () => upstream.destroy());
  upstream.on('close', (hadError) => {
    if (hadError) client.destroy();
  });
  client.on('close', () => upstream.destroy());
  client.resume();
}

function probeReady(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const request = get(
      { host: '127.0.0.1', port, path: '/readyz', agent: false, timeout: PROBE_TIMEOUT_MS },
      (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      },
    );
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(false));
  });
}
