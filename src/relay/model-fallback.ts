import { isGatewayError } from '../ir/index.js';

/**
 * Model fallbacks (OpenRouter's `models`): when every channel of a model failed, or the model is
 * not one the caller can use, the next model of the request's list is tried, before anything
 * reached the client. Not after the client's own mistakes (a malformed request fails the same
 * everywhere) nor the caller's money (a refused hold is the caller's to fix, not a reason to switch
 * to a model the caller did not put first), nor once the client has left.
 */

/** The codes that say this model, not the request, cannot be served to this caller. */
const MODEL_UNAVAILABLE_CODES: ReadonlySet<string> = new Set([
  'model_not_found', // no channel serves it
  'model_not_allowed', // the key may not use it
  'model_price_unknown', // no price for a metered caller
  'context_length_exceeded', // the prompt does not fit this model; the next may be larger
  'no_provider_matches', // the caller's provider preferences leave this model no route
  'max_price_exceeded', // every route of this model costs more than the caller's ceiling
]);

/** The request's models in the order to try them: its `model`, then each fallback once. */
export function modelChain(model: string, fallbacks: readonly string[] | undefined): string[] {
  return [...new Set([model, ...(fallbacks ?? [])])];
}

/** Whether the next model may be tried after `error` ended the attempts on the one before. */
export function fallsBack(error: unknown): boolean {
  if (!isGatewayError(error)) return false;
  if (error.code && MODEL_UNAVAILABLE_CODES.has(error.code)) return true;
  return error.retryable || error.kind === 'no_channel';
}
