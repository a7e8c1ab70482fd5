/**
 * The errors billing answers with, in the gateway's one error type so every surface renders them
 * in its own envelope. Messages name the amounts involved, so a user knows what to do.
 */
import { GatewayError } from '../ir/index.js';
import { formatUsd } from './money.js';

export function insufficientBalanceError(
  balance: number,
  reserved: number,
  overdraft: number,
  needed: number,
): GatewayError {
  const available = balance - reserved;
  const held = reserved > 0 ? `; ${formatUsd(reserved)} is held by requests in progress` : '';
  const credit = overdraft > 0 ? ` plus the ${formatUsd(overdraft)} overdraft allowed` : '';
  return new GatewayError({
    kind: 'insufficient_quota',
    status: 402,
    code: 'insufficient_balance',
    message:
      `Your balance (${formatUsd(balance)}${held}) does not cover this request's worst case (${formatUsd(needed)})` +
      `: ${formatUsd(available)} is available${credit}. Top up, or lower max_tokens.`,
  });
}

export function keyQuotaExceededError(quota: number, used: number, reserved: number, needed: number): GatewayError {
  const held = reserved > 0 ? `, ${formatUsd(reserved)} held by requests in progress` : '';
  return new GatewayError({
    kind: 'insufficient_quota',
    status: 429,
    code: 'key_quota_exceeded',
    message:
      `This API key's quota (${formatUsd(quota)}: ${formatUsd(used)} used${held}) does not cover this request's ` +
      `worst case (${formatUsd(needed)}). Raise the key's quota, or lower max_tokens.`,
  });
}

export function accountDisabledError(): GatewayError {
  return new GatewayError({ kind: 'permission', code: 'account_disabled', message: 'This account is disabled.' });
}

export function accountNotFoundError(): GatewayError {
  return new GatewayError({
    kind: 'authentication',
    code: 'account_not_found',
    message: 'This account does not exist.',
  });
}

export function keyNotFoundError(): GatewayError {
  return new GatewayError({
    kind: 'authentication',
    code: 'invalid_api_key',
    message: 'This API key does not exist or does not belong to this account.',
  });
}

/**
 * For the relay: a model whose price is unknown (the catalog does not list one and the operator
 * set no fixed price) is not served to a metered caller rather than billed as free.
 */
export function modelPriceUnknownError(model: string): GatewayError {
  return new GatewayError({
    kind: 'permission',
    status: 403,
    code: 'model_price_unknown',
    param: 'model',
    message: `The price of '${model}' is unknown, so it cannot be billed. An administrator can set a fixed price for it.`,
  });
}

/** A request for a unit the model is not sold at (a size, a resolution, an action with no price). */
export function unsupportedUnitError(model: string, unit: string, param: string | undefined): GatewayError {
  return new GatewayError({
    kind: 'invalid_request',
    code: 'unsupported_unit',
    ...(param ? { param } : {}),
    message: `'${model}' has no price for '${unit}', so it cannot be served${param ? `: change '${param}'` : ''}. An administrator can set one.`,
  });
}
