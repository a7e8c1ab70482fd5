/**
 * Whether this process should be sent traffic: each dependency it needs answers (the database,
 * Redis when configured), its schema is current, and what it routes by (catalog, channels) is
 * loaded. A check throws (or rejects) with the reason it is not ready; each one is bounded by a
 * timeout so a hung database makes the probe answer "not ready", not hang with it.
 */

/** One dependency: resolves when ready, throws with the reason otherwise. */
export type ReadinessCheck = () => Promise<void> | void;

export type ReadinessStatus = 'ready' | 'not_ready' | 'draining';

export interface ReadinessReport {
  status: ReadinessStatus;
  /** Each check's outcome: 'ok', or why it is not ready. */
  checks: Record<string, string>;
  /** The checks that are not ready (empty when ready; 'draining' first while draining). */
  notReady: string[];
}

const DEFAULT_CHECK_TIMEOUT_MS = 2_000;

export class Readiness {
  private readonly timeoutMs: number;

  constructor(
    private readonly checks: Readonly<Record<string, ReadinessCheck>>,
    options: { checkTimeoutMs?: number } = {},
  ) {
    this.timeoutMs = options.checkTimeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
  }

  /** Runs every check at once. While draining the process is not ready whatever they say. */
  async report(draining: boolean): Promise<ReadinessReport> {
    const names = Object.keys(this.checks);
    const outcomes = await Promise.all(names.map((name) => this.run(this.checks[name] as ReadinessCheck)));
    const checks: Record<string, string> = {};
    const notReady: string[] = draining ? ['draining'] : [];
    names.forEach((name, index) => {
      const outcome = outcomes[index] ?? 'ok';
      checks[name] = outcome;
      if (outcome !== 'ok') notReady.push(name);
    });
    const status: ReadinessStatus = draining ? 'draining' : notReady.length > 0 ? 'not_ready' : 'ready';
    return { status, checks, notReady };
  }

  private async run(check: ReadinessCheck): Promise<string> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<string>((resolve) => {
      timer = setTimeout(() => resolve(`no answer within ${this.timeoutMs} ms`), this.timeoutMs);
      timer.unref();
    });
    const outcome = (async () => {
      try {
        await check();
        return 'ok';
      } catch (error) {
        return error instanceof Error && error.message ? error.message : String(error);
      }
    })();
    try {
      return await Promise.race([outcome, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** A check that is ready once `isLoaded` says so (the catalog and channels are loaded at start). */
export function loadedCheck(what: string, isLoaded: () => boolean): ReadinessCheck {
  return () => {
    if (!isLoaded()) throw new Error(`${what} not loaded yet`);
  };
}
