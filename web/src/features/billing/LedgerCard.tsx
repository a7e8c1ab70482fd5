import { ReceiptText } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { MoneyText } from '../../components/MoneyText';
import {
  Badge,
  type BadgeVariant,
  Card,
  CardHeader,
  Pagination,
  SegmentedControl,
  Table,
  type TableColumn,
} from '../../components/ui';
import { formatDateTime, formatRelative } from '../../lib/format';
import { useLedger } from './billing-api';
import { ledgerReasonText } from './ledger-reason';
import { LEDGER_KINDS, type LedgerEntry, type LedgerKind } from './types';

const KIND_BADGE: Record<LedgerKind, BadgeVariant> = {
  topup: 'success',
  trial: 'info',
  redeem: 'primary',
  adjust: 'warning',
  charge: 'neutral',
  refund: 'danger',
  plan: 'info',
  invite_reward: 'success',
};

function KindBadge({ kind }: { kind: LedgerKind }) {
  const { t } = useTranslation('billing');
  return <Badge variant={KIND_BADGE[kind]}>{t(`kinds.${kind}`)}</Badge>;
}

/** The entry's reference: a charge links to its request in the log; others are ids to quote. */
function Reference({ entry }: { entry: LedgerEntry }) {
  const { t } = useTranslation('billing');
  if (!entry.reference) return null;
  if (entry.kind === 'charge') {
    return (
      <Link
        to={`/logs/${encodeURIComponent(entry.reference)}`}
        className="font-mono text-xs text-primary underline-offset-4 hover:underline"
        title={t('ledger.openRequest')}
      >
        {entry.reference}
      </Link>
    );
  }
  return <span className="font-mono text-xs text-muted-foreground">{entry.reference}</span>;
}

/** The balance history: every credit and charge with the balance after it, newest first, filterable by kind. */
export function LedgerCard() {
  const { t } = useTranslation(['billing', 'common']);
  const { t: tBilling } = useTranslation('billing');
  const reasonOf = (entry: LedgerEntry) => ledgerReasonText(tBilling, entry);
  const [kind, setKind] = useState<LedgerKind | ''>('');
  const ledger = useLedger(kind);
  const rows = ledger.data?.pages.flatMap((page) => page.data);

  const columns: TableColumn<LedgerEntry>[] = [
    {
      key: 'time',
      header: t('ledger.columns.time'),
      className: 'hidden whitespace-nowrap sm:table-cell',
      cell: (entry) => (
        <span title={formatRelative(entry.createdAt)} className="text-muted-foreground tabular-nums">
          {formatDateTime(entry.createdAt)}
        </span>
      ),
    },
    {
      key: 'kind',
      header: t('ledger.columns.kind'),
      cell: (entry) => (
        <div className="space-y-1">
          <KindBadge kind={entry.kind} />
          <p className="max-w-48 truncate text-xs text-muted-foreground md:hidden" title={reasonOf(entry)}>
            {reasonOf(entry)}
          </p>
          <p className="text-xs text-muted-foreground sm:hidden">{formatDateTime(entry.createdAt)}</p>
        </div>
      ),
    },
    {
      key: 'details',
      header: t('ledger.columns.details'),
      className: 'hidden md:table-cell',
      cell: (entry) => (
        <div className="max-w-md min-w-0 space-y-0.5">
          <p className="truncate" title={reasonOf(entry)}>
            {reasonOf(entry) || <span className="text-muted-foreground">—</span>}
          </p>
          <Reference entry={entry} />
        </div>
      ),
    },
    {
      key: 'amount',
      header: t('ledger.columns.amount'),
      align: 'right',
      cell: (entry) => (
        <div className="space-y-1">
          <MoneyText units={entry.amount} colored signed />
          <p className="text-xs text-muted-foreground sm:hidden">
            <MoneyText units={entry.balanceAfter} digits={2} className="font-normal" />
          </p>
        </div>
      ),
    },
    {
      key: 'balanceAfter',
      header: t('ledger.columns.balanceAfter'),
      align: 'right',
      className: 'hidden sm:table-cell',
      cell: (entry) => (
        <MoneyText units={entry.balanceAfter} digits={2} className="font-normal text-muted-foreground" />
      ),
    },
  ];

  const filters = [
    { value: '' as const, label: t('ledger.all') },
    ...LEDGER_KINDS.map((value) => ({ value, label: t(`kinds.${value}`) })),
  ];

  return (
    <Card>
      <CardHeader title={t('ledger.title')} description={t('ledger.description')} />
      <div className="overflow-x-auto px-5 pt-4 pb-3">
        <SegmentedControl
          options={filters}
          value={kind}
          onChange={(value) => setKind(value)}
          label={t('ledger.filter')}
          size="sm"
        />
      </div>
      <Table
        columns={columns}
        rows={rows}
        rowKey={(entry) => entry.id}
        loading={ledger.isPending}
        error={ledger.isError ? ledger.error : undefined}
        onRetry={() => ledger.refetch()}
        label={t('ledger.title')}
        className="border-t border-border"
        empty={{
          icon: ReceiptText,
          title: kind ? t('ledger.emptyKindTitle') : t('ledger.emptyTitle'),
          description: kind ? t('ledger.emptyKindText') : t('ledger.emptyText'),
        }}
      />
      {rows && rows.length > 0 && (
        <Pagination
          hasMore={Boolean(ledger.hasNextPage)}
          loading={ledger.isFetchingNextPage}
          onLoadMore={() => ledger.fetchNextPage()}
          className="border-t border-border"
        />
      )}
    </Card>
  );
}
