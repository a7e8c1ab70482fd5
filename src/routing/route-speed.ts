/**
 * Measured speed per (channel, upstream model): moving averages of the time to first byte of an
 * answer and of a stream's output tokens per second, from the attempts that served. Per process
 * and in memory (each replica learns from its own traffic, which is the traffic it routes), and
 * bounded: a route not seen among the last MAX_ROUTES is forgotten. `sort: latency|throughput`
 * reads it (provider-preferences.ts); hedged requests wait for a route's 95th percentile time to
 * first byte (relay/hedge-policy.ts), taken over its last TTFT_WINDOW answers.
 */
export interface SpeedSample {
  /** Milliseconds from the attempt's start to the answer's first byte. */
  ttftMs: number;
  /** Output tokens per second after the first byte (streams long enough to tell). */
  tokensPerSecond?: number;
}

export interface RouteSpeedFigures {
  ttftMs?: number;
  tokensPerSecond?: number;
  samples: number;
}

interface RouteRecord {
  figures: RouteSpeedFigures;
  /** The last TTFT_WINDOW times to first byte, a ring: `recent[samples % TTFT_WINDOW]` is next. */
  recent: Float64Array;
}

/** Weight of a new sample: about the last ten answers make the average. */
const ALPHA = 0.2;
const MAX_ROUTES = 10_000;
/** Times to first byte kept per route for its percentile: 512 bytes a route, 5 MB at the bound. */
const TTFT_WINDOW = 64;
/** Fewer answers than this say too little about a tail to hedge on. */
export const MIN_P95_SAMPLES = 20;

export class RouteSpeed {
  private readonly routes = new Map<string, RouteRecord>();

  record(channelId: string, upstreamModel: string, sample: SpeedSample): void {
    const key = routeKey(channelId, upstreamModel);
    const known = this.routes.get(key);
    this.routes.delete(key); // re-inserted last: the Map's order is the eviction order
    const previous = known?.figures;
    const next: RouteSpeedFigures = {
      ttftMs: average(previous?.ttftMs, sample.ttftMs),
      samples: (previous?.samples ?? 0) + 1,
    };
    const tps =
      sample.tokensPerSecond === undefined
        ? previous?.tokensPerSecond
        : average(previous?.tokensPerSecond, sample.tokensPerSecond);
    if (tps !== undefined) next.tokensPerSecond = tps;
    const recent = known?.recent ?? new Float64Array(TTFT_WINDOW);
    recent[(next.samples - 1) % TTFT_WINDOW] = sample.ttftMs;
    this.routes.set(key, { figures: next, recent });
    if (this.routes.size > MAX_ROUTES) this.routes.delete(this.routes.keys().next().value as string);
  }

  get(channelId: string, upstreamModel: string): RouteSpeedFigures | undefined {
    return this.routes.get(routeKey(channelId, upstreamModel))?.figures;
  }

  /**
   * The route's 95th percentile time to first byte over its last answers (nearest rank), once it
   * has MIN_P95_SAMPLES of them; undefined before.
   */
  ttftP95(channelId: string, upstreamModel: string): number | undefined {
    const known = this.routes.get(routeKey(channelId, upstreamModel));
    return known && p95(known);
  }

  /** Every measured route, most recently served first (the admin API). */
  snapshot(): Array<RouteSpeedFigures & { channelId: string; model: string; ttftP95Ms?: number }> {
    return [...this.routes.entries()].reverse().map(([key, known]) => {
      const [channelId = '', model = ''] = key.split(KEY_SEPARATOR);
      const tail = p95(known);
      return { channelId, model, ...known.figures, ...(tail === undefined ? {} : { ttftP95Ms: tail }) };
    });
  }
}

function p95(known: RouteRecord): number | undefined {
  const count = Math.min(known.figures.samples, TTFT_WINDOW);
  if (count < MIN_P95_SAMPLES) return undefined;
  const sorted = known.recent.slice(0, count).sort();
  return sorted[Math.ceil(0.95 * count) - 1];
}

const KEY_SEPARATOR = '\u0000';

function average(previous: number | undefined, sample: number): number {
  return previous === undefined ? sample : previous + ALPHA * (sample - previous);
}

function routeKey(channelId: string, upstreamModel: string): string {
  return `${channelId}${KEY_SEPARATOR}${upstreamModel}`;
}
