/**
 * What this user did with the announcements, remembered in this browser per user (localStorage):
 * the ones dismissed from the cards above the console, and the ones seen in the bell's list. One
 * store for both places, so dismissing a card or opening the list updates the bell's unread count
 * at once. Ids of announcements no longer live are dropped whenever the memory is written.
 */
import { useCallback, useSyncExternalStore } from 'react';

type Memory = 'dismissed' | 'seen';

/** `dismissed` keeps the key the console used before the bell, so nobody sees old cards again. */
const KEYS: Record<Memory, string> = {
  dismissed: 'aihub.dismissedAnnouncements',
  seen: 'aihub.seenAnnouncements',
};

const listeners = new Set<() => void>();
/** Parsed lists by storage key, so a snapshot is stable between writes (useSyncExternalStore). */
const cache = new Map<string, readonly string[]>();

function read(key: string): readonly string[] {
  const cached = cache.get(key);
  if (cached) return cached;
  let ids: string[] = [];
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(key) ?? '[]');
    if (Array.isArray(parsed)) ids = parsed.filter((id): id is string => typeof id === 'string');
  } catch {
    // Unreadable: nothing remembered.
  }
  cache.set(key, ids);
  return ids;
}

function write(key: string, ids: readonly string[]): void {
  cache.set(key, ids);
  try {
    localStorage.setItem(key, JSON.stringify(ids));
  } catch {
    // Storage full or blocked: remembered for this visit only.
  }
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * The ids this user has `dismissed` or `seen`, and `remember(ids, liveIds)`, which adds ids and
 * forgets those no longer live.
 */
export function useAnnouncementMemory(userId: string, memory: Memory) {
  const key = `${KEYS[memory]}.${userId}`;
  const ids = useSyncExternalStore(
    subscribe,
    () => read(key),
    () => read(key),
  );
  const remember = useCallback(
    (added: readonly string[], liveIds: readonly string[]) => {
      const live = new Set(liveIds);
      const next = [...new Set([...read(key).filter((id) => live.has(id)), ...added])];
      write(key, next);
    },
    [key],
  );
  return [ids, remember] as const;
}
