import { describe, expect, it } from 'vitest';
import { GatewayError, type GatewayErrorKind } from '../../ir/index.js';
import { encodeAnthropicError, encodeAnthropicErrorEvent } from './encode-error.js';

describe('encodeAnthropicError', () => {
  it.each<[GatewayErrorKind, string]>([
    ['invalid_request', 'invalid_request_error'],
    ['unsupported_media_type', 'invalid_request_error'],
    ['authentication', 'authentication_error'],
    ['insufficient_quota', 'billing_error'],
    ['permission', 'permission_error'],
    ['not_found', 'not_found_error'],
    ['payload_too_large', 'request_too_large'],
    ['rate_limit', 'rate_limit_error'],
    ['upstream_error', 'api_error'],
    ['internal', 'api_error'],
    ['upstream_timeout', 'timeout_error'],
    ['overloaded', 'overloaded_error'],
    ['no_channel', 'overloaded_error'],
  ])('%s → %s', (kind, type) => {
    const error = new GatewayError({ kind, message: 'boom' });
    expect(encodeAnthropicError(error, 'req_1')).toEqual({
      type: 'error',
      error: { type, message: 'boom' },
      request_id: 'req_1',
    });
  });

  it('keeps the gateway status (503 for overloaded) and frames the stream event', () => {
    const error = new GatewayError({ kind: 'overloaded', message: 'Overloaded' });
    expect(error.status).toBe(503);
    expect(encodeAnthropicError(error).request_id).toBeNull();
    expect(encodeAnthropicErrorEvent(error)).toBe(
      'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n',
    );
  });
});
