import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Alert, Button, Field, Input } from '../../../components/ui';
import { errorMessage } from '../../../lib/errors';
import { AuthLayout } from '../AuthLayout';
import { emailProblem } from '../validation';
import { useAccountOptions, useRequestPasswordReset } from './email-api';

/** /forgot-password: asks for a reset link. The answer is the same whether or not the email has an account. */
export function ForgotPasswordPage() {
  const { t } = useTranslation(['mail', 'auth']);
  const options = useAccountOptions();
  const request = useRequestPasswordReset();
  const [email, setEmail] = useState('');
  const [problem, setProblem] = useState<string>();
  const [sentTo, setSentTo] = useState<string>();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const issue = emailProblem(email);
    setProblem(issue ? t(`auth:validation.${issue}`) : undefined);
    if (issue) return;
    const address = email.trim();
    request.mutate(address, { onSuccess: () => setSentTo(address) });
  };

  return (
    <AuthLayout title={t('forgot.title')} subtitle={t('forgot.subtitle')}>
      {sentTo ? (
        <Alert variant="success" title={t('forgot.sentTitle')}>
          {t('forgot.sent', { email: sentTo })}
        </Alert>
      ) : options.data?.passwordReset === false ? (
        <Alert variant="warning">{t('forgot.unavailable')}</Alert>
      ) : (
        <form className="space-y-4" onSubmit={onSubmit} noValidate>
          {request.error && <Alert variant="danger">{errorMessage(request.error)}</Alert>}
          <Field label={t('auth:fields.email')} error={problem}>
            <Input
              type="email"
              name="email"
              autoComplete="username"
              placeholder={t('auth:fields.emailPlaceholder')}
              value={email}
              onChange={(event) => setEmail(event.target.value)}
              autoFocus
            />
          </Field>
          <Button type="submit" className="w-full" size="lg" loading={request.isPending}>
            {t('forgot.submit')}
          </Button>
        </form>
      )}
      <p className="mt-6 text-center text-sm">
        <Link to="/login" className="font-medium text-primary hover:underline">
          {t('forgot.backToLogin')}
        </Link>
      </p>
    </AuthLayout>
  );
}
