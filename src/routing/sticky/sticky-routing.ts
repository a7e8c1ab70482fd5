import type { ChatRequest } from '../../ir/index.js';
import { type ConversationKey, conversationKey } from './conversation-key.js';
import type { StickyRoute, StickyStore } from './sticky-store.js';

/** One request's conversation and the route it last took, if any. */
export interface StickyLookup {
  conversation: ConversationKey;
  /** The (channel, key) that served this conversation last; the plan checks it is still usable. */
  route?: StickyRoute;
}

/**
 * Sticky routing: the requests of one conversation go to the (channel, key) that served it last,
 * so the upstream's prompt cache (keyed per account) keeps hitting. The attempt plan decides
 * whether that route may still be taken (a candidate, healthy, enabled: AttemptPlan.prefer); the
 * route that actually served is recorded after every success, so a conversation that failed over
 * stays where it landed.
 */
export class StickyRouting {
  constructor(
    private readonly store: StickyStore,
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  async lookup(
    request: Pick<ChatRequest, 'model' | 'messages' | 'promptCacheKey'>,
    headers: Record<string, string | string[] | undefined>,
    userId: string,
  ): Promise<StickyLookup> {
    const conversation = conversationKey(request, headers, userId);
    const route = await this.store.get(conversation.key).catch((error: unknown) => {
      this.onError(error);
      return undefined;
    });
    return route ? { conversation, route } : { conversation };
  }

  /** Remembers the route that served; not awaited by the relay (the answer is not held for it). */
  record(lookup: StickyLookup, served: StickyRoute): void {
    this.store.set(lookup.conversation.key, served).catch(this.onError);
  }
}
