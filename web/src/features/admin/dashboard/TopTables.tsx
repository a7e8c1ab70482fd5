import { Boxes, Users } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { MoneyText } from '../../../components/MoneyText';
import { Card, CardHeader, Table, type TableColumn } from '../../../components/ui';
import { formatNumber, formatPercent, formatTokens } from '../../../lib/format';
import { type ModelUsage, type UserUsage, useUserLabels } from './api';

const ROWS = 8;

function ShareBar({ share }: { share: number }) {
  return (
    <div className="mt-1.5 h-1 w-full max-w-40 overflow-hidden rounded-full bg-muted" aria-hidden>
      <div
        className="h-full rounded-full bg-primary/70"
        style={{ width: `${Math.max(2, Math.round(share * 100))}%` }}
      />
    </div>
  );
}

function share(part: number, total: number): number {
  return total > 0 ? part / total : 0;
}

type Totals = { promptTokens: number; completionTokens: number; cost: number };

/** The columns both top tables end with: tokens (hidden on phones) and revenue. */
function tokensAndRevenue<T extends Totals>(t: (key: 'top.tokens' | 'top.revenue') => string): TableColumn<T>[] {
  return [
    {
      key: 'tokens',
      header: t('top.tokens'),
      cell: (row) => <span className="tabular-nums">{formatTokens(row.promptTokens + row.completionTokens)}</span>,
      align: 'right',
      className: 'hidden sm:table-cell',
    },
    { key: 'revenue', header: t('top.revenue'), cell: (row) => <MoneyText units={row.cost} />, align: 'right' },
  ];
}

/** A top-N table in its card. */
function TopCard<T>(props: {
  title: string;
  description: string;
  columns: TableColumn<T>[];
  rows: T[] | undefined;
  rowKey: (row: T) => string;
  loading: boolean;
  empty: { icon: typeof Boxes; title: string };
}) {
  return (
    <Card>
      <CardHeader title={props.title} description={props.description} />
      <div className="pt-2 pb-1">
        <Table
          columns={props.columns}
          rows={props.rows}
          rowKey={props.rowKey}
          loading={props.loading}
          skeletonRows={4}
          label={props.title}
          empty={props.empty}
        />
      </div>
    </Card>
  );
}

export function TopModelsCard({ models, loading }: { models: ModelUsage[] | undefined; loading: boolean }) {
  const { t } = useTranslation('admin');
  const rows = models?.slice(0, ROWS);
  const totalCost = models?.reduce((sum, row) => sum + row.cost, 0) ?? 0;
  const totalRequests = models?.reduce((sum, row) => sum + row.requests, 0) ?? 0;
  const columns: TableColumn<ModelUsage>[] = [
    {
      key: 'model',
      header: t('top.model'),
      cell: (row) => (
        <div className="min-w-0">
          <p className="truncate font-mono text-xs" title={row.model}>
            {row.model}
          </p>
          <ShareBar share={totalCost > 0 ? share(row.cost, totalCost) : share(row.requests, totalRequests)} />
        </div>
      ),
      className: 'max-w-56',
    },
    {
      key: 'requests',
      header: t('top.requests'),
      cell: (row) => (
        <span className="tabular-nums">
          {formatNumber(row.requests)}
          {row.errors > 0 && (
            <span className="block text-xs text-destructive">{formatPercent(share(row.errors, row.requests))}</span>
          )}
        </span>
      ),
      align: 'right',
    },
    ...tokensAndRevenue<ModelUsage>(t),
  ];
  return (
    <TopCard
      title={t('top.modelsTitle')}
      description={t('top.modelsDescription')}
      columns={columns}
      rows={rows}
      rowKey={(row) => row.model}
      loading={loading && !models}
      empty={{ icon: Boxes, title: t('top.noModels') }}
    />
  );
}

export function TopUsersCard({ users, loading }: { users: UserUsage[] | undefined; loading: boolean }) {
  const { t } = useTranslation('admin');
  const rows = users?.slice(0, ROWS);
  const labels = useUserLabels(rows?.map((row) => row.userId) ?? []);
  const totalCost = users?.reduce((sum, row) => sum + row.cost, 0) ?? 0;
  const columns: TableColumn<UserUsage>[] = [
    {
      key: 'user',
      header: t('top.user'),
      cell: (row) => {
        const user = labels.get(row.userId);
        return (
          <div className="min-w-0">
            <p className="truncate text-sm" title={user?.email ?? row.userId}>
              {user ? (user.displayName ?? user.email) : <span className="font-mono text-xs">{row.userId}</span>}
            </p>
            {user?.displayName && <p className="truncate text-xs text-muted-foreground">{user.email}</p>}
            <ShareBar share={share(row.cost, totalCost)} />
          </div>
        );
      },
      className: 'max-w-56',
    },
    {
      key: 'requests',
      header: t('top.requests'),
      cell: (row) => <span className="tabular-nums">{formatNumber(row.requests)}</span>,
      align: 'right',
    },
    ...tokensAndRevenue<UserUsage>(t),
  ];
  return (
    <TopCard
      title={t('top.usersTitle')}
      description={t('top.usersDescription')}
      columns={columns}
      rows={rows}
      rowKey={(row) => row.userId}
      loading={loading && !users}
      empty={{ icon: Users, title: t('top.noUsers') }}
    />
  );
}
