/**
 * Marks unpaid orders past their time expired, every so often (OrderService.expireDue). Every
 * replica may run it: the UPDATE is conditional, so running it twice changes nothing twice.
 */
import type { Logger } from 'pino';

export const DEFAULT_EXPIRY_SWEEP_MS = 60_000;

export class OrderExpirySweep {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly orders: { expireDue(): Promise<number> },
    private readonly options: { intervalMs?: number; logger?: Pick<Logger, 'warn' | 'info'> } = {},
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.sweep(), this.options.intervalMs ?? DEFAULT_EXPIRY_SWEEP_MS);
    // Never what keeps the process alive.
    this.timer.unref();
  }

  /** One sweep now (one at a time); returns how many orders expired. */
  sweep(): Promise<void> {
    this.running ??= this.orders
      .expireDue()
      .then((count) => {
        if (count > 0) this.options.logger?.info({ count }, 'unpaid payment orders expired');
      })
      .catch((error: unknown) => this.options.logger?.warn({ err: error }, 'payment order expiry sweep failed'))
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
