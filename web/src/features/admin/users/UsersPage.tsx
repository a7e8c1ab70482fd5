import { Search, SearchX, UserPlus, Users, Wallet } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MoneyText } from '../../../components/MoneyText';
import { PageHeader } from '../../../components/PageHeader';
import { Button, Card, Input, Select, Table, type TableColumn } from '../../../components/ui';
import { formatDate, formatDateTime, formatRelative } from '../../../lib/format';
import type { User } from '../../../lib/types';
import { useSearchUpdate } from '../../../lib/use-search-update';
import { type UserListFilter, useUserList } from './api';
import { BulkBalanceDialog } from './BulkBalanceDialog';
import { CreateUserDialog } from './CreateUserDialog';
import { OffsetPager } from './OffsetPager';
import { RoleBadge, StatusBadge, UserIdentity } from './UserBadges';
import { UserDrawer } from './UserDrawer';

const PAGE_SIZE = 25;

/** Updates `value` only after typing stops for `delay` ms, so a search does not fire per key. */
function useDebounced<T>(value: T, delay = 300): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(value), delay);
    return () => window.clearTimeout(timer);
  }, [value, delay]);
  return debounced;
}

/** /admin/users: search, filter and page through accounts; a row opens the user's drawer (?user=<id>). */
export function UsersPage() {
  const { t } = useTranslation('manage');
  const [params, update] = useSearchUpdate();
  const [search, setSearch] = useState(params.get('q') ?? '');
  const debouncedSearch = useDebounced(search.trim());
  const role = (params.get('role') ?? '') as '' | User['role'];
  const status = (params.get('status') ?? '') as '' | User['status'];
  const page = Math.max(1, Number(params.get('page')) || 1);
  const selected = params.get('user') ?? undefined;

  // The search box writes to the URL once typing pauses (and goes back to page 1).
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new search text should write the URL.
  useEffect(() => {
    if ((params.get('q') ?? '') !== debouncedSearch) update({ q: debouncedSearch || undefined, page: undefined });
  }, [debouncedSearch]);

  const filter: UserListFilter = {
    query: params.get('q') || undefined,
    role: role || undefined,
    status: status || undefined,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  };
  const list = useUserList(filter);
  // Users ticked for a bulk balance change (kept across pages, by id and email for the report).
  const [ticked, setTicked] = useState<Map<string, string>>(new Map());
  const [dialog, setDialog] = useState<'create' | 'balance'>();
  const toggle = (user: User) =>
    setTicked((current) => {
      const next = new Map(current);
      if (next.has(user.id)) next.delete(user.id);
      else next.set(user.id, user.email);
      return next;
    });
  const filtered = Boolean(filter.query || filter.role || filter.status);

  const columns: TableColumn<User>[] = [
    {
      key: 'select',
      header: <span className="sr-only">{t('users.select')}</span>,
      cell: (user) => (
        // A click on the box selects; it must not open the row's drawer.
        // biome-ignore lint/a11y/noStaticElementInteractions: only stops the row click from bubbling.
        // biome-ignore lint/a11y/useKeyWithClickEvents: the checkbox inside handles the keyboard.
        <span onClick={(event) => event.stopPropagation()}>
          <input
            type="checkbox"
            className="size-4 cursor-pointer accent-primary"
            aria-label={t('users.selectUser', { email: user.email })}
            checked={ticked.has(user.id)}
            onChange={() => toggle(user)}
          />
        </span>
      ),
    },
    { key: 'user', header: t('users.columns.user'), cell: (user) => <UserIdentity user={user} /> },
    {
      key: 'role',
      header: t('users.columns.role'),
      cell: (user) => <RoleBadge role={user.role} />,
      className: 'hidden sm:table-cell',
    },
    {
      key: 'group',
      header: t('users.columns.group'),
      cell: (user) => <span className="font-mono text-xs text-muted-foreground">{user.group}</span>,
      className: 'hidden lg:table-cell',
    },
    {
      key: 'status',
      header: t('users.columns.status'),
      cell: (user) => <StatusBadge status={user.status} />,
      className: 'hidden md:table-cell',
    },
    {
      key: 'balance',
      header: t('users.columns.balance'),
      align: 'right',
      cell: (user) => <MoneyText units={user.balance} className={user.balance < 0 ? 'text-destructive' : undefined} />,
    },
    {
      key: 'reserved',
      header: t('users.columns.reserved'),
      align: 'right',
      cell: (user) =>
        user.reserved > 0 ? (
          <MoneyText units={user.reserved} className="text-muted-foreground" />
        ) : (
          <span className="text-muted-foreground">—</span>
        ),
      className: 'hidden lg:table-cell',
    },
    {
      key: 'created',
      header: t('users.columns.created'),
      cell: (user) => (
        <span className="whitespace-nowrap text-muted-foreground" title={formatDateTime(user.createdAt)}>
          {formatDate(user.createdAt)}
        </span>
      ),
      className: 'hidden xl:table-cell',
    },
    {
      key: 'updated',
      header: t('users.columns.updated'),
      cell: (user) => (
        <span className="whitespace-nowrap text-muted-foreground" title={formatDateTime(user.updatedAt)}>
          {formatRelative(user.updatedAt)}
        </span>
      ),
      className: 'hidden xl:table-cell',
    },
  ];

  const clearFilters = () => {
    setSearch('');
    update({ q: undefined, role: undefined, status: undefined, page: undefined });
  };

  return (
    <>
      <PageHeader
        title={t('users.title')}
        description={t('users.description')}
        actions={
          <>
            {ticked.size > 0 && (
              <Button variant="outline" onClick={() => setDialog('balance')}>
                <Wallet aria-hidden /> {t('users.bulkBalance', { count: ticked.size })}
              </Button>
            )}
            <Button onClick={() => setDialog('create')}>
              <UserPlus aria-hidden /> {t('users.create')}
            </Button>
          </>
        }
      />
      <Card>
        <div className="flex flex-col gap-3 border-b border-border p-4 sm:flex-row sm:items-center">
          <Input
            type="search"
            className="sm:w-80"
            leading={<Search />}
            placeholder={t('users.searchPlaceholder')}
            aria-label={t('users.searchLabel')}
            value={search}
            onChange={(event) => setSearch(event.target.value)}
          />
          <div className="grid grid-cols-2 gap-3 sm:flex">
            <Select
              aria-label={t('users.filters.role')}
              value={role}
              onChange={(event) => update({ role: event.target.value || undefined, page: undefined })}
              placeholder={t('users.filters.allRoles')}
              options={[
                { value: 'user', label: t('users.roles.user') },
                { value: 'admin', label: t('users.roles.admin') },
              ]}
              className="sm:w-40"
            />
            <Select
              aria-label={t('users.filters.status')}
              value={status}
              onChange={(event) => update({ status: event.target.value || undefined, page: undefined })}
              placeholder={t('users.filters.allStatuses')}
              options={[
                { value: 'active', label: t('users.statuses.active') },
                { value: 'disabled', label: t('users.statuses.disabled') },
              ]}
              className="sm:w-40"
            />
          </div>
          {list.data && (
            <p className="text-xs text-muted-foreground sm:ml-auto" aria-live="polite">
              {t('users.count', { count: list.data.total })}
            </p>
          )}
        </div>
        <Table
          label={t('users.tableLabel')}
          columns={columns}
          rows={list.data?.data}
          rowKey={(user) => user.id}
          loading={list.isPending}
          error={list.error}
          onRetry={() => void list.refetch()}
          onRowClick={(user) => update({ user: user.id })}
          className={list.isPlaceholderData ? 'relative opacity-60 transition-opacity' : 'relative'}
          empty={
            filtered
              ? {
                  icon: SearchX,
                  title: t('users.emptyFiltered.title'),
                  description: t('users.emptyFiltered.description'),
                  action: (
                    <Button variant="outline" size="sm" onClick={clearFilters}>
                      {t('users.emptyFiltered.clear')}
                    </Button>
                  ),
                }
              : { icon: Users, title: t('users.empty.title'), description: t('users.empty.description') }
          }
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
      <UserDrawer userId={selected} onClose={() => update({ user: undefined })} />
      <CreateUserDialog open={dialog === 'create'} onClose={() => setDialog(undefined)} />
      <BulkBalanceDialog
        open={dialog === 'balance'}
        onClose={() => {
          setDialog(undefined);
          setTicked(new Map());
        }}
        users={[...ticked].map(([id, email]) => ({ id, email }))}
      />
    </>
  );
}
