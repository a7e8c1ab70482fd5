import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../lib/auth';
import { useSite } from '../../lib/site';
import { AnnouncementCard } from './AnnouncementCard';

/** Announcements shown at most at once in the console (pinned first); the landing page lists all. */
const MAX_SHOWN = 3;

function storageKey(userId: string): string {
  return `aihub.dismissedAnnouncements.${userId}`;
}

function readDismissed(userId: string): string[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(storageKey(userId)) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * Live announcements above every console page, until this user dismisses them (remembered in
 * this browser, per user). Ids of announcements no longer live are dropped from the memory.
 */
export function ConsoleAnnouncements() {
  const { t } = useTranslation('site');
  const { user } = useAuth();
  const site = useSite();
  const userId = user?.id ?? 'anonymous';
  const [dismissed, setDismissed] = useState(() => readDismissed(userId));
  const live = site.data?.announcements ?? [];
  const shown = live.filter((announcement) => !dismissed.includes(announcement.id)).slice(0, MAX_SHOWN);
  if (shown.length === 0) return null;

  const dismiss = (id: string) => {
    const liveIds = new Set(live.map((announcement) => announcement.id));
    const next = [...dismissed.filter((kept) => liveIds.has(kept)), id];
    setDismissed(next);
    try {
      localStorage.setItem(storageKey(userId), JSON.stringify(next));
    } catch {
      // Storage full or blocked: dismissed for this visit only.
    }
  };

  return (
    <section aria-label={t('announcements.label')} className="space-y-2 px-4 pt-4 sm:px-6 lg:px-8">
      {shown.map((announcement) => (
        <AnnouncementCard
          key={announcement.id}
          announcement={announcement}
          onDismiss={() => dismiss(announcement.id)}
          className="mx-auto max-w-7xl"
        />
      ))}
    </section>
  );
}
