import { Gauge, type Registry } from 'prom-client';
import type { HealthSnapshot } from '../routing/health/route-health.js';
import { OTHER } from './metric-labels.js';

export interface RoutingState {
  /** Cooling keys and breakers that are not closed (RouteHealth.snapshot). */
  health(): HealthSnapshot;
  /** A channel's name by id; undefined for a channel no longer configured. */
  channelName(channelId: string): string | undefined;
}

/**
 * Breakers and key cooldowns, read from the routing health state when Prometheus scrapes (no
 * work per request). Counted per channel name, never per key or model: a channel's keys and
 * models are many, its name is the operator's.
 */
export function registerRoutingGauges(registry: Registry, state: RoutingState): void {
  new Gauge({
    name: 'aihub_circuit_breakers',
    help: 'Circuit breakers (one per channel key and model) that are not closed, by channel and state.',
    labelNames: ['channel', 'state'],
    registers: [registry],
    collect() {
      this.reset();
      const counts = new Map<string, { open: number; half_open: number }>();
      for (const breaker of state.health().openBreakers) {
        const channel = state.channelName(breaker.channelId) ?? OTHER;
        const count = counts.get(channel) ?? { open: 0, half_open: 0 };
        if (breaker.state === 'open') count.open += 1;
        else count.half_open += 1;
        counts.set(channel, count);
      }
      for (const [channel, count] of counts) {
        this.set({ channel, state: 'open' }, count.open);
        this.set({ channel, state: 'half_open' }, count.half_open);
      }
    },
  });
  new Gauge({
    name: 'aihub_key_cooldowns',
    help: 'Upstream keys cooling down (after a 429 or an account error), by channel.',
    labelNames: ['channel'],
    registers: [registry],
    collect() {
      this.reset();
      const counts = new Map<string, number>();
      for (const cooldown of state.health().cooldowns) {
        const channel = state.channelName(cooldown.channelId) ?? OTHER;
        counts.set(channel, (counts.get(channel) ?? 0) + 1);
      }
      for (const [channel, count] of counts) this.set({ channel }, count);
    },
  });
}
