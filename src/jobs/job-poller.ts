import { silentLogger, type WarnErrorLogger } from '../logs/log-sink.js';
import { type IntervalTimers, nodeTimers } from '../logs/timers.js';
import type { JobDriver, JobPollResult } from './job-driver.js';
import { finishJob, type JobFinishDeps } from './job-finish.js';
import type { MediaJob } from './job-types.js';

export interface JobPollerOptions extends JobFinishDeps {
  drivers: JobDriver[];
  /** This process's id (the lease owner), unique among replicas. */
  owner: string;
  /** Between looks for due jobs (default 2 s). */
  intervalMs?: number;
  /** How long a claimed job is this replica's (default 60 s); a poll is aborted before it ends. */
  leaseMs?: number;
  /** Jobs claimed per look (default 20). */
  batchSize?: number;
  /** Between polls of a pending job when the vendor gives no hint (default 5 s). */
  pendingDelayMs?: number;
  /** Longest wait after failed polls, which double from `pendingDelayMs` (default 2 min). */
  maxBackoffMs?: number;
  now?: () => number;
  timers?: IntervalTimers;
  logger?: WarnErrorLogger;
}

/**
 * Polls unfinished jobs at their vendors, on every replica at once without polling any job twice:
 * each look claims due jobs with a lease (JobStore.claimDue), polls them through their kind's
 * driver, and records the answer. A job ends exactly once (finishJob): settled on completion,
 * released on failure or past its deadline. A replica that dies mid-poll leaves a lease that
 * expires, and another replica picks the job up.
 */
export class JobPoller {
  private readonly drivers: Map<string, JobDriver>;
  private readonly intervalMs: number;
  private readonly leaseMs: number;
  private readonly batchSize: number;
  private readonly pendingDelayMs: number;
  private readonly maxBackoffMs: number;
  private readonly now: () => number;
  private readonly timers: IntervalTimers;
  private readonly logger: WarnErrorLogger;
  private timer: unknown = null;
  private running: Promise<number> | null = null;
  private readonly abort = new AbortController();

  constructor(private readonly options: JobPollerOptions) {
    this.drivers = new Map(options.drivers.map((driver) => [driver.kind, driver]));
    this.intervalMs = options.intervalMs ?? 2_000;
    this.leaseMs = options.leaseMs ?? 60_000;
    this.batchSize = options.batchSize ?? 20;
    this.pendingDelayMs = options.pendingDelayMs ?? 5_000;
    this.maxBackoffMs = options.maxBackoffMs ?? 120_000;
    this.now = options.now ?? Date.now;
    this.timers = options.timers ?? nodeTimers;
    this.logger = options.logger ?? silentLogger;
  }

  /** Looks now (in the background) and then every interval; a second start is ignored. */
  start(): void {
    if (this.timer !== null) return;
    this.timer = this.timers.setInterval(() => void this.tick(), this.intervalMs);
    void this.tick();
  }

  /** Stops the timer, aborts polls in flight and waits for the current look to end. */
  async stop(): Promise<void> {
    if (this.timer !== null) this.timers.clearInterval(this.timer);
    this.timer = null;
    this.abort.abort();
    await this.running;
  }

  /** One look: claims and polls due jobs; answers how many it polled. Never rejects; joins a look in progress. */
  tick(): Promise<number> {
    this.running ??= this.pollDue()
      .catch((error) => {
        this.logger.warn({ err: error }, 'jobs: claiming due jobs failed');
        return 0;
      })
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  private async pollDue(): Promise<number> {
    if (this.abort.signal.aborted) return 0;
    const claimed = await this.options.jobs.claimDue(this.options.owner, this.now(), this.leaseMs, this.batchSize);
    await Promise.all(claimed.map((job) => this.pollOne(job)));
    return claimed.length;
  }

  private async pollOne(job: MediaJob): Promise<void> {
    try {
      if (this.now() >= job.deadlineAt) {
        await finishJob(this.options, job, timedOut(), this.now());
        return;
      }
      const driver = this.drivers.get(job.kind);
      if (!driver) throw new Error(`no job driver for kind '${job.kind}'`);
      let result: JobPollResult;
      try {
        // The poll must end while the lease is ours, or a second replica could poll beside it.
        const signal = AbortSignal.any([this.abort.signal, AbortSignal.timeout(Math.floor(this.leaseMs / 2))]);
        result = await driver.poll(job, signal);
      } catch (error) {
        await this.backOff(job, error);
        return;
      }
      await this.record(job, result);
    } catch (error) {
      // The store or the billing failed; the lease runs out and the job is polled again.
      this.logger.warn({ err: error, jobId: job.id }, 'jobs: recording a poll failed');
    }
  }

  private async record(job: MediaJob, result: JobPollResult): Promise<void> {
    const now = this.now();
    switch (result.state) {
      case 'pending': {
        const delay = Math.max(this.pendingDelayMs, result.retryAfterMs ?? 0);
        const kept = await this.options.jobs.recordProgress(
          job.id,
          this.options.owner,
          { status: result.status, progress: result.progress, nextPollAt: now + delay, pollFailures: 0 },
          now,
        );
        if (kept && (result.status !== job.status || result.progress !== job.progress)) {
          await this.options.log.progressed({ ...job, status: result.status, progress: result.progress }, now);
        }
        return;
      }
      case 'completed':
        await finishJob(
          this.options,
          job,
          { status: 'completed', progress: 100, result: result.result, units: result.units },
          now,
        );
        return;
      case 'failed':
        await finishJob(this.options, job, { status: 'failed', error: result.error }, now);
        return;
      default: {
        const unexpected: never = result;
        throw new Error(`unknown poll result ${JSON.stringify(unexpected)}`);
      }
    }
  }

  private async backOff(job: MediaJob, error: unknown): Promise<void> {
    const failures = job.pollFailures + 1;
    const retryAfterMs = retryAfterOf(error);
    const delay = Math.min(
      this.maxBackoffMs,
      Math.max(retryAfterMs, this.pendingDelayMs * 2 ** Math.min(failures, 16)),
    );
    this.logger.warn({ err: error, jobId: job.id, failures }, 'jobs: poll failed, backing off');
    const now = this.now();
    await this.options.jobs.recordProgress(
      job.id,
      this.options.owner,
      {
        status: job.status === 'in_progress' ? 'in_progress' : 'queued',
        progress: job.progress,
        nextPollAt: now + delay,
        pollFailures: failures,
      },
      now,
    );
  }
}

function timedOut() {
  return {
    status: 'failed' as const,
    error: { code: 'timeout', message: 'The job did not finish before its deadline; nothing was charged.' },
  };
}

/** A driver's error may say when to look again (an upstream 429's retry-after). */
function retryAfterOf(error: unknown): number {
  const value = (error as { retryAfterMs?: unknown } | null)?.retryAfterMs;
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}
