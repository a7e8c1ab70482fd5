import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Dialog, Field, Input, Switch, Textarea } from '../../../components/ui';
import { errorMessage } from '../../../lib/errors';
import { type Announcement, type AnnouncementInput, useSaveAnnouncement } from './announcements-api';

/** `datetime-local` text (local time) for an epoch time, and back. */
function toLocalInput(epochMs: number | null): string {
  if (epochMs === null) return '';
  const date = new Date(epochMs);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

function fromLocalInput(text: string): number | null {
  if (!text) return null;
  const at = new Date(text).getTime();
  return Number.isFinite(at) ? at : null;
}

interface Draft {
  titleEn: string;
  titleZh: string;
  bodyEn: string;
  bodyZh: string;
  startsAt: string;
  endsAt: string;
  pinned: boolean;
}

function draftOf(announcement: Announcement | undefined): Draft {
  return {
    titleEn: announcement?.title.en ?? '',
    titleZh: announcement?.title.zh ?? '',
    bodyEn: announcement?.body.en ?? '',
    bodyZh: announcement?.body.zh ?? '',
    startsAt: toLocalInput(announcement?.startsAt ?? Date.now()),
    endsAt: toLocalInput(announcement?.endsAt ?? null),
    pinned: announcement?.pinned ?? false,
  };
}

/** Publish a new announcement or edit one: both languages, Markdown bodies, the window, the pin. */
export function AnnouncementDialog({
  announcement,
  onClose,
  onSaved,
}: {
  /** Absent: a new one. */
  announcement?: Announcement;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation(['site', 'common']);
  const save = useSaveAnnouncement();
  const [draft, setDraft] = useState(() => draftOf(announcement));
  const [problem, setProblem] = useState<string>();
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((current) => ({ ...current, [key]: value }));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const startsAt = fromLocalInput(draft.startsAt) ?? Date.now();
    const endsAt = fromLocalInput(draft.endsAt);
    if (!draft.titleEn.trim() && !draft.titleZh.trim()) return setProblem(t('adminAnnouncements.titleRequired'));
    if (endsAt !== null && endsAt <= startsAt) return setProblem(t('adminAnnouncements.endBeforeStart'));
    setProblem(undefined);
    const input: AnnouncementInput = {
      title: { en: draft.titleEn, zh: draft.titleZh },
      body: { en: draft.bodyEn, zh: draft.bodyZh },
      startsAt,
      endsAt,
      pinned: draft.pinned,
    };
    save.mutate({ id: announcement?.id, input }, { onSuccess: onSaved });
  };

  return (
    <Dialog
      open
      onClose={onClose}
      dismissible={false}
      size="lg"
      title={announcement ? t('adminAnnouncements.edit') : t('adminAnnouncements.new')}
    >
      <form className="space-y-4" onSubmit={onSubmit}>
        {(problem || save.error) && <Alert variant="danger">{problem ?? errorMessage(save.error)}</Alert>}
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label={t('adminAnnouncements.titleEn')}>
            <Input value={draft.titleEn} maxLength={200} onChange={(event) => set('titleEn', event.target.value)} />
          </Field>
          <Field label={t('adminAnnouncements.titleZh')}>
            <Input value={draft.titleZh} maxLength={200} onChange={(event) => set('titleZh', event.target.value)} />
          </Field>
          <Field label={t('adminAnnouncements.bodyEn')}>
            <Textarea rows={5} value={draft.bodyEn} onChange={(event) => set('bodyEn', event.target.value)} />
          </Field>
          <Field label={t('adminAnnouncements.bodyZh')}>
            <Textarea rows={5} value={draft.bodyZh} onChange={(event) => set('bodyZh', event.target.value)} />
          </Field>
          <Field label={t('adminAnnouncements.startsAt')}>
            <Input
              type="datetime-local"
              value={draft.startsAt}
              onChange={(event) => set('startsAt', event.target.value)}
            />
          </Field>
          <Field label={t('adminAnnouncements.endsAt')} hint={t('adminAnnouncements.endsAtHint')}>
            <Input type="datetime-local" value={draft.endsAt} onChange={(event) => set('endsAt', event.target.value)} />
          </Field>
        </div>
        <Field label={t('adminAnnouncements.pinned')}>
          <Switch checked={draft.pinned} onCheckedChange={(pinned) => set('pinned', pinned)} />
        </Field>
        <div className="flex justify-end gap-2">
          <Button type="button" variant="ghost" onClick={onClose}>
            {t('common:actions.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('common:actions.save')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
