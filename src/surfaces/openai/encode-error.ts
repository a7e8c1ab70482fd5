import type { GatewayError, GatewayErrorKind } from '../../ir/index.js';

export interface OpenAIErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

/** OpenAI's `error.type` for each kind (what the official SDKs and clients switch on). */
function errorType(kind: GatewayErrorKind): string {
  switch (kind) {
    case 'invalid_request':
    case 'not_found':
    case 'payload_too_large':
    case 'unsupported_media_type':
      return 'invalid_request_error';
    case 'authentication':
      return 'authentication_error';
    case 'permission':
      return 'permission_error';
    case 'rate_limit':
      return 'rate_limit_error';
    case 'insufficient_quota':
      return 'insufficient_quota';
    case 'upstream_error':
    case 'upstream_timeout':
    case 'overloaded':
    case 'no_channel':
      return 'upstream_error';
    case 'internal':
      return 'server_error';
    default: {
      const exhaustive: never = kind;
      return exhaustive;
    }
  }
}

export function encodeError(error: GatewayError): OpenAIErrorBody {
  return {
    error: {
      message: error.message,
      type: errorType(error.kind),
      param: error.param,
      code: error.code ?? defaultCode(error.kind),
    },
  };
}

function defaultCode(kind: GatewayErrorKind): string | null {
  switch (kind) {
    case 'authentication':
      return 'invalid_api_key';
    case 'rate_limit':
      return 'rate_limit_exceeded';
    case 'insufficient_quota':
      return 'insufficient_quota';
    case 'upstream_timeout':
      return 'upstream_timeout';
    case 'overloaded':
      return 'upstream_overloaded';
    case 'no_channel':
      return 'no_available_channel';
    default:
      return null;
  }
}
