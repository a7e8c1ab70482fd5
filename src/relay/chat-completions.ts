import type { ChatRequest } from '../ir/index.js';
import { GatewayError } from '../ir/index.js';
import type { Provider } from '../providers/provider.js';
import { decodeChatCompletionRequest } from '../surfaces/openai/decode-request.js';
import { networkError } from '../upstream/http-client.js';
import { inlineRemoteMedia } from '../upstream/media-inliner.js';
import { type PlannedAttempt, planAttempts } from './attempt-plan.js';
import type { ClientConnection } from './client-connection.js';
import { relayJson } from './json-relay.js';
import type { RelayDeps } from './relay-deps.js';
import { relayStream } from './stream-relay.js';
import { fromGatewaySide } from './upstream-failure.js';

export interface RelayOutcome {
  model: string;
  attempts: number;
  streamed: boolean;
  error?: GatewayError;
}

/**
 * POST /v1/chat/completions: decode, route, try (channel, key) pairs until one answers, then
 * answer the client in OpenAI's format. Failures before anything reached the client move on to
 * the next attempt when retryable; they are thrown (rendered by the HTTP layer) otherwise.
 */
export async function relayChatCompletion(
  body: unknown,
  requestId: string,
  client: ClientConnection,
  deps: RelayDeps,
): Promise<RelayOutcome> {
  const request = decodeChatCompletionRequest(body);
  const plan = planAttempts(deps.router.resolve(request.model), deps);
  const inlined = new Map<Provider, Promise<ChatRequest>>();
  let lastError: GatewayError | undefined;
  for (let index = 0; index < plan.length; index++) {
    const attempt = plan[index] as PlannedAttempt;
    if (client.signal.aborted) break;
    try {
      const provider = deps.providers[attempt.channel.provider];
      // Fetch remote media once per request, and only for vendors that need bytes.
      const needs = provider.inlineMedia;
      const prepared =
        needs.images || needs.files
          ? await (inlined.get(provider) ?? cache(inlined, provider, inlineRemoteMedia(request, needs, deps.media)))
          : request;
      const run = { prepared, request, requestId, attempt, attemptNumber: index + 1, client, deps };
      const outcome = { model: request.model, attempts: index + 1, streamed: request.stream };
      if (request.stream) {
        const error = await relayStream(run);
        return error ? { ...outcome, error } : outcome;
      }
      await relayJson(run);
      return outcome;
    } catch (error) {
      lastError = fromGatewaySide(networkError(error, client.signal));
      deps.logger.warn(
        {
          requestId,
          channel: attempt.channel.name,
          attempt: index + 1,
          kind: lastError.kind,
          status: lastError.upstreamStatus,
        },
        'upstream attempt failed',
      );
      if (!lastError.retryable) throw lastError;
    }
  }
  throw lastError ?? new GatewayError({ kind: 'no_channel', message: 'No upstream is available for this model.' });
}

function cache<K, V>(map: Map<K, V>, key: K, value: V): V {
  map.set(key, value);
  return value;
}
