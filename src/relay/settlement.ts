import type { CostParts } from '../billing/cost-parts.js';
import type { Usage } from '../ir/index.js';

/** What a request was charged, as billing reports it to the relay (and the relay to the log). */
export interface Settlement {
  /** Units charged (0 when nothing was delivered). */
  cost: number;
  /** The usage billed: the vendor's, or counted by the gateway when the vendor reported none. */
  usage: Usage;
  /** True when the usage was counted by the gateway. */
  estimated: boolean;
  /** Units drawn from a subscription plan's windows instead (`cost` is then 0). */
  planDrawn?: number;
  /**
   * The price book's cost by part (prompt, completion, per-call fees), which answers show as
   * `usage.cost_details`. Absent when nothing was priced (nothing delivered, price unknown). It is
   * the cost before any cap: an overrun charged only as far as the balance allowed shows more here.
   */
  parts?: CostParts;
}
