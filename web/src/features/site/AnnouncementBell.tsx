import { Bell, BellOff } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Drawer, EmptyState } from '../../components/ui';
import { useAuth } from '../../lib/auth';
import { useSite } from '../../lib/site';
import { AnnouncementCard } from './AnnouncementCard';
import { useAnnouncementMemory } from './announcement-memory';
import { pinnedFirst, unreadCount } from './live-announcements';

/**
 * A bell in the console's top bar: the number of live announcements this user has not read (not
 * seen in this list, not dismissed as a card), opening a panel with every live one, pinned first.
 * Opening it marks them all read.
 */
export function AnnouncementBell() {
  const { t } = useTranslation('site');
  const { user } = useAuth();
  const userId = user?.id ?? 'anonymous';
  const site = useSite();
  const [open, setOpen] = useState(false);
  const [seen, rememberSeen] = useAnnouncementMemory(userId, 'seen');
  const [dismissed] = useAnnouncementMemory(userId, 'dismissed');
  const live = pinnedFirst(site.data?.announcements ?? []);
  const unread = unreadCount(live, seen, dismissed);
  const label = unread > 0 ? t('announcements.bellUnread', { count: unread }) : t('announcements.bell');

  const openList = () => {
    setOpen(true);
    const ids = live.map((announcement) => announcement.id);
    rememberSeen(ids, ids);
  };

  return (
    <>
      <Button
        variant="ghost"
        size="icon"
        className="relative"
        onClick={openList}
        aria-label={label}
        title={label}
        aria-haspopup="dialog"
      >
        <Bell />
        {unread > 0 && (
          <span
            className="absolute top-1 right-1 flex h-4 min-w-4 items-center justify-center rounded-full bg-destructive px-1 text-[10px] leading-none font-semibold text-white tabular-nums"
            data-testid="announcement-unread"
            aria-hidden
          >
            {unread > 9 ? '9+' : unread}
          </span>
        )}
      </Button>
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        title={t('announcements.label')}
        description={t('announcements.listDescription')}
        width="max-w-md"
      >
        <div className="space-y-3 p-4" data-testid="announcement-list">
          {live.length === 0 ? (
            <EmptyState icon={BellOff} title={t('announcements.none')} />
          ) : (
            live.map((announcement) => <AnnouncementCard key={announcement.id} announcement={announcement} />)
          )}
        </div>
      </Drawer>
    </>
  );
}
