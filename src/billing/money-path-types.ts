/** The money path's contract, apart from its two dialects (which implement it) and their factory. */
export interface HoldRequest {
  requestId: string;
  userId: string;
  keyId: string | null;
  amount: number;
  overdraft: number;
  instanceId: string;
  createdAt: number;
}

export interface FinishRequest {
  requestId: string;
  /** Units charged; 0 releases without a ledger entry. */
  cost: number;
  /** The ledger entry's id and reason, used when cost > 0. */
  entryId: string;
  reason: string;
  at: number;
}

export type FinishOutcome =
  /** The reservation was taken; `balanceAfter` is set when a ledger entry was written. */
  | { status: 'finished'; balanceAfter?: number }
  /** No reservation under this id (settled, released or swept before). */
  | { status: 'gone' }
  /** A charge for this request already exists: the caller must take the careful path. */
  | { status: 'duplicate-charge' };

export interface MoneyPath {
  /** Holds the amount or throws the refusal as a GatewayError, writing nothing. */
  hold(input: HoldRequest): Promise<void>;
  /** Takes the reservation, gives back what it held, and charges `cost` with its ledger entry. */
  finish(input: FinishRequest): Promise<FinishOutcome>;
}
