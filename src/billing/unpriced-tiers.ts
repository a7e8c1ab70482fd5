import { GatewayError } from '../ir/index.js';

/**
 * Request fields with which the client asks the vendor for a dearer way to serve the same model:
 * OpenAI's priority processing (`service_tier: "priority"`, billed at priority rates) and
 * Anthropic's fast mode (`speed: "fast"`, several times the standard price). The price book knows
 * one price per model, and unknown fields reach the vendor (as extra body when translating, as is
 * when passing through), so a caller could make the operator pay the premium while being billed
 * the standard price. Until such tiers are priced, they are refused with a 400 naming the field,
 * before anything is held or sent. Cheaper or neutral tiers (`auto`, `default`, `flex`,
 * `standard_only`, `speed: "standard"`) pass.
 */
export function refuseUnpricedTiers(body: unknown): void {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return;
  const fields = body as Record<string, unknown>;
  if (fields.service_tier === 'priority') {
    throw unpriced(
      'service_tier',
      'service_tier "priority" is billed by the vendor above this gateway\'s prices and is not offered; omit it, or use "auto", "default" or "flex".',
    );
  }
  const speed = fields.speed;
  if (speed !== undefined && speed !== null && speed !== 'standard') {
    throw unpriced(
      'speed',
      `speed ${JSON.stringify(speed).slice(0, 40)} (fast mode) is billed by the vendor above this gateway's prices and is not offered; omit it.`,
    );
  }
}

function unpriced(param: string, message: string): GatewayError {
  return new GatewayError({ kind: 'invalid_request', message, param, code: 'unpriced_service_tier' });
}
