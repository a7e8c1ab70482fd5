import { Download, Eye, MoreHorizontal, Plus, Ticket, XCircle } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../../components/PageHeader';
import {
  Button,
  Card,
  ConfirmDialog,
  DropdownMenu,
  MenuItem,
  MenuSeparator,
  Table,
  type TableColumn,
  useToast,
} from '../../../components/ui';
import { formatDate, formatDateTime, formatNumber } from '../../../lib/format';
import { formatMoney } from '../../../lib/money';
import { type Batch, batchState, downloadBatchCsv, useBatches, useDisableBatch } from './api';
import { BatchStateBadge, UsageBar } from './BatchBadges';
import { BatchDrawer } from './BatchDrawer';
import { BatchValue } from './BatchValue';
import { CreateBatchDialog } from './CreateBatchDialog';

function Summary({ batches }: { batches: Batch[] }) {
  const { t } = useTranslation('manage');
  let outstanding = 0;
  let redeemedValue = 0;
  let unused = 0;
  for (const batch of batches) {
    if (batchState(batch) === 'active') {
      outstanding += batch.unused * batch.amount;
      unused += batch.unused;
    }
    redeemedValue += batch.redeemed * batch.amount;
  }
  const items = [
    { label: t('redemptions.summary.batches'), value: formatNumber(batches.length) },
    { label: t('redemptions.summary.unused'), value: formatNumber(unused) },
    { label: t('redemptions.summary.outstanding'), value: formatMoney(outstanding) },
    { label: t('redemptions.summary.redeemed'), value: formatMoney(redeemedValue) },
  ];
  return (
    <dl className="mb-6 grid grid-cols-2 gap-3 lg:grid-cols-4">
      {items.map((item) => (
        <Card key={item.label} className="px-4 py-3">
          <dt className="text-xs text-muted-foreground">{item.label}</dt>
          <dd className="mt-1 text-xl font-semibold tabular-nums">{item.value}</dd>
        </Card>
      ))}
    </dl>
  );
}

