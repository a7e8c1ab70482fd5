import type { LedgerReason } from '../billing/ledger-reason.js';
import type { SalePrice } from '../billing/price-types.js';
import type { ChatRequest, GatewayError, Usage } from '../ir/index.js';
import type { RequestLogPatch } from '../logs/request-log-entry.js';
import type { RouteCandidate } from '../routing/model-router.js';
import type { DeliveryMeter } from './delivery-meter.js';
import type { RelayTrace } from './relay-trace.js';
import type { Settlement } from './settlement.js';

export type { Settlement } from './settlement.js';

/**
 * What the relay needs from the platform around it, as narrow interfaces: who is calling (from
 * memory, no database read), what it costs (a reservation before, a settlement after), and where
 * the request log goes. The app wires them to the accounts, billing and log services.
 */
/** Requests per minute, tokens per minute, requests at once; null = no limit. */
export interface CallerLimitSet {
  rpm: number | null;
  tpm: number | null;
  concurrency: number | null;
}

export interface RelayCaller {
  userId: string;
  keyId: string | null;
  /** `playground` for the console playground's session credential (logged as such); absent = a standard key. */
  keyKind?: 'standard' | 'playground';
  group: string;
  /** The key's and its owner's rate limits (enforced in memory, or in Redis across replicas). */
  limits: { keyLimits: CallerLimitSet; userLimits: CallerLimitSet };
  /** Unmetered callers (the bootstrap admin key) hold no reservation; their cost is still logged. */
  metered: boolean;
  allowsModel(model: string): boolean;
  allowsIp(ip: string): boolean;
}

export interface RelayAuth {
  /** The caller for a presented key. Throws a 401/403 GatewayError; never reads the database. */
  authenticate(rawKey: string | undefined): RelayCaller;
}

export interface BillingHold {
  /** The request to send upstream: output capped to what the caller can afford when it set no limit. */
  request: ChatRequest;
  /**
   * Settles to what was delivered, exactly once (later calls return the first result). The relay
   * sends an answer's last bytes only after this resolves, so it must resolve only once the charge
   * is committed, or once billing has taken a refused commit over to retry it (the hold stays this
   * instance's meanwhile). A rejection means the charge is not known: the answer is not completed.
   */
  settle(meter: DeliveryMeter | undefined): Promise<Settlement>;
}

/** What billing needs of a caller to hold or settle: all a job record keeps of it. */
export type BillingCaller = Pick<RelayCaller, 'userId' | 'keyId' | 'group' | 'metered'>;

/** Who pays for which model, as served: the price is the caller's sale price for (vendor, upstream model). */
export interface UnitsPricing {
  requestId: string;
  caller: BillingCaller;
  /** The model as the client named it (for messages and the ledger's reason). */
  model: string;
  vendor: string;
  upstreamModel: string;
}

export interface RelayBilling {
  /**
   * Charges a fixed amount for an answer that needed no upstream call (a response-cache hit),
   * through the same atomic reservation as any request. Nothing for unmetered callers or 0.
   */
  chargeFixed(input: {
    requestId: string;
    caller: RelayCaller;
    amount: number;
    reason: LedgerReason;
  }): Promise<Settlement>;
  /**
   * The caller's sale price of a route per 1M tokens (units), prompt and completion; undefined
   * when the route has no price for this caller. What `provider.sort: price` and `max_price` read.
   */
  tokenPrice(
    caller: Pick<RelayCaller, 'group'>,
    route: RouteCandidate,
  ): { prompt: number; completion: number } | undefined;
  /**
   * What a route costs the operator per 1M tokens (units), prompt and completion: the channel's
   * cost (billing/channel-cost.ts); undefined when not known. `sort: price`'s tiebreak and the
   * 'cheapest' routing policy read it. A memoised lookup.
   */
  routeCost(route: RouteCandidate): { prompt: number; completion: number } | undefined;
  /** What `usage` cost the operator on a route, in units; undefined when not known. The request log's upstream cost. */
  upstreamCost(route: RouteCandidate, usage: Usage): number | undefined;
  /**
   * Prices the request for this caller and reserves its worst case. Throws a GatewayError when it
   * cannot be covered (402 insufficient balance, 429 key quota) or has no price (403).
   */
  hold(input: {
    requestId: string;
    caller: RelayCaller;
    request: ChatRequest;
    route: RouteCandidate;
  }): Promise<BillingHold>;
  /**
   * Reserves the worst case of a call billed by the unit or with a known usage bound (`worst`:
   * tokens and/or `units`), at the caller's sale price (unit-billing.ts). Throws like `hold`, and
   * 400 `unsupported_unit` (naming `unitParam`) for a unit the model has no price for. `durable`:
   * the hold belongs to a job record and outlives this process (the job settles or releases it).
   */
  holdUnits(
    input: UnitsPricing & { worst: Usage; durable?: boolean; unitParam?: string },
  ): Promise<{ held: number; price: SalePrice }>;
  /**
   * Charges `usage` at the caller's sale price, exactly once per request id, from any replica;
   * without usage, releases the hold and charges nothing. `estimated`: counted by AIHub.
   */
  settleUnits(input: UnitsPricing & { usage: Usage | undefined; estimated?: boolean }): Promise<Settlement>;
}

export interface RelayLogRecord {
  requestId: string;
  /** Unix milliseconds when the request arrived. */
  createdAt: number;
  caller?: RelayCaller;
  clientIp: string;
  /** The HTTP status sent (200 for a stream that later broke; its error is in `error`). */
  status: number;
  stream: boolean;
  latencyMs: number;
  trace: RelayTrace;
  error?: GatewayError;
}

export interface RelayLog {
  /** Records one /v1 request. Synchronous and cheap: writing is batched elsewhere. */
  record(record: RelayLogRecord): void;
  /** Changes a recorded request's row (a job's, as it progresses: status, cost, units); never rejects. */
  update(requestId: string, patch: RequestLogPatch): Promise<void>;
}
