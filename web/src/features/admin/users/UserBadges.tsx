import { ShieldCheck } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../../components/ui';
import { cn } from '../../../lib/cn';
import type { User } from '../../../lib/types';

/** Two letters from the name or the email, on a colour picked from the id (stable per user). */
export function UserAvatar({
  user,
  size = 'md',
}: {
  user: Pick<User, 'id' | 'email' | 'displayName'>;
  size?: 'md' | 'lg';
}) {
  const source = (user.displayName?.trim() || user.email).replace(/[^\p{L}\p{N} ]/gu, ' ').trim();
  const words = source.split(/\s+/).filter(Boolean);
  const initials = (words.length > 1 ? `${words[0]![0]}${words[1]![0]}` : source.slice(0, 2)).toUpperCase();
  const tones = [
    'bg-primary-soft text-primary',
    'bg-info-soft text-info',
    'bg-success-soft text-success',
    'bg-warning-soft text-warning',
  ];
  let hash = 0;
  for (const char of user.id) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return (
    <span
      aria-hidden
      className={cn(
        'flex shrink-0 items-center justify-center rounded-full font-semibold',
        size === 'lg' ? 'size-11 text-sm' : 'size-8 text-xs',
        tones[hash % tones.length],
      )}
    >
      {initials || '?'}
    </span>
  );
}

export function UserIdentity({ user }: { user: User }) {
  return (
    <div className="flex min-w-0 items-center gap-3">
      <UserAvatar user={user} />
      <div className="min-w-0">
        <p className="truncate font-medium text-foreground">{user.displayName || user.email.split('@')[0]}</p>
        <p className="truncate text-xs text-muted-foreground">{user.email}</p>
        {(user.role === 'admin' || user.status === 'disabled') && (
          // The role and status columns are hidden on phones; the exceptions show here instead.
          <div className="mt-1 flex gap-1 sm:hidden">
            {user.role === 'admin' && <RoleBadge role={user.role} />}
            {user.status === 'disabled' && <StatusBadge status={user.status} />}
          </div>
        )}
      </div>
    </div>
  );
}

export function RoleBadge({ role }: { role: User['role'] }) {
  const { t } = useTranslation('manage');
  return role === 'admin' ? (
    <Badge variant="primary">
      <ShieldCheck className="size-3" aria-hidden />
      {t('users.roles.admin')}
    </Badge>
  ) : (
    <Badge variant="outline">{t('users.roles.user')}</Badge>
  );
}

export function StatusBadge({ status }: { status: User['status'] }) {
  const { t } = useTranslation('manage');
  return (
    <Badge variant={status === 'active' ? 'success' : 'danger'} dot>
      {t(`users.statuses.${status}`)}
    </Badge>
  );
}
