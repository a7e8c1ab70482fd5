/**
 * Shapes of the balance, ledger and redemption routes, from the server's OpenAPI document (see
 * api/schema.ts). Money is integer units of 1e-6 USD; `…Usd` fields are the server's display text
 * (unused here: the console formats units itself).
 */
import type { ApiResponse } from '../../api/schema';
import type { LedgerKind } from '../../lib/types';

export type { LedgerEntry, LedgerKind, LedgerPage } from '../../lib/types';

/** Every kind, in the order the filter lists them. */
export const LEDGER_KINDS = [
  'topup',
  'trial',
  'redeem',
  'adjust',
  'charge',
  'refund',
  'plan',
  'invite_reward',
] as const satisfies readonly LedgerKind[];

export type Balance = ApiResponse<'/api/balance', 'get'>;
export type RedeemResult = ApiResponse<'/api/redeem', 'post'>;
