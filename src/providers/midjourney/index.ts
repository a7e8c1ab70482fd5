import { GatewayError } from '../../ir/index.js';
import type { Provider } from '../provider.js';
import { decodeMjError } from './decode-error.js';

/**
 * A Midjourney proxy channel speaks only the proxy's task API (`/mj/*`, src/relay/midjourney/),
 * never a chat API: a chat, Responses, Messages or Gemini request routed to one (a key asking
 * for `midjourney` there) is the client's mistake, answered 400 before any upstream call.
 */
function servedAtMjRoutes(): never {
  throw new GatewayError({
    kind: 'invalid_request',
    message: 'Midjourney is served at /mj/submit/* and /mj/task/* (the Midjourney proxy API), not here.',
    param: 'model',
    code: 'unsupported_model_endpoint',
  });
}

export const midjourneyProxyProvider: Provider = {
  id: 'midjourney-proxy',
  inlineMedia: { images: false, files: false },
  encodeRequest: servedAtMjRoutes,
  decodeResponse: servedAtMjRoutes,
  createStreamDecoder: servedAtMjRoutes,
  decodeError: decodeMjError,
};
