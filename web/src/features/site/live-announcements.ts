import type { PublicAnnouncement } from '../../lib/site';

/** Pinned announcements first, then the newest first (by when each started). */
export function pinnedFirst(announcements: readonly PublicAnnouncement[]): PublicAnnouncement[] {
  return [...announcements].sort((a, b) => Number(b.pinned) - Number(a.pinned) || b.startsAt - a.startsAt);
}

/** Live announcements this user has neither seen in the bell's list nor dismissed as a card. */
export function unreadCount(
  live: readonly PublicAnnouncement[],
  seen: readonly string[],
  dismissed: readonly string[],
): number {
  return live.filter((announcement) => !seen.includes(announcement.id) && !dismissed.includes(announcement.id)).length;
}
