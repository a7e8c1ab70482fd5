import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { Alert, Button, buttonClasses, Field, PasswordInput } from '../../../components/ui';
import { errorMessage } from '../../../lib/errors';
import { AuthLayout } from '../AuthLayout';
import { newPasswordProblem } from '../validation';
import { useConfirmPasswordReset } from './email-api';

/** /reset-password?token=…: sets a new password with the emailed link (ends every session). */
export function ResetPasswordPage() {
  const { t } = useTranslation(['mail', 'auth']);
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const confirmReset = useConfirmPasswordReset();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problems, setProblems] = useState<{ password?: string; confirm?: string }>({});

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const issue = newPasswordProblem(password);
    const next = {
      password: issue ? t(`auth:validation.${issue}`) : undefined,
      confirm: !issue && confirm !== password ? t('auth:validation.passwordMismatch') : undefined,
    };
    setProblems(next);
    if (next.password || next.confirm) return;
    confirmReset.mutate({ token, password });
  };

  return (
    <AuthLayout title={t('reset.title')} subtitle={t('reset.subtitle')}>
      {!token ? (
        <Alert variant="danger">{t('reset.missingToken')}</Alert>
      ) : confirmReset.isSuccess ? (
        <div className="space-y-4">
          <Alert variant="success" title={t('reset.doneTitle')}>
            {t('reset.done')}
          </Alert>
          <Link to="/login" className={buttonClasses('primary', 'lg', 'w-full')}>
            {t('reset.toLogin')}
          </Link>
        </div>
      ) : (
        <form className="space-y-4" onSubmit={onSubmit} noValidate>
          {confirmReset.error && <Alert variant="danger">{errorMessage(confirmReset.error)}</Alert>}
          <Field label={t('reset.password')} error={problems.password}>
            <PasswordInput
              name="new-password"
              autoComplete="new-password"
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              autoFocus
            />
          </Field>
          <Field label={t('reset.confirm')} error={problems.confirm}>
            <PasswordInput
              name="confirm-password"
              autoComplete="new-password"
              value={confirm}
              onChange={(event) => setConfirm(event.target.value)}
            />
          </Field>
          <Button type="submit" className="w-full" size="lg" loading={confirmReset.isPending}>
            {t('reset.submit')}
          </Button>
        </form>
      )}
      {!confirmReset.isSuccess && (
        <p className="mt-6 text-center text-sm">
          <Link to="/forgot-password" className="font-medium text-primary hover:underline">
            {t('reset.askAgain')}
          </Link>
        </p>
      )}
    </AuthLayout>
  );
}
