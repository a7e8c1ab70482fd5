import { useTranslation } from 'react-i18next';
import { Select } from '../../components/ui';
import { cn } from '../../lib/cn';
import { useUsers } from './usage-queries';

/** Admins: narrow the page to one user (default: everyone). */
export function UserFilter({
  value,
  onChange,
  className,
}: {
  value: string | undefined;
  onChange: (userId: string | undefined) => void;
  className?: string;
}) {
  const { t } = useTranslation('usage');
  const users = useUsers();
  const options = (users.data ?? []).map((user) => ({
    value: user.id,
    label: user.displayName ? `${user.displayName} · ${user.email}` : user.email,
  }));
  if (value && !options.some((option) => option.value === value)) options.unshift({ value, label: value });
  return (
    <Select
      aria-label={t('filters.user')}
      placeholder={t('filters.allUsers')}
      options={options}
      value={value ?? ''}
      onChange={(event) => onChange(event.target.value || undefined)}
      className={cn('w-full sm:w-56', className)}
    />
  );
}
