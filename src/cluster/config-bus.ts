import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { redisNames } from './redis-names.js';

/**
 * Tells the other replicas that configuration changed, so each re-reads it from the database
 * within milliseconds instead of after a polling interval (DESIGN.md §5). Messages carry what
 * changed, never the data: the database stays the one source of truth.
 */
/** `plans`: who holds a subscription changed (plans/subscriber-set.ts). */
export const CONFIG_KINDS = ['keys', 'user', 'channels', 'prices', 'catalog', 'settings', 'plans'] as const;
export type ConfigKind = (typeof CONFIG_KINDS)[number];

export interface ConfigMessage {
  kind: ConfigKind;
  /** The key id (`keys`) or user id (`user`); absent = reload the whole kind. */
  id?: string;
}

export interface ReceivedConfigMessage extends ConfigMessage {
  /** The publishing replica's instance id. */
  from: string;
}

/** `resync`: the subscription was down and messages may have been missed; reload everything. */
export type ConfigBusEvent = { type: 'message'; message: ReceivedConfigMessage } | { type: 'resync' };

export interface ConfigBus {
  readonly instanceId: string;
  /** Tells the other replicas. Never throws (a lost message is logged by the caller's logger). */
  publish(message: ConfigMessage): Promise<void>;
  /** Hears other replicas' messages (never this instance's own). */
  subscribe(listener: (event: ConfigBusEvent) => void): () => void;
  close(): Promise<void>;
}

export const DEFAULT_CONFIG_CHANNEL = redisNames().configChannel;

const wireSchema = z.object({
  v: z.literal(1),
  from: z.string().min(1),
  kind: z.enum(CONFIG_KINDS),
  id: z.string().min(1).optional(),
});

/** The listeners of a bus, each shielded from the others' exceptions. */
export abstract class ListenerSet {
  protected readonly listeners = new Set<(event: ConfigBusEvent) => void>();

  subscribe(listener: (event: ConfigBusEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  protected emit(event: ConfigBusEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // One broken listener must not stop the others.
      }
    }
  }
}

/** One process, no Redis: nobody else to tell, so publishing does nothing. */
export class LocalConfigBus extends ListenerSet implements ConfigBus {
  constructor(readonly instanceId: string = randomUUID()) {
    super();
  }

  async publish(_message: ConfigMessage): Promise<void> {}

  async close(): Promise<void> {
    this.listeners.clear();
  }
}

export interface RedisConfigBusOptions {
  /** The connection used to publish (shared with other users of Redis). */
  redis: Redis;
  /** A connection for SUBSCRIBE only; default `redis.duplicate()` (closed by `close()`). */
  subscriber?: Redis;
  instanceId?: string;
  /** Default `aihub:config`; tests use one of their own. */
  channel?: string;
  onError?: (error: unknown, context: string) => void;
}

/**
 * Redis pub/sub. The subscriber is a dedicated connection; ioredis re-subscribes after a
 * reconnect, and since messages published meanwhile are lost (pub/sub does not queue), every
 * reconnection after the first is reported as a `resync` so listeners reload everything.
 */
export class RedisConfigBus extends ListenerSet implements ConfigBus {
  readonly instanceId: string;
  private readonly redis: Redis;
  private readonly subscriber: Redis;
  private readonly ownsSubscriber: boolean;
  private readonly channel: string;
  private readonly onError: (error: unknown, context: string) => void;
  private subscribedOnce = false;
  private lostConnection = false;

  constructor(options: RedisConfigBusOptions) {
    super();
    this.redis = options.redis;
    this.ownsSubscriber = options.subscriber === undefined;
    this.subscriber = options.subscriber ?? options.redis.duplicate({ enableAutoPipelining: false });
    this.instanceId = options.instanceId ?? randomUUID();
    this.channel = options.channel ?? DEFAULT_CONFIG_CHANNEL;
    this.onError = options.onError ?? (() => {});
    this.subscriber.on('error', () => {}); // retried by ioredis; see createRedis
    this.subscriber.on('message', (channel: string, text: string) => {
      if (channel === this.channel) this.receive(text);
    });
    this.subscriber.on('close', () => {
      if (this.subscribedOnce) this.lostConnection = true;
    });
    this.subscriber.on('ready', () => {
      if (!this.lostConnection) return;
      this.lostConnection = false;
      this.emit({ type: 'resync' });
    });
  }

  /** Subscribes; resolves once Redis confirmed, so messages published after it are heard. */
  async start(): Promise<void> {
    await this.subscriber.subscribe(this.channel);
    this.subscribedOnce = true;
  }

  async publish(message: ConfigMessage): Promise<void> {
    const payload = JSON.stringify({ v: 1, from: this.instanceId, kind: message.kind, id: message.id });
    try {
      await this.redis.publish(this.channel, payload);
    } catch (error) {
      this.onError(error, `publish ${message.kind}`);
    }
  }

  async close(): Promise<void> {
    this.listeners.clear();
    this.subscribedOnce = false;
    if (!this.ownsSubscriber) {
      await this.subscriber.unsubscribe(this.channel).catch(() => {});
      return;
    }
    try {
      await this.subscriber.quit();
    } catch {
      this.subscriber.disconnect();
    }
  }

  private receive(text: string): void {
    let parsed: z.infer<typeof wireSchema>;
    try {
      parsed = wireSchema.parse(JSON.parse(text));
    } catch (error) {
      this.onError(error, 'malformed config message');
      return;
    }
    if (parsed.from === this.instanceId) return;
    const message: ReceivedConfigMessage = { kind: parsed.kind, from: parsed.from };
    if (parsed.id !== undefined) message.id = parsed.id;
    this.emit({ type: 'message', message });
  }
}

/** A started RedisConfigBus (subscribed), or the local no-op bus when there is no Redis. */
export async function createConfigBus(
  options: Omit<RedisConfigBusOptions, 'redis'> & { redis?: Redis },
): Promise<ConfigBus> {
  if (!options.redis) return new LocalConfigBus(options.instanceId);
  const bus = new RedisConfigBus({ ...options, redis: options.redis });
  await bus.start();
  return bus;
}
