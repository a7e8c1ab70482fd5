import { useQuery } from '@tanstack/react-query';
import { Download } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { buttonClasses, Spinner } from '../../components/ui';
import { MediaError } from './MediaError';
import { mediaJson } from './media-call';
import { RequestCost } from './RequestCost';
import { useAuthorizedBlob } from './use-authorized-blob';
import { isVideoFinished, type VideoJob, videoContentPath, videoPath, videoProgress } from './video-request';

/** How often a running job is asked about (Sora takes minutes; a faster answer changes nothing). */
const POLL_MS = 2000;

/**
 * One video job: its progress while it runs (`GET /v1/videos/{id}` every two seconds), then the
 * player and download, or the failure; its cost once it has settled.
 */
export function VideoResult({ userId, job, requestId }: { userId: string; job: VideoJob; requestId: string | null }) {
  const { t } = useTranslation('media');
  const status = useQuery({
    queryKey: ['media', 'video', job.id],
    queryFn: ({ signal }) => mediaJson<VideoJob>(userId, videoPath(job.id), { signal }).then(({ body }) => body),
    initialData: job,
    refetchInterval: (query) => (query.state.data && isVideoFinished(query.state.data.status) ? false : POLL_MS),
  });
  const current = status.data;
  const finished = isVideoFinished(current.status);
  const completed = current.status === 'completed';
  const content = useAuthorizedBlob(userId, completed ? videoContentPath(job.id) : null);
  const progress = videoProgress(current);

  return (
    <div className="flex flex-col gap-3" data-testid="video-job" data-status={current.status}>
      <div className="flex items-center justify-between gap-2 text-sm">
        <span className="font-mono text-xs text-muted-foreground">{current.id}</span>
        <span>{t(`status.${statusKey(current.status)}`)}</span>
      </div>
      {!finished && (
        <div
          role="progressbar"
          aria-label={t('video.progress')}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={progress}
          className="h-2 overflow-hidden rounded-full bg-muted"
        >
          <div className="h-full bg-primary transition-[width]" style={{ width: `${progress}%` }} />
        </div>
      )}
      {current.status === 'failed' && <MediaError error={new Error(current.error?.message ?? t('video.failed'))} />}
      {status.error ? <MediaError error={status.error} /> : null}
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
