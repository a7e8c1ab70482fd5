import { ArrowRight, LogOut } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { MoneyText } from '../../components/MoneyText';
import { PageHeader } from '../../components/PageHeader';
import { Badge, Button, buttonClasses, Card, CardContent, CardHeader, CopyButton } from '../../components/ui';
import { useCurrentUser, useLogout } from '../../lib/auth';
import { formatDate } from '../../lib/format';
import { LinkedAccounts } from '../oauth/LinkedAccounts';
import { ChangePasswordForm } from './ChangePasswordForm';
import { LoginNotices } from './LoginNotices';
import { PasskeysCard } from './PasskeysCard';
import { TwoFactorCard } from './TwoFactorCard';

export function AccountPage() {
  const { t } = useTranslation('account');
  const user = useCurrentUser();
  const logout = useLogout();
  const available = user.balance - user.reserved;

  const rows: { label: string; value: React.ReactNode }[] = [
    { label: t('profile.email'), value: user.email },
    {
      label: t('profile.displayName'),
      value: user.displayName ?? <span className="text-muted-foreground">{t('profile.notSet')}</span>,
    },
    {
      label: t('profile.role'),
      value: <Badge variant={user.role === 'admin' ? 'primary' : 'neutral'}>{t(`profile.roles.${user.role}`)}</Badge>,
    },
    { label: t('profile.group'), value: <span className="font-mono text-xs">{user.group}</span> },
    {
      label: t('profile.userId'),
      value: (
        <span className="inline-flex items-center gap-1">
          <span className="font-mono text-xs">{user.id}</span>
          <CopyButton value={user.id} className="size-7" />
        </span>
      ),
    },
    { label: t('profile.memberSince'), value: formatDate(user.createdAt) },
  ];

  return (
    <>
      <PageHeader title={t('title')} description={t('subtitle')} />
      <LoginNotices />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card>
            <CardHeader title={t('profile.title')} />
            <CardContent>
              <dl className="divide-y divide-border">
                {rows.map((row) => (
                  <div
                    key={row.label}
                    className="grid grid-cols-1 gap-1 py-3 first:pt-0 last:pb-0 sm:grid-cols-3 sm:gap-4"
                  >
                    <dt className="text-sm text-muted-foreground">{row.label}</dt>
                    <dd className="text-sm sm:col-span-2">{row.value}</dd>
                  </div>
                ))}
              </dl>
            </CardContent>
          </Card>
          <ChangePasswordForm hasPassword={user.hasPassword} adminKeyWorks={user.id === 'usr_admin'} />
          <LinkedAccounts />
          <TwoFactorCard />
          <PasskeysCard />
        </div>
        <div className="space-y-6">
          <Card>
            <CardHeader title={t('balance.title')} />
            <CardContent className="space-y-4">
              <div>
                <MoneyText units={user.balance} digits={2} className="text-3xl font-semibold tracking-tight" />
                {user.reserved > 0 && (
                  <p className="mt-1 text-xs text-muted-foreground">
                    {t('balance.reserved')}: <MoneyText units={user.reserved} /> · {t('balance.available')}:{' '}
                    <MoneyText units={available} />
                  </p>
                )}
              </div>
              <div className="flex flex-wrap gap-2">
                <Link to="/billing" className={buttonClasses('primary', 'sm')}>
                  {t('balance.topUp')}
                </Link>
                <Link to="/billing" className={buttonClasses('ghost', 'sm')}>
                  {t('balance.history')}
                  <ArrowRight />
                </Link>
              </div>
            </CardContent>
          </Card>
          <Card>
            <CardHeader title={t('session.title')} description={t('session.description')} />
            <CardContent>
              <Button variant="outline" loading={logout.isPending} onClick={() => logout.mutate()}>
                <LogOut />
                {t('session.logout')}
              </Button>
            </CardContent>
          </Card>
        </div>
      </div>
    </>
  );
}
