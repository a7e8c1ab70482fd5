import type { LedgerReason } from './ledger-reason.js';

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
  /** Units the request cost; 0 releases without a ledger entry. Above the hold, see the overrun rule. */
  cost: number;
  /** How far below zero a balance may go, now: bounds what an overrun can charge. */
  overdraft: number;
  /** The ledger entry's id and reason, used when cost > 0 (a release, cost 0, has no reason). */
  entryId: string;
  reason: LedgerReason | null;
  at: number;
}

export type FinishOutcome =
  /**
   * The reservation was taken; `charged` is the units charged (the cost, or less when an overrun
   * was capped); `balanceAfter` is set when a ledger entry was written.
   */
  | { status: 'finished'; charged: number; balanceAfter?: number }
  /** No reservation under this id (settled, released or swept before). */
  | { status: 'gone' }
  /** A charge for this request already exists: the caller must take the careful path. */
  | { status: 'duplicate-charge' };

export interface MoneyPath {
  /** Holds the amount or throws the refusal as a GatewayError, writing nothing. */
  hold(input: HoldRequest): Promise<void>;
  /** Takes the reservation, gives back what it held, and charges `cost` (capped: see above) with its ledger entry. */
  finish(input: FinishRequest): Promise<FinishOutcome>;
}
