import { GatewayError } from '../../ir/index.js';
import { decodeMjTaskList } from '../../providers/midjourney/decode-upstream.js';
import { encodeMjTaskLookup } from '../../providers/midjourney/encode-upstream.js';
import type { Channel, ChannelKey } from '../../routing/channel.js';
import { callMjProxy } from './mj-proxy-call.js';

/**
 * The admin's channel test for a Midjourney proxy: a lookup of no task (`list-by-condition`
 * `{"ids": []}`), which checks the address and the `mj-api-secret` without submitting (and
 * paying for) a task. Resolves with a one-line description; throws the upstream's failure.
 */
export async function probeMjChannel(channel: Channel, key: ChannelKey, signal: AbortSignal): Promise<string> {
  const target = { baseUrl: channel.baseUrl, apiKey: key.key, headers: channel.headers };
  const body = await callMjProxy(encodeMjTaskLookup(target, []), channel, signal);
  try {
    decodeMjTaskList(body);
  } catch {
    throw new GatewayError({
      kind: 'upstream_error',
      message: 'The address answered, but not as a Midjourney proxy (no task list).',
      code: 'upstream_malformed',
    });
  }
  return 'Midjourney proxy reachable; key accepted.';
}
