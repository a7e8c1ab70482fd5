import type { Redis } from 'ioredis';

/*
 * Helpers over a Redis connection. Only types come from ioredis here: the client itself is made in
 * redis-connection.ts, which callers load when a Redis URL is configured, so a gateway without
 * Redis never loads ioredis (~7 MB of heap, issue 17).
 */

/** True when the connection can take commands now (no offline queueing). */
export function isRedisReady(client: Redis): boolean {
  return client.status === 'ready';
}

export interface RedisHealth {
  ok: boolean;
  /** Round trip of a PING, when it answered. */
  latencyMs?: number;
  status: string;
  error?: string;
}

/** PINGs Redis within `timeoutMs` (for /health and start-up checks). Never throws. */
export async function checkRedis(client: Redis, timeoutMs = 1000): Promise<RedisHealth> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const reply = await Promise.race([
      client.ping(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    if (reply !== 'PONG') return { ok: false, status: client.status, error: `unexpected reply ${reply}` };
    return { ok: true, status: client.status, latencyMs: Math.round((performance.now() - started) * 100) / 100 };
  } catch (error) {
    return { ok: false, status: client.status, error: (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

/** Waits until Redis answers (start-up: fail loudly when REDIS_URL points nowhere). */
export async function waitForRedis(client: Redis, timeoutMs = 5000): Promise<void> {
  const health = await checkRedis(client, timeoutMs);
  if (!health.ok) throw new Error(`Redis is not reachable: ${health.error ?? health.status}`);
}

/** Closes gracefully (QUIT after pending replies), or drops the connection if that fails. */
export async function closeRedis(client: Redis): Promise<void> {
  if (client.status === 'end') return;
  try {
    await client.quit();
  } catch {
    client.disconnect();
  }
}
