import { KeyRound, Search } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { MoneyText } from '../../../components/MoneyText';
import { PageHeader } from '../../../components/PageHeader';
import { Badge, Button, Card, Input, Select, Table, type TableColumn } from '../../../components/ui';
import { formatRelative } from '../../../lib/format';
import { useSearchUpdate } from '../../../lib/use-search-update';
import { OffsetPager } from '../users/OffsetPager';
import { type AdminKey, useAdminKeys, useSetKeyStatus } from './api';
import { KeyGroupsCard } from './KeyGroupsCard';

const PAGE_SIZE = 25;

/**
 * /admin/keys: every user's API keys (?user=<id> narrows to one person, as the users page links
 * here), with a switch to disable or enable any of them; above it, the key groups users may pick.
 */
export function AdminKeysPage() {
  const { t } = useTranslation('manage');
  const [params, update] = useSearchUpdate();
  const [search, setSearch] = useState(params.get('q') ?? '');
  const status = (params.get('status') ?? '') as '' | 'enabled' | 'disabled';
  const userId = params.get('user') || undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const setStatus = useSetKeyStatus();

  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new search text should write the URL.
  useEffect(() => {
    const timer = window.setTimeout(() => {
      if ((params.get('q') ?? '') !== search.trim()) update({ q: search.trim() || undefined, page: undefined });
    }, 300);
    return () => window.clearTimeout(timer);
  }, [search]);

  const list = useAdminKeys({
    userId,
    status: status || undefined,
    query: params.get('q') || undefined,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  });

  const columns: TableColumn<AdminKey>[] = [
    {
      key: 'name',
      header: t('adminKeys.columns.key'),
      cell: (key) => (
        <div className="min-w-0">
          <div className="font-medium">{key.name}</div>
          <div className="font-mono text-xs text-muted-foreground">{key.hint}</div>
        </div>
      ),
    },
    {
      key: 'owner',
      header: t('adminKeys.columns.owner'),
      cell: (key) => (
        <Link className="text-sm hover:underline" to={`/admin/users?user=${encodeURIComponent(key.userId)}`}>
          {key.ownerEmail}
        </Link>
      ),
    },
    {
      key: 'group',
      header: t('adminKeys.columns.group'),
      cell: (key) => (
        <span className="font-mono text-xs text-muted-foreground">{key.group ?? t('adminKeys.ownGroup')}</span>
      ),
      className: 'hidden md:table-cell',
    },
    {
      key: 'used',
      header: t('adminKeys.columns.used'),
      align: 'right',
      cell: (key) => <MoneyText units={key.used} />,
      className: 'hidden md:table-cell',
    },
    {
      key: 'lastUsed',
      header: t('adminKeys.columns.lastUsed'),
      cell: (key) => (
        <span className="whitespace-nowrap text-muted-foreground">
          {key.lastUsedAt === null ? t('adminKeys.never') : formatRelative(key.lastUsedAt)}
        </span>
      ),
      className: 'hidden lg:table-cell',
    },
    {
      key: 'status',
      header: t('adminKeys.columns.status'),
      cell: (key) => (
        <Badge variant={key.status === 'enabled' ? 'success' : 'neutral'} dot>
          {t(`adminKeys.statuses.${key.status}`)}
        </Badge>
      ),
    },
    {
      key: 'action',
      header: <span className="sr-only">{t('adminKeys.columns.action')}</span>,
      align: 'right',
      cell: (key) => (
        <Button
          variant="outline"
          size="sm"
          loading={setStatus.isPending && setStatus.variables?.id === key.id}
          onClick={() => setStatus.mutate({ id: key.id, status: key.status === 'enabled' ? 'disabled' : 'enabled' })}
        >
          {key.status === 'enabled' ? t('adminKeys.disable') : t('adminKeys.enable')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('adminKeys.title')} description={t('adminKeys.description')} />
      <div className="space-y-6">
        <KeyGroupsCard />
        <Card>
          <div className="flex flex-col gap-3 border-b border-border p-4 sm:flex-row sm:items-center">
            <Input
              type="search"
              className="sm:w-80"
              leading={<Search />}
              placeholder={t('adminKeys.searchPlaceholder')}
              aria-label={t('adminKeys.searchLabel')}
              value={search}
              onChange={(event) => setSearch(event.target.value)}
            />
            <Select
              aria-label={t('adminKeys.filterStatus')}
              value={status}
              onChange={(event) => update({ status: event.target.value || undefined, page: undefined })}
              placeholder={t('adminKeys.allStatuses')}
              options={[
                { value: 'enabled', label: t('adminKeys.statuses.enabled') },
                { value: 'disabled', label: t('adminKeys.statuses.disabled') },
              ]}
              className="sm:w-40"
            />
            {userId && (
              <Button variant="outline" size="sm" onClick={() => update({ user: undefined, page: undefined })}>
                {t('adminKeys.clearUser')}
              </Button>
            )}
            {list.data && (
              <p className="text-xs text-muted-foreground sm:ml-auto" aria-live="polite">
                {t('adminKeys.count', { count: list.data.total })}
              </p>
            )}
          </div>
          <Table
            label={t('adminKeys.tableLabel')}
            columns={columns}
            rows={list.data?.data}
            rowKey={(key) => key.id}
            loading={list.isPending}
            error={list.error}
            onRetry={() => void list.refetch()}
            empty={{ icon: KeyRound, title: t('adminKeys.empty.title'), description: t('adminKeys.empty.description') }}
          />
          {list.data && list.data.total > 0 && (
            <OffsetPager
              page={page}
              pageSize={PAGE_SIZE}
              total={list.data.total}
              loading={list.isFetching}
              onPage={(next) => update({ page: next > 1 ? String(next) : undefined })}
            />
          )}
        </Card>
      </div>
    </>
  );
}
