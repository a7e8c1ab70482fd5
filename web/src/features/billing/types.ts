/**
 * Shapes of the balance, ledger and redemption routes (src/http/api/routes/billing-schemas.ts).
 * Money is integer units of 1e-6 USD; `…Usd` fields are the server's display text (unused here:
 * the console formats units itself).
 */

export const LEDGER_KINDS = ['topup', 'trial', 'redeem', 'adjust', 'charge'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

export interface Balance {
  balance: number;
  /** Held by requests in progress. */
  reserved: number;
  /** balance − reserved */
  available: number;
  /** How far below zero concurrent requests may take the balance. */
  overdraft: number;
  balanceUsd: string;
  availableUsd: string;
}

export interface LedgerEntry {
  id: string;
  userId: string;
  /** Signed: credits positive, charges negative. */
  amount: number;
  amountUsd: string;
  kind: LedgerKind;
  reason: string;
  /** The request id (charges), code id (redeem) or adjustment id. */
  reference: string;
  keyId: string | null;
  balanceAfter: number;
  createdAt: number;
}

export interface LedgerPage {
  data: LedgerEntry[];
  nextCursor: string | null;
}

export interface RedeemResult {
  amount: number;
  amountUsd: string;
  balance: number;
  balanceUsd: string;
}