/** /admin/redemptions: code batches with usage; create a batch, open one (?batch=<id>) to see, export or disable codes. */
export function RedemptionsPage() {
  const { t } = useTranslation(['manage', 'common']);
  const toast = useToast();
  const [params, setParams] = useSearchParams();
  const batches = useBatches();
  const disable = useDisableBatch();
  const [creating, setCreating] = useState(false);
  const [disabling, setDisabling] = useState<Batch>();
  const selected = params.get('batch') ?? undefined;

  const select = (id: string | undefined) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (id) next.set('batch', id);
        else next.delete('batch');
        return next;
      },
      { replace: true },
    );

  const exportCsv = async (batch: Batch) => {
    try {
      await downloadBatchCsv(batch);
    } catch (error) {
      toast.error(error);
    }
  };

  const columns: TableColumn<Batch>[] = [
    {
      key: 'name',
      header: t('redemptions.columns.name'),
      cell: (batch) => (
        <div className="min-w-0">
          <p className="truncate font-medium">{batch.name}</p>
          <p className="truncate font-mono text-xs text-muted-foreground">{batch.id}</p>
        </div>
      ),
    },
    {
      key: 'value',
      header: t('redemptions.columns.value'),
      align: 'right',
      cell: (batch) => <BatchValue batch={batch} />,
    },
    {
      key: 'count',
      header: t('redemptions.columns.count'),
      align: 'right',
      cell: (batch) => <span className="tabular-nums">{formatNumber(batch.count)}</span>,
      className: 'hidden sm:table-cell',
    },
    {
      key: 'usage',
      header: t('redemptions.columns.usage'),
      cell: (batch) => <UsageBar batch={batch} />,
      className: 'hidden md:table-cell',
    },
    {
      key: 'status',
      header: t('redemptions.columns.status'),
      cell: (batch) => <BatchStateBadge state={batchState(batch)} />,
    },
    {
      key: 'expires',
      header: t('redemptions.columns.expires'),
      cell: (batch) => (
        <span className="whitespace-nowrap text-muted-foreground">
          {batch.expiresAt ? formatDate(batch.expiresAt) : t('redemptions.never')}
        </span>
      ),
      className: 'hidden lg:table-cell',
    },
    {
      key: 'created',
      header: t('redemptions.columns.created'),
      cell: (batch) => (
        <span className="whitespace-nowrap text-muted-foreground" title={formatDateTime(batch.createdAt)}>
          {formatDate(batch.createdAt)}
        </span>
      ),
      className: 'hidden lg:table-cell',
    },
    {
      key: 'actions',
      header: <span className="sr-only">{t('redemptions.columns.actions')}</span>,
      align: 'right',
      className: 'w-12',
      cell: (batch) => (
        // Clicks in the menu must not also open the row.
        // biome-ignore lint/a11y/noStaticElementInteractions: only stops the row's click handler.
        <div onClick={(event) => event.stopPropagation()} onKeyDown={(event) => event.stopPropagation()}>
          <DropdownMenu
            trigger={(props) => (
              <Button
                {...props}
                variant="ghost"
                size="icon-sm"
                aria-label={t('redemptions.actionsFor', { name: batch.name })}
              >
                <MoreHorizontal />
              </Button>
            )}
          >
            <MenuItem icon={<Eye />} onSelect={() => select(batch.id)}>
              {t('redemptions.viewCodes')}
            </MenuItem>
            <MenuItem icon={<Download />} onSelect={() => void exportCsv(batch)}>
              {t('redemptions.exportCsv')}
            </MenuItem>
            {batch.unused > 0 && (
              <>
                <MenuSeparator />
                <MenuItem icon={<XCircle />} danger onSelect={() => setDisabling(batch)}>
                  {t('redemptions.disableBatch')}
                </MenuItem>
              </>
            )}
          </DropdownMenu>
        </div>
      ),
    },
  ];

  const newButton = (
    <Button onClick={() => setCreating(true)}>
      <Plus />
      {t('redemptions.newBatch')}
    </Button>
  );

  return (
    <>
      <PageHeader title={t('redemptions.title')} description={t('redemptions.description')} actions={newButton} />
      {batches.data && batches.data.length > 0 && <Summary batches={batches.data} />}
      <Card>
        <Table
          label={t('redemptions.tableLabel')}
          className="relative"
          columns={columns}
          rows={batches.data}
          rowKey={(batch) => batch.id}
          loading={batches.isPending}
          error={batches.error}
          onRetry={() => void batches.refetch()}
          onRowClick={(batch) => select(batch.id)}
          empty={{
            icon: Ticket,
            title: t('redemptions.empty.title'),
            description: t('redemptions.empty.description'),
            action: newButton,
          }}
        />
      </Card>

      <CreateBatchDialog open={creating} onClose={() => setCreating(false)} />
      <BatchDrawer
        batch={batches.data?.find((batch) => batch.id === selected)}
        batchId={selected}
        loadingBatches={batches.isPending}
        onClose={() => select(undefined)}
        onDisable={setDisabling}
      />
      <ConfirmDialog
        open={Boolean(disabling)}
        onClose={() => setDisabling(undefined)}
        loading={disable.isPending}
        danger
        title={t('redemptions.disableConfirm.title')}
        description={t('redemptions.disableConfirm.text', {
          name: disabling?.name ?? '',
          count: disabling?.unused ?? 0,
        })}
        confirmLabel={t('redemptions.disableBatch')}
        onConfirm={() => {
          if (!disabling) return;
          disable.mutate(disabling.id, {
            onSuccess: (answer) => {
              setDisabling(undefined);
              toast.success(t('redemptions.disableConfirm.done', { count: answer.disabled }));
            },
            onError: (error) => toast.error(error),
          });
        }}
      />
    </>
  );
}
