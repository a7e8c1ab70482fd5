import { Download } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { buttonClasses, Spinner } from '../../components/ui';
import { ProgressBar } from '../admin/redemptions/ProgressBar';
import { MediaError } from './MediaError';
import { mediaJson } from './media-call';
import { RequestCost } from './RequestCost';
import { useAuthorizedBlob } from './use-authorized-blob';
import { useJobPolling } from './use-job-polling';
import { isVideoFinished, type VideoJob, videoContentPath, videoPath, videoProgress } from './video-request';

/**
 * One video job: its progress while it runs (`GET /v1/videos/{id}` every two seconds), then the
 * player and download, or the failure; its cost once it has settled.
 */
export function VideoResult({ userId, job, requestId }: { userId: string; job: VideoJob; requestId: string | null }) {
  const { t } = useTranslation('media');
  const polled = useJobPolling<VideoJob>({
    queryKey: ['media', 'video', job.id],
    fetchJob: (signal) => mediaJson<VideoJob>(userId, videoPath(job.id), { signal }).then(({ body }) => body),
    isFinished: (current) => isVideoFinished(current.status),
    initialData: job,
  });
  const current = polled.current ?? job;
  const { finished } = polled;
  const completed = current.status === 'completed';
  const content = useAuthorizedBlob(userId, completed ? videoContentPath(job.id) : null);
  const progress = videoProgress(current);

  return (
    <div className="flex flex-col gap-3" data-testid="video-job" data-status={current.status}>
      <div className="flex items-center justify-between gap-2 text-sm">
        <span className="font-mono text-xs text-muted-foreground">{current.id}</span>
        <span>{t(`status.${statusKey(current.status)}`)}</span>
      </div>
      {!finished && <ProgressBar label={t('video.progress')} value={progress / 100} />}
      {current.status === 'failed' && <MediaError error={new Error(current.error?.message ?? t('video.failed'))} />}
      {polled.error ? <MediaError error={polled.error} /> : null}
      {completed &&
        (content.url ? (
          <>
            {/* biome-ignore lint/a11y/useMediaCaption: a generated clip of the prompt beside it, without speech to caption */}
            <video controls src={content.url} className="w-full rounded-xl bg-black" data-testid="video-player" />
            <a
              href={content.url}
              download={`${current.id}.mp4`}
              className={buttonClasses('outline', 'sm', 'self-start')}
            >
              <Download aria-hidden />
              {t('download')}
            </a>
          </>
        ) : content.error ? (
          <MediaError error={content.error} />
        ) : (
          <Spinner />
        ))}
      <RequestCost requestId={requestId} settled={finished} expectCharge={completed} />
    </div>
  );
}

/** A status this console has a text for; one it does not know reads as running. */
export function statusKey(status: string): 'queued' | 'running' | 'done' | 'failed' {
  if (status === 'queued' || status === 'NOT_START' || status === 'SUBMITTED') return 'queued';
  if (status === 'completed' || status === 'SUCCESS') return 'done';
  if (status === 'failed' || status === 'FAILURE' || status === 'CANCEL') return 'failed';
  return 'running';
}
