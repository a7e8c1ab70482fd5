import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Alert,
  Button,
  Card,
  CardContent,
  CardFooter,
  CardHeader,
  Field,
  PasswordInput,
  useToast,
} from '../../components/ui';
import { ApiError } from '../../lib/api';
import { useChangePassword } from '../../lib/auth';
import { errorMessage } from '../../lib/errors';
import { PASSWORD_MIN_LENGTH } from '../auth/validation';

interface Problems {
  current?: string;
  next?: string;
  confirm?: string;
}

/** POST /api/auth/password: the current password and a new one (ends the other sessions). */
/**
 * `adminKeyWorks`: the bootstrap administrator, who may give the admin key as the current
 * password (also how it sets a first password).
 */
export function ChangePasswordForm({ hasPassword, adminKeyWorks }: { hasPassword: boolean; adminKeyWorks?: boolean }) {
  const { t } = useTranslation('account');
  const toast = useToast();
  const change = useChangePassword();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problems, setProblems] = useState<Problems>({});

  if (!hasPassword && !adminKeyWorks) {
    return (
      <Card>
        <CardHeader title={t('password.title')} />
        <CardContent>
          <Alert variant="info">{t('password.noPassword')}</Alert>
        </CardContent>
      </Card>
    );
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: Problems = {
      current: current ? undefined : t('password.required'),
      next: [...next].length < PASSWORD_MIN_LENGTH ? t('password.tooShort') : undefined,
      confirm: confirm !== next ? t('password.mismatch') : undefined,
    };
    setProblems(found);
    if (found.current || found.next || found.confirm) return;
    change.mutate(
      { currentPassword: current, newPassword: next },
      {
        onSuccess: () => {
          setCurrent('');
          setNext('');
          setConfirm('');
          toast.success(t('password.success'));
        },
      },
    );
  };

  const error = change.error;
  const currentWrong = error instanceof ApiError && error.param === 'currentPassword';
  const nextWrong = error instanceof ApiError && error.param === 'newPassword';
  return (
    <Card>
      <form onSubmit={onSubmit} noValidate>
        <CardHeader title={t('password.title')} description={t('password.description')} />
        <CardContent className="space-y-4">
          {error && !currentWrong && !nextWrong && <Alert variant="danger">{errorMessage(error)}</Alert>}
          {/* Lets password managers pair the new password with this account. */}
          <input type="text" name="username" autoComplete="username" hidden readOnly />
          <Field
            label={t('password.current')}
            {...(adminKeyWorks ? { hint: t('password.currentAdminHint') } : {})}
            error={problems.current ?? (currentWrong ? errorMessage(error) : undefined)}
          >
            <PasswordInput
              name="currentPassword"
              autoComplete="current-password"
              value={current}
              onChange={(event) => setCurrent(event.target.value)}
            />
          </Field>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field
              label={t('password.new')}
              hint={t('password.newHint')}
              error={problems.next ?? (nextWrong ? errorMessage(error) : undefined)}
            >
              <PasswordInput
                name="newPassword"
                autoComplete="new-password"
                value={next}
                onChange={(event) => setNext(event.target.value)}
              />
            </Field>
            <Field label={t('password.confirm')} error={problems.confirm}>
              <PasswordInput
                name="confirmPassword"
                autoComplete="new-password"
                value={confirm}
                onChange={(event) => setConfirm(event.target.value)}
              />
            </Field>
          </div>
        </CardContent>
        <CardFooter>
          <Button type="submit" loading={change.isPending}>
            {t('password.submit')}
          </Button>
        </CardFooter>
      </form>
    </Card>
  );
}
