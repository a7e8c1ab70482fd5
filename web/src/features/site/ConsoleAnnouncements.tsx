import { useTranslation } from 'react-i18next';
import { useAuth } from '../../lib/auth';
import { useSite } from '../../lib/site';
import { AnnouncementCard } from './AnnouncementCard';
import { useAnnouncementMemory } from './announcement-memory';
import { pinnedFirst } from './live-announcements';

/** Announcements shown at most at once in the console (pinned first); the bell and the landing page list all. */
const MAX_SHOWN = 3;

/**
 * Live announcements above every console page, until this user dismisses them (remembered in
 * this browser, per user). A dismissed one is still in the bell's list (AnnouncementBell).
 */
export function ConsoleAnnouncements() {
  const { t } = useTranslation('site');
  const { user } = useAuth();
  const site = useSite();
  const [dismissed, rememberDismissed] = useAnnouncementMemory(user?.id ?? 'anonymous', 'dismissed');
  const live = pinnedFirst(site.data?.announcements ?? []);
  const shown = live.filter((announcement) => !dismissed.includes(announcement.id)).slice(0, MAX_SHOWN);
  if (shown.length === 0) return null;

  const dismiss = (id: string) =>
    rememberDismissed(
      [id],
      live.map((announcement) => announcement.id),
    );

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
