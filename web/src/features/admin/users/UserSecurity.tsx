import { Ban, CheckCircle2, KeyRound, Wand2 } from 'lucide-react';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Alert, Button, ConfirmDialog, CopyButton, Field, PasswordInput, useToast } from '../../../components/ui';
import { ApiError } from '../../../lib/api';
import { useAuth } from '../../../lib/auth';
import { errorMessage } from '../../../lib/errors';
import type { User } from '../../../lib/types';
import { BOOTSTRAP_ADMIN_ID, useUpdateUser } from './api';

const MIN_PASSWORD = 8;
const MAX_PASSWORD = 256;

/** A 20-character password from the browser's CSPRNG (no look-alike characters). */
function generatePassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
  const bytes = crypto.getRandomValues(new Uint8Array(20));
  return Array.from(bytes, (byte) => alphabet[byte % alphabet.length]).join('');
}

/** Password reset (ends the user's sessions) and disabling or enabling the account. */
export function UserSecurity({ user }: { user: User }) {
  const { t } = useTranslation(['manage', 'common']);
  const toast = useToast();
  const { user: me } = useAuth();
  const passwordUpdate = useUpdateUser(user.id);
  const statusUpdate = useUpdateUser(user.id);
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string>();
  const [confirmReset, setConfirmReset] = useState(false);
  const [confirmStatus, setConfirmStatus] = useState(false);
  const [lastSet, setLastSet] = useState<string>();

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new user starts with an empty form.
  useEffect(() => {
    setPassword('');
    setProblem(undefined);
    setLastSet(undefined);
  }, [user.id]);

  const locked = user.id === BOOTSTRAP_ADMIN_ID || user.id === me?.id;
  const disabling = user.status === 'active';

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (password.length < MIN_PASSWORD || password.length > MAX_PASSWORD) {
      setProblem(t('users.security.passwordLength', { min: MIN_PASSWORD, max: MAX_PASSWORD }));
      return;
    }
    setProblem(undefined);
    setConfirmReset(true);
  };

  const resetPassword = () =>
    passwordUpdate.mutate(
      { password },
      {
        onSuccess: () => {
          setConfirmReset(false);
          setLastSet(password);
          setPassword('');
          toast.success(t('users.security.resetDone'));
        },
        onError: () => setConfirmReset(false),
      },
    );

  const toggleStatus = () =>
    statusUpdate.mutate(
      { status: disabling ? 'disabled' : 'active' },
      {
        onSuccess: (updated) => {
          setConfirmStatus(false);
          toast.success(updated.status === 'active' ? t('users.security.enabled') : t('users.security.disabled'));
        },
        onError: (error) => {
          setConfirmStatus(false);
          toast.error(error);
        },
      },
    );

  const passwordError =
    problem ??
    (passwordUpdate.error instanceof ApiError && passwordUpdate.error.param === 'password'
      ? errorMessage(passwordUpdate.error)
      : undefined);
  const otherError = passwordUpdate.error && !passwordError ? passwordUpdate.error : undefined;

  return (
    <div className="space-y-5">
      {user.id === me?.id ? (
        <Alert variant="info" title={t('users.security.resetTitle')}>
          {t('users.security.selfText')}{' '}
          <Link to="/account" className="font-medium text-primary hover:underline">
            {t('users.security.selfLink')}
          </Link>
        </Alert>
      ) : (
        <form className="space-y-4 rounded-xl border border-border p-4" onSubmit={onSubmit} noValidate>
          <div className="flex items-start gap-3">
            <KeyRound className="mt-0.5 size-4 shrink-0 text-muted-foreground" aria-hidden />
            <div className="space-y-0.5">
              <h3 className="text-sm font-semibold">{t('users.security.resetTitle')}</h3>
              <p className="text-xs text-muted-foreground">
                {user.hasPassword ? t('users.security.resetText') : t('users.security.noPasswordText')}
              </p>
            </div>
          </div>
          {otherError && <Alert variant="danger">{errorMessage(otherError)}</Alert>}
          {lastSet && (
            <Alert
              variant="success"
              title={t('users.security.shareTitle')}
              action={<CopyButton value={lastSet} label={t('common:actions.copy')} variant="outline" />}
            >
              {t('users.security.shareText')}
            </Alert>
          )}
          <Field label={t('users.security.newPassword')} error={passwordError} hint={t('users.security.passwordHint')}>
            <PasswordInput
              autoComplete="new-password"
              value={password}
              maxLength={MAX_PASSWORD}
              onChange={(event) => setPassword(event.target.value)}
            />
          </Field>
          <div className="flex flex-wrap justify-end gap-2">
            <Button variant="outline" type="button" onClick={() => setPassword(generatePassword())}>
              <Wand2 />
              {t('users.security.generate')}
            </Button>
            <Button type="submit" disabled={!password}>
              {t('users.security.resetSubmit')}
            </Button>
          </div>
        </form>
      )}

      <div className="flex flex-col gap-3 rounded-xl border border-destructive/30 p-4 sm:flex-row sm:items-center sm:justify-between">
        <div className="space-y-0.5">
          <h3 className="text-sm font-semibold">
            {disabling ? t('users.security.disableTitle') : t('users.security.enableTitle')}
          </h3>
          <p className="text-xs text-muted-foreground">
            {locked
              ? t('users.security.lockedText')
              : disabling
                ? t('users.security.disableText')
                : t('users.security.enableText')}
          </p>
        </div>
        <Button
          variant={disabling ? 'danger' : 'outline'}
          disabled={locked && disabling}
          onClick={() => setConfirmStatus(true)}
        >
          {disabling ? <Ban /> : <CheckCircle2 />}
          {disabling ? t('users.security.disable') : t('users.security.enable')}
        </Button>
      </div>

      <ConfirmDialog
        open={confirmReset}
        onClose={() => setConfirmReset(false)}
        onConfirm={resetPassword}
        loading={passwordUpdate.isPending}
        danger
        title={t('users.security.confirmResetTitle')}
        description={t('users.security.confirmResetText', { user: user.email })}
        confirmLabel={t('users.security.resetSubmit')}
      />
      <ConfirmDialog
        open={confirmStatus}
        onClose={() => setConfirmStatus(false)}
        onConfirm={toggleStatus}
        loading={statusUpdate.isPending}
        danger={disabling}
        title={disabling ? t('users.security.confirmDisableTitle') : t('users.security.confirmEnableTitle')}
        description={
          disabling
            ? t('users.security.confirmDisableText', { user: user.email })
            : t('users.security.confirmEnableText', { user: user.email })
        }
        confirmLabel={disabling ? t('users.security.disable') : t('users.security.enable')}
      />
    </div>
  );
}
