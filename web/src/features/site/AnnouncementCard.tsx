import { Megaphone, Pin, X } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { SafeMarkdown } from '../../components/SafeMarkdown';
import { Badge, Button } from '../../components/ui';
import { cn } from '../../lib/cn';
import { formatDate } from '../../lib/format';
import { localized, type PublicAnnouncement, useLanguage } from '../../lib/site';

/** One announcement in the viewer's language (the other one when that is empty). */
export function AnnouncementCard({
  announcement,
  onDismiss,
  className,
}: {
  announcement: PublicAnnouncement;
  onDismiss?: () => void;
  className?: string;
}) {
  const { t } = useTranslation('site');
  const language = useLanguage();
  const title = localized(announcement.title, language);
  const body = localized(announcement.body, language);
  return (
    <article
      className={cn(
        'relative rounded-xl border bg-card p-4 shadow-soft',
        announcement.pinned ? 'border-primary/40 bg-primary-soft/40' : 'border-border',
        className,
      )}
      data-testid="announcement"
    >
      <div className="flex items-start gap-3 pr-8">
        <span className="mt-0.5 text-primary">
          {announcement.pinned ? <Pin className="size-4" aria-hidden /> : <Megaphone className="size-4" aria-hidden />}
        </span>
        <div className="min-w-0 flex-1 space-y-1.5">
          <div className="flex flex-wrap items-center gap-2">
            <h3 className="font-semibold">{title}</h3>
            {announcement.pinned && <Badge variant="primary">{t('announcements.pinned')}</Badge>}
            <span className="text-xs text-muted-foreground">{formatDate(announcement.startsAt)}</span>
          </div>
          {body && <SafeMarkdown className="text-muted-foreground">{body}</SafeMarkdown>}
        </div>
      </div>
      {onDismiss && (
        <Button
          variant="ghost"
          size="icon-sm"
          className="absolute top-2 right-2"
          onClick={onDismiss}
          aria-label={t('announcements.dismiss')}
        >
          <X />
        </Button>
      )}
    </article>
  );
}
