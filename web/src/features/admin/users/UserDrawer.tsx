import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CopyButton, Drawer, ErrorState, Skeleton, TabPanel, Tabs } from '../../../components/ui';
import { formatDateTime } from '../../../lib/format';
import { AdjustBalanceForm } from './AdjustBalanceForm';
import { useUser } from './api';
import { UserAccessForm } from './UserAccessForm';
import { RoleBadge, StatusBadge, UserAvatar } from './UserBadges';
import { UserLedger } from './UserLedger';
import { UserSecurity } from './UserSecurity';

type Tab = 'balance' | 'ledger' | 'access' | 'security';

/** One user's details: balance and adjustments, ledger, role/group/status and limits, password reset. */
export function UserDrawer({ userId, onClose }: { userId: string | undefined; onClose: () => void }) {
  const { t } = useTranslation('manage');
  const user = useUser(userId);
  const [tab, setTab] = useState<Tab>('balance');
  const [highlight, setHighlight] = useState<string>();

  // A different user starts on the balance tab.
  useEffect(() => {
    if (userId) {
      setTab('balance');
      setHighlight(undefined);
    }
  }, [userId]);

  const data = user.data;
  return (
    <Drawer
      open={Boolean(userId)}
      onClose={onClose}
      width="max-w-2xl"
      title={data ? data.displayName || data.email : t('users.drawer.title')}
      description={data ? data.email : undefined}
    >
      {user.isPending ? (
        <div className="space-y-4" aria-busy>
          <Skeleton className="h-16 w-full" />
          <Skeleton className="h-9 w-2/3" />
          <Skeleton className="h-40 w-full" />
        </div>
      ) : user.error || !data ? (
        <ErrorState error={user.error} onRetry={() => void user.refetch()} retrying={user.isFetching} />
      ) : (
        <div className="space-y-5">
          <div className="flex flex-wrap items-center gap-3">
            <UserAvatar user={data} size="lg" />
            <div className="min-w-0 flex-1 space-y-1">
              <div className="flex flex-wrap items-center gap-2">
                <RoleBadge role={data.role} />
                <StatusBadge status={data.status} />
                <span className="rounded-md bg-muted px-1.5 py-0.5 font-mono text-xs text-muted-foreground">
                  {t('users.drawer.groupTag', { group: data.group })}
                </span>
              </div>
              <p className="flex items-center gap-1 text-xs text-muted-foreground">
                <span className="font-mono">{data.id}</span>
                <CopyButton value={data.id} size="icon-sm" className="size-6" />
                <span aria-hidden>·</span>
                <span>{t('users.drawer.joined', { date: formatDateTime(data.createdAt) })}</span>
              </p>
              <p className="flex items-center gap-3 text-sm">
                <Link className="text-primary hover:underline" to={`/logs?user=${encodeURIComponent(data.id)}`}>
                  {t('users.drawer.viewLogs')}
                </Link>
                <Link className="text-primary hover:underline" to={`/admin/keys?user=${encodeURIComponent(data.id)}`}>
                  {t('users.drawer.viewKeys')}
                </Link>
              </p>
            </div>
          </div>
          <div>
            <Tabs<Tab>
              label={t('users.drawer.tabsLabel')}
              value={tab}
              onChange={setTab}
              tabs={[
                { value: 'balance', label: t('users.drawer.tabs.balance') },
                { value: 'ledger', label: t('users.drawer.tabs.ledger') },
                { value: 'access', label: t('users.drawer.tabs.access') },
                { value: 'security', label: t('users.drawer.tabs.security') },
              ]}
            />
            <TabPanel>
              {tab === 'balance' && (
                <AdjustBalanceForm
                  user={data}
                  onShowEntry={(entryId) => {
                    setHighlight(entryId);
                    setTab('ledger');
                  }}
                />
              )}
              {tab === 'ledger' && <UserLedger userId={data.id} highlight={highlight} />}
              {tab === 'access' && <UserAccessForm user={data} />}
              {tab === 'security' && <UserSecurity user={data} />}
            </TabPanel>
          </div>
        </div>
      )}
    </Drawer>
  );
}
