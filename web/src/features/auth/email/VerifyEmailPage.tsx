import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { Alert, buttonClasses, Spinner } from '../../../components/ui';
import { meQueryKey } from '../../../lib/auth';
import { errorMessage } from '../../../lib/errors';
import { formatMoney } from '../../../lib/money';
import { AuthLayout } from '../AuthLayout';
import { useVerifyEmail } from './email-api';

/** /verify-email?token=…: confirms the address as soon as it opens (signed in or not). */
export function VerifyEmailPage() {
  const { t } = useTranslation('mail');
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const verify = useVerifyEmail();
  const queryClient = useQueryClient();
  const started = useRef(false);

  useEffect(() => {
    // Once: the token is single use, and React may run effects twice in development.
    if (!token || started.current) return;
    started.current = true;
    verify.mutate(token, { onSuccess: () => void queryClient.invalidateQueries({ queryKey: meQueryKey }) });
  }, [token, verify, queryClient]);

  return (
    <AuthLayout title={t('verify.title')} subtitle="">
      {!token ? (
        <Alert variant="danger">{t('verify.missingToken')}</Alert>
      ) : verify.isSuccess ? (
        <Alert variant="success" title={t('verify.doneTitle')}>
          {verify.data.trialCredit > 0
            ? t('verify.doneCredit', { amount: formatMoney(verify.data.trialCredit) })
            : t('verify.done')}
        </Alert>
      ) : verify.isError ? (
        <Alert variant="danger" title={t('verify.failedTitle')}>
          {errorMessage(verify.error)}
        </Alert>
      ) : (
        <p className="flex items-center gap-2 text-sm text-muted-foreground">
          <Spinner /> {t('verify.checking')}
        </p>
      )}
      <Link to="/" className={buttonClasses('outline', 'md', 'mt-6 w-full')}>
        {t('verify.continue')}
      </Link>
    </AuthLayout>
  );
}
