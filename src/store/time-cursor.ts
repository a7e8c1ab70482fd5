import { GatewayError } from '../ir/index.js';

/**
 * A position in a list ordered by (created_at desc, id desc), the last row seen: how the request
 * log, the ledger and payment orders and events page.
 */
export interface TimeCursor {
  createdAt: number;
  id: string;
}

/** Opaque to clients: base64url of `[createdAt, id]`. */
export function encodeTimeCursor(cursor: TimeCursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt, cursor.id]), 'utf8').toString('base64url');
}

/** Throws a 400 for anything that is not a cursor this service issued. */
export function decodeTimeCursor(text: string): TimeCursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      Number.isSafeInteger(value[0]) &&
      typeof value[1] === 'string' &&
      value[1].length > 0
    ) {
      return { createdAt: value[0], id: value[1] };
    }
  } catch {
    // fall through to the 400
  }
  throw new GatewayError({
    kind: 'invalid_request',
    message: 'Invalid cursor.',
    param: 'cursor',
    code: 'invalid_value',
  });
}
