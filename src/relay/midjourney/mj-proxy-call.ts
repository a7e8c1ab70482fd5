import { GatewayError } from '../../ir/index.js';
import { decodeMjError } from '../../providers/midjourney/decode-error.js';
import type { HttpRequestSpec } from '../../providers/provider.js';
import type { Channel } from '../../routing/channel.js';
import { networkError, readBodyText, sendUpstream, type UpstreamSignal } from '../../upstream/http-client.js';
import { upstreamFault } from '../../upstream/upstream-fault.js';

/** Task lists can carry a few buttons and URLs per task; a megabyte is plenty. */
const MAX_ANSWER_BYTES = 1 << 20;

/**
 * One call of a Midjourney proxy with the channel's timeouts and HTTP proxy: the JSON it answered
 * (null for an empty 200, which is how the proxy says "no such task"), or the upstream's failure,
 * marked as its fault (a non-2xx status, a body that is not JSON).
 */
export async function callMjProxy(spec: HttpRequestSpec, channel: Channel, signal: UpstreamSignal): Promise<unknown> {
  const response = await sendUpstream(spec, signal, channel.timeouts, channel.proxyUrl);
  const text = await readBodyText(response.body, MAX_ANSWER_BYTES).catch((error: unknown) => {
    throw networkError(error, signal);
  });
  if (response.status < 200 || response.status >= 300) {
    throw upstreamFault(decodeMjError(response.status, response.headers, text));
  }
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    throw upstreamFault(
      new GatewayError({
        kind: 'upstream_error',
        message: 'The Midjourney proxy answered something that is not JSON.',
        code: 'upstream_malformed',
      }),
    );
  }
}
