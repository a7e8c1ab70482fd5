import { useQuery } from '@tanstack/react-query';
import { ListTodo } from 'lucide-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge, Table, type TableColumn } from '../../components/ui';
import { useCurrentUser } from '../../lib/auth';
import { formatDateTime } from '../../lib/format';
import { loadJobs } from './job-memory';
import { type JobRow, jobRows } from './jobs-list';
import { MediaError } from './MediaError';
import { mediaJson } from './media-call';
import type { MjTask } from './mj-task';
import { RequestCost } from './RequestCost';
import { statusKey } from './VideoResult';
import type { VideoJob } from './video-request';

/** While a job runs, the list asks again this often. */
const REFRESH_MS = 5000;

const STATUS_BADGE = { queued: 'neutral', running: 'info', done: 'success', failed: 'danger' } as const;

/**
 * "My jobs": videos and Midjourney tasks with status, progress and cost. Videos come from
 * `GET /v1/videos` (every video of the caller); Midjourney tasks from
 * `POST /mj/task/list-by-condition` with the ids this browser submitted (the proxy's API lists by
 * id only). Costs come from each job's request-log row, known for jobs submitted here.
 */
export function JobsMode() {
  const { t } = useTranslation('media');
  const user = useCurrentUser();
  const remembered = useMemo(() => loadJobs(user.id), [user.id]);
  const mjIds = remembered.filter((job) => job.kind === 'midjourney').map((job) => job.id);
  const running = (rows: readonly { status: string }[] | undefined, finished: (status: string) => boolean) =>
    rows?.some((row) => !finished(row.status)) ? REFRESH_MS : false;

  const videos = useQuery({
    queryKey: ['media', 'jobs', 'videos', user.id],
    queryFn: ({ signal }) =>
      mediaJson<{ data?: VideoJob[] }>(user.id, '/v1/videos?limit=50', { signal }).then(({ body }) => body.data ?? []),
    refetchInterval: (query) => running(query.state.data, (status) => status === 'completed' || status === 'failed'),
    retry: false,
  });
  const tasks = useQuery({
    queryKey: ['media', 'jobs', 'mj', user.id, mjIds],
    queryFn: ({ signal }) =>
      mediaJson<MjTask[]>(user.id, '/mj/task/list-by-condition', { json: { ids: mjIds }, signal }).then(({ body }) =>
        Array.isArray(body) ? body : [],
      ),
    enabled: mjIds.length > 0,
    refetchInterval: (query) =>
      running(query.state.data, (status) => status === 'SUCCESS' || status === 'FAILURE' || status === 'CANCEL'),
    retry: false,
  });

  const rows = jobRows(remembered, videos.data ?? [], tasks.data ?? []);
  const loading = videos.isPending || (mjIds.length > 0 && tasks.isPending);

  const columns: TableColumn<JobRow>[] = [
    {
      key: 'kind',
      header: t('jobs.kind'),
      cell: (row) => t(row.kind === 'video' ? 'modes.video' : 'modes.midjourney'),
    },
    {
      key: 'what',
      header: t('jobs.what'),
      cell: (row) => (
        <div className="min-w-0">
          <p className="font-medium">{row.what}</p>
          <p className="max-w-xs truncate text-xs text-muted-foreground" title={row.prompt}>
            {row.prompt}
          </p>
        </div>
      ),
    },
    {
      key: 'status',
      header: t('jobs.status'),
      cell: (row) =>
        row.status === 'unknown' ? (
          <Badge variant="outline">{t('status.unknown')}</Badge>
        ) : (
          <Badge variant={STATUS_BADGE[statusKey(row.status)]}>
            {t(`status.${statusKey(row.status)}`)}
            {!row.finished && ` ${row.progress}%`}
          </Badge>
        ),
    },
    {
      key: 'cost',
      header: t('jobs.cost'),
      cell: (row) =>
        row.requestId ? (
          <RequestCost requestId={row.requestId} settled={row.finished} expectCharge={row.succeeded} />
        ) : (
          <span className="text-xs text-muted-foreground">{t('jobs.costElsewhere')}</span>
        ),
    },
    {
      key: 'created',
      header: t('jobs.created'),
      cell: (row) => <span className="text-xs whitespace-nowrap">{formatDateTime(row.createdAt)}</span>,
    },
  ];

  return (
    <div className="flex flex-col gap-3">
      <p className="text-sm text-muted-foreground">{t('jobs.description')}</p>
      {videos.error ? <MediaError error={videos.error} /> : null}
      {tasks.error ? <MediaError error={tasks.error} /> : null}
      <Table
        label={t('modes.jobs')}
        columns={columns}
        rows={loading ? undefined : rows}
        rowKey={(row) => `${row.kind}:${row.id}`}
        loading={loading}
        empty={{ icon: ListTodo, title: t('jobs.empty') }}
      />
    </div>
  );
}
