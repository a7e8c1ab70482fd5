/**
 * Measured speed per (channel, upstream model): moving averages of the time to first byte of an
 * answer and of a stream's output tokens per second, from the attempts that served. Per process
 * and in memory (each replica learns from its own traffic, which is the traffic it routes), and
 * bounded: a route not seen among the last MAX_ROUTES is forgotten. `sort: latency|throughput`
 * reads it (provider-preferences.ts).
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

/** Weight of a new sample: about the last ten answers make the average. */
const ALPHA = 0.2;
const MAX_ROUTES = 10_000;

export class RouteSpeed {
  private readonly routes = new Map<string, RouteSpeedFigures>();

  record(channelId: string, upstreamModel: string, sample: SpeedSample): void {
    const key = routeKey(channelId, upstreamModel);
    const known = this.routes.get(key);
    this.routes.delete(key); // re-inserted last: the Map's order is the eviction order
    const next: RouteSpeedFigures = {
      ttftMs: average(known?.ttftMs, sample.ttftMs),
      samples: (known?.samples ?? 0) + 1,
    };
    const tps =
      sample.tokensPerSecond === undefined
        ? known?.tokensPerSecond
        : average(known?.tokensPerSecond, sample.tokensPerSecond);
    if (tps !== undefined) next.tokensPerSecond = tps;
    this.routes.set(key, next);
    if (this.routes.size > MAX_ROUTES) this.routes.delete(this.routes.keys().next().value as string);
  }

  get(channelId: string, upstreamModel: string): RouteSpeedFigures | undefined {
    return this.routes.get(routeKey(channelId, upstreamModel));
  }

  /** Every measured route, most recently served first (the admin API). */
  snapshot(): Array<RouteSpeedFigures & { channelId: string; model: string }> {
    return [...this.routes.entries()].reverse().map(([key, figures]) => {
      const [channelId = '', model = ''] = key.split(KEY_SEPARATOR);
      return { channelId, model, ...figures };
    });
  }
}

const KEY_SEPARATOR = '\u0000';

function average(previous: number | undefined, sample: number): number {
  return previous === undefined ? sample : previous + ALPHA * (sample - previous);
}

function routeKey(channelId: string, upstreamModel: string): string {
  return `${channelId}${KEY_SEPARATOR}${upstreamModel}`;
}
