import { Megaphone, Pencil, Plus, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/PageHeader';
import { Badge, Button, Card, ConfirmDialog, Table, type TableColumn, useToast } from '../../../components/ui';
import { formatDateTime } from '../../../lib/format';
import { localized, useLanguage } from '../../../lib/site';
import { AnnouncementDialog } from './AnnouncementDialog';
import { type Announcement, useAnnouncements, useDeleteAnnouncement } from './announcements-api';

function status(announcement: Announcement, now: number): 'live' | 'scheduled' | 'ended' {
  if (announcement.startsAt > now) return 'scheduled';
  if (announcement.endsAt !== null && announcement.endsAt <= now) return 'ended';
  return 'live';
}

const STATUS_BADGE = { live: 'success', scheduled: 'info', ended: 'neutral' } as const;

/** /admin/announcements: publish, edit and delete the notices shown on the landing page and in the console. */
export function AnnouncementsPage() {
  const { t } = useTranslation(['site', 'common']);
  const language = useLanguage();
  const toast = useToast();
  const list = useAnnouncements();
  const remove = useDeleteAnnouncement();
  const [editing, setEditing] = useState<Announcement | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Announcement | null>(null);
  const now = Date.now();

  const columns: TableColumn<Announcement>[] = [
    {
      key: 'title',
      header: t('adminAnnouncements.columns.title'),
      cell: (row) => (
        <div className="flex flex-wrap items-center gap-2">
          <span className="font-medium">{localized(row.title, language)}</span>
          {row.pinned && <Badge variant="primary">{t('announcements.pinned')}</Badge>}
        </div>
      ),
    },
    {
      key: 'status',
      header: t('adminAnnouncements.status'),
      cell: (row) => {
        const state = status(row, now);
        return <Badge variant={STATUS_BADGE[state]}>{t(`adminAnnouncements.${state}`)}</Badge>;
      },
    },
    {
      key: 'window',
      header: t('adminAnnouncements.columns.window'),
      cell: (row) => (
        <span className="text-xs text-muted-foreground tabular-nums">
          {formatDateTime(row.startsAt)} –{' '}
          {row.endsAt === null ? t('adminAnnouncements.noEnd') : formatDateTime(row.endsAt)}
        </span>
      ),
    },
    {
      key: 'actions',
      header: <span className="sr-only">{t('adminAnnouncements.columns.actions')}</span>,
      align: 'right',
      cell: (row) => (
        <div className="flex justify-end gap-1">
          <Button variant="ghost" size="icon-sm" aria-label={t('common:actions.edit')} onClick={() => setEditing(row)}>
            <Pencil />
          </Button>
          <Button
            variant="ghost"
            size="icon-sm"
            aria-label={t('common:actions.delete')}
            onClick={() => setDeleting(row)}
          >
            <Trash2 />
          </Button>
        </div>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('adminAnnouncements.title')}
        description={t('adminAnnouncements.description')}
        actions={
          <Button onClick={() => setEditing('new')}>
            <Plus />
            {t('adminAnnouncements.new')}
          </Button>
        }
      />
      <Card className="overflow-hidden">
        <Table
          columns={columns}
          rows={list.data?.data}
          rowKey={(row) => row.id}
          loading={list.isPending}
          error={list.error}
          onRetry={() => void list.refetch()}
          label={t('adminAnnouncements.title')}
          empty={{
            icon: Megaphone,
            title: t('adminAnnouncements.empty'),
            description: t('adminAnnouncements.emptyText'),
          }}
        />
      </Card>
      {editing && (
        <AnnouncementDialog
          announcement={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            toast.success(editing === 'new' ? t('adminAnnouncements.created') : t('adminAnnouncements.saved'));
            setEditing(null);
          }}
        />
      )}
      <ConfirmDialog
        open={deleting !== null}
        onClose={() => setDeleting(null)}
        danger
        loading={remove.isPending}
        title={t('adminAnnouncements.deleteTitle')}
        description={t('adminAnnouncements.deleteText')}
        onConfirm={() =>
          deleting &&
          remove.mutate(deleting.id, {
            onSuccess: () => {
              toast.success(t('adminAnnouncements.deleted'));
              setDeleting(null);
            },
            onError: (error) => toast.error(error),
          })
        }
      />
    </>
  );
}
