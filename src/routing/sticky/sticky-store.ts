/**
 * The (channel, key) that last served a conversation. The key is named by its id (`config-0-1`,
 * a database id), never by the upstream secret: the store may be Redis, shared and inspectable.
 */
export interface StickyRoute {
  channelId: string;
  keyId: string;
}

/** Where sticky routes live. `get` and `set` never throw: stickiness must not fail a request. */
export interface StickyStore {
  get(conversation: string): Promise<StickyRoute | undefined>;
  set(conversation: string, route: StickyRoute): Promise<void>;
}

/** One line of text per route (a newline cannot occur in a channel or key id taken from config or the database). */
export function encodeStickyRoute(route: StickyRoute): string {
  return `${route.channelId}\n${route.keyId}`;
}

/** Undefined for anything that is not a route written by `encodeStickyRoute` (a foreign or damaged value). */
export function decodeStickyRoute(value: string | null | undefined): StickyRoute | undefined {
  if (typeof value !== 'string') return undefined;
  const newline = value.indexOf('\n');
  if (newline <= 0 || newline === value.length - 1 || value.indexOf('\n', newline + 1) >= 0) return undefined;
  return { channelId: value.slice(0, newline), keyId: value.slice(newline + 1) };
}
