import { Download, Search, SearchX, XCircle } from 'lucide-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  Button,
  ConfirmDialog,
  CopyButton,
  Drawer,
  EmptyState,
  Input,
  SegmentedControl,
  Skeleton,
  Table,
  type TableColumn,
  useToast,
} from '../../../components/ui';
import { formatDate, formatDateTime, formatNumber } from '../../../lib/format';
import {
  type Batch,
  batchState,
  type CodeStatus,
  downloadBatchCsv,
  type RedemptionCode,
  useBatchCodes,
  useDisableCode,
} from './api';
import { BatchStateBadge, CodeStatusBadge, UsageBar } from './BatchBadges';
import { BatchValue } from './BatchValue';

type Filter = 'all' | CodeStatus;
const PAGE = 100;

export interface BatchDrawerProps {
  batch: Batch | undefined;
  batchId: string | undefined;
  loadingBatches: boolean;
  onClose: () => void;
  onDisable: (batch: Batch) => void;
}

/** A batch's codes with a status filter and search; copy, export as CSV, disable the batch or one code. */
export function BatchDrawer({ batch, batchId, loadingBatches, onClose, onDisable }: BatchDrawerProps) {
  const { t } = useTranslation(['manage', 'common']);
  const toast = useToast();
  const codes = useBatchCodes(batchId);
  const disableCode = useDisableCode();
  const [filter, setFilter] = useState<Filter>('all');
  const [search, setSearch] = useState('');
  const [shown, setShown] = useState(PAGE);
  const [disabling, setDisabling] = useState<RedemptionCode>();
  const [downloading, setDownloading] = useState(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: another batch starts unfiltered.
  useEffect(() => {
    setFilter('all');
    setSearch('');
    setShown(PAGE);
  }, [batchId]);

  const visible = useMemo(() => {
    const needle = search.trim().toUpperCase();
    return (codes.data ?? []).filter(
      (code) =>
        (filter === 'all' || code.status === filter) &&
        (!needle || code.code.includes(needle) || code.redeemedBy?.toUpperCase().includes(needle)),
    );
  }, [codes.data, filter, search]);

  const counts = useMemo(() => {
    const result: Record<Filter, number> = { all: 0, unused: 0, redeemed: 0, disabled: 0 };
    for (const code of codes.data ?? []) {
      result.all += 1;
      result[code.status] += 1;
    }
    return result;
  }, [codes.data]);

  const download = async () => {
    if (!batch) return;
    setDownloading(true);
    try {
      await downloadBatchCsv(batch);
    } catch (error) {
      toast.error(error);
    } finally {
      setDownloading(false);
    }
  };

  const columns: TableColumn<RedemptionCode>[] = [
    {
      key: 'code',
      header: t('redemptions.codes.code'),
      cell: (code) => (
        <div className="flex items-center gap-1">
          <span className="font-mono text-xs whitespace-nowrap select-all">{code.code}</span>
          <CopyButton value={code.code} className="size-7" />
        </div>
      ),
    },
    { key: 'status', header: t('redemptions.codes.status'), cell: (code) => <CodeStatusBadge status={code.status} /> },
    {
      key: 'redeemedBy',
      header: t('redemptions.codes.redeemedBy'),
      className: 'hidden sm:table-cell',
      cell: (code) =>
        code.redeemedBy ? (
          <div className="min-w-0">
            <Link
              to={`/admin/users?user=${encodeURIComponent(code.redeemedBy)}`}
              className="font-mono text-xs text-primary hover:underline"
            >
              {code.redeemedBy}
            </Link>
            <p className="text-xs whitespace-nowrap text-muted-foreground">{formatDateTime(code.redeemedAt)}</p>
          </div>
        ) : (
          <span className="text-muted-foreground">—</span>
        ),
    },
    {
      key: 'actions',
      header: <span className="sr-only">{t('redemptions.columns.actions')}</span>,
      align: 'right',
      cell: (code) =>
        code.status === 'unused' ? (
          <Button
            variant="ghost"
            size="sm"
            className="text-destructive"
            aria-label={t('redemptions.codes.disableLabel', { code: code.code })}
            onClick={() => setDisabling(code)}
          >
            {t('redemptions.codes.disable')}
          </Button>
        ) : null,
    },
  ];

  const state = batch ? batchState(batch) : undefined;
  return (
    <Drawer
      open={Boolean(batchId)}
      onClose={onClose}
      width="max-w-3xl"
      title={batch?.name ?? t('redemptions.drawer.title')}
      description={batch ? <span className="font-mono">{batch.id}</span> : undefined}
    >
      {!batch ? (
        loadingBatches ? (
          <Skeleton className="h-40 w-full" />
        ) : (
          <EmptyState icon={SearchX} title={t('redemptions.drawer.notFound')} />
        )
      ) : (
        <div className="space-y-5">
          <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
            <div>
              <dt className="text-xs text-muted-foreground">{t('redemptions.columns.value')}</dt>
              <dd>
                <BatchValue batch={batch} />
              </dd>
            </div>
            <div>
              <dt className="text-xs text-muted-foreground">{t('redemptions.columns.status')}</dt>
              <dd>{state && <BatchStateBadge state={state} />}</dd>
            </div>
            <div>
              <dt className="text-xs text-muted-foreground">{t('redemptions.columns.expires')}</dt>
              <dd>{batch.expiresAt ? formatDateTime(batch.expiresAt) : t('redemptions.never')}</dd>
            </div>
            <div>
              <dt className="text-xs text-muted-foreground">{t('redemptions.columns.created')}</dt>
              <dd>{formatDate(batch.createdAt)}</dd>
            </div>
            <div className="col-span-2 sm:col-span-4">
              <dt className="sr-only">{t('redemptions.columns.usage')}</dt>
              <dd>
                <UsageBar batch={batch} />
              </dd>
            </div>
          </dl>

          <div className="flex flex-wrap items-center gap-2">
            <CopyButton
              value={visible.map((code) => code.code).join('\n')}
              label={t('redemptions.drawer.copyCodes', { count: visible.length, n: formatNumber(visible.length) })}
              variant="outline"
            />
            <Button variant="outline" size="sm" onClick={() => void download()} loading={downloading}>
              {!downloading && <Download />}
              {t('redemptions.exportCsv')}
            </Button>
            {batch.unused > 0 && (
              <Button
                variant="ghost"
                size="sm"
                className="text-destructive sm:ml-auto"
                onClick={() => onDisable(batch)}
              >
                <XCircle />
                {t('redemptions.disableBatch')}
              </Button>
            )}
          </div>

          <div className="space-y-3">
            <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
              <SegmentedControl<Filter>
                label={t('redemptions.drawer.filterLabel')}
                size="sm"
                value={filter}
                onChange={(value) => {
                  setFilter(value);
                  setShown(PAGE);
                }}
                options={(['all', 'unused', 'redeemed', 'disabled'] as const).map((value) => ({
                  value,
                  label: `${value === 'all' ? t('redemptions.drawer.all') : t(`redemptions.codeStatus.${value}`)} ${formatNumber(counts[value])}`,
                }))}
              />
              <Input
                type="search"
                className="sm:max-w-56"
                leading={<Search />}
                aria-label={t('redemptions.drawer.searchLabel')}
                placeholder={t('redemptions.drawer.searchPlaceholder')}
                value={search}
                onChange={(event) => {
                  setSearch(event.target.value);
                  setShown(PAGE);
                }}
              />
            </div>
            <div className="rounded-xl border border-border">
              <Table
                label={t('redemptions.drawer.codesLabel')}
                className="relative"
                columns={columns}
                rows={codes.data ? visible.slice(0, shown) : undefined}
                rowKey={(code) => code.id}
                loading={codes.isPending}
                error={codes.error}
                onRetry={() => void codes.refetch()}
                skeletonRows={3}
                empty={{ icon: SearchX, title: t('redemptions.drawer.noCodes') }}
              />
            </div>
            {visible.length > shown && (
              <div className="flex justify-center">
                <Button variant="outline" size="sm" onClick={() => setShown((value) => value + PAGE * 5)}>
                  {t('redemptions.drawer.showMore', { count: visible.length - shown })}
                </Button>
              </div>
            )}
          </div>
        </div>
      )}
      <ConfirmDialog
        open={Boolean(disabling)}
        onClose={() => setDisabling(undefined)}
        loading={disableCode.isPending}
        danger
        title={t('redemptions.codes.confirmTitle')}
        description={t('redemptions.codes.confirmText', { code: disabling?.code ?? '' })}
        confirmLabel={t('redemptions.codes.disable')}
        onConfirm={() => {
          if (!disabling) return;
          disableCode.mutate(disabling.id, {
            onSuccess: () => {
              setDisabling(undefined);
              toast.success(t('redemptions.codes.disabled'));
            },
            onError: (error) => {
              setDisabling(undefined);
              toast.error(error);
            },
          });
        }}
      />
    </Drawer>
  );
}
