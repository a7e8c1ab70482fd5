import { Download } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, buttonClasses } from '../../components/ui';
import { ProgressBar } from '../admin/redemptions/ProgressBar';
import { MediaError } from './MediaError';
import { mediaJson } from './media-call';
import { actionButtons, isMjFinished, type MjTask, mjProgress } from './mj-task';
import { RequestCost } from './RequestCost';
import { useJobPolling } from './use-job-polling';
import { statusKey } from './VideoResult';

export interface MjTaskCardProps {
  userId: string;
  taskId: string;
  requestId: string | null;
  /** Presses one of the finished task's buttons (`POST /mj/submit/action`). */
  onAction: (taskId: string, customId: string) => void;
  /** An action is being submitted: the buttons wait. */
  busy: boolean;
}

/** One Midjourney task: progress while it runs, then its image, its buttons and its cost. */
export function MjTaskCard({ userId, taskId, requestId, onAction, busy }: MjTaskCardProps) {
  const { t } = useTranslation('media');
  const task = useJobPolling<MjTask>({
    queryKey: ['media', 'mj-task', taskId],
    fetchJob: (signal) =>
      mediaJson<MjTask>(userId, `/mj/task/${encodeURIComponent(taskId)}/fetch`, { signal }).then(({ body }) => body),
    isFinished: (polled) => isMjFinished(polled.status),
  });
  const { current, finished } = task;
  const buttons = current?.status === 'SUCCESS' ? actionButtons(current.buttons) : [];
  // The console's CSP loads images from its own origin only: an upstream's URL (with the
  // operator's Midjourney image proxy off) cannot show here, so the card links to it instead.
  const [unloadable, setUnloadable] = useState<string | null>(null);

  return (
    <article
      className="flex flex-col gap-3 rounded-xl border border-border bg-card p-3"
      data-testid="mj-task"
      data-status={current?.status ?? 'loading'}
      aria-label={t('mj.task', { id: taskId })}
    >
      <div className="flex items-center justify-between gap-2 text-sm">
        <span className="font-medium">{current?.action ?? 'IMAGINE'}</span>
        <span className="font-mono text-xs text-muted-foreground">{taskId}</span>
        <span>{current ? t(`status.${statusKey(current.status)}`) : t('status.queued')}</span>
      </div>
      {current && !finished && <ProgressBar label={t('mj.progress')} value={mjProgress(current) / 100} />}
      {current?.imageUrl &&
        (unloadable === current.imageUrl ? (
          <a href={current.imageUrl} target="_blank" rel="noreferrer" className="text-sm underline underline-offset-2">
            {t('mj.openImage')}
          </a>
        ) : (
          <img
            src={current.imageUrl}
            alt={current.prompt ?? t('mj.imageAlt')}
            onError={() => setUnloadable(current.imageUrl ?? null)}
            className="max-h-[32rem] w-full rounded-lg bg-muted object-contain"
          />
        ))}
      {current?.status === 'FAILURE' && <MediaError error={new Error(current.failReason || t('mj.failed'))} />}
      {task.error ? <MediaError error={task.error} /> : null}
      {buttons.length > 0 && (
        <fieldset className="flex flex-wrap gap-1.5" aria-label={t('mj.actions')}>
          {buttons.map((button) => (
            <Button
              key={button.customId}
              variant="outline"
              size="sm"
              disabled={busy}
              onClick={() => onAction(taskId, button.customId)}
            >
              {button.text}
            </Button>
          ))}
        </fieldset>
      )}
      <div className="flex flex-wrap items-center justify-between gap-2">
        <RequestCost requestId={requestId} settled={finished} expectCharge={current?.status === 'SUCCESS'} />
        {current?.status === 'SUCCESS' && current.imageUrl && (
          <a
            href={current.imageUrl}
            download={`midjourney-${taskId}.png`}
            target="_blank"
            rel="noreferrer"
            className={buttonClasses('outline', 'sm')}
          >
            <Download aria-hidden />
            {t('download')}
          </a>
        )}
      </div>
    </article>
  );
}
