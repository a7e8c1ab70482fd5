import { useTranslation } from 'react-i18next';
import { Alert, Button, useToast } from '../../../components/ui';
import { useAuth } from '../../../lib/auth';
import { useAccountOptions, useResendVerification } from './email-api';

/** Over every page while the signed-in user has not confirmed their address, with "send the link again". */
export function VerifyEmailBanner() {
  const { t } = useTranslation('mail');
  const { user } = useAuth();
  const options = useAccountOptions();
  const resend = useResendVerification();
  const toast = useToast();
  if (!user || user.emailVerified || options.data?.emailVerificationRequired !== true) return null;
  return (
    <Alert
      variant="warning"
      className="mx-4 mt-4 sm:mx-6 lg:mx-8"
      action={
        <Button
          size="sm"
          variant="outline"
          loading={resend.isPending}
          onClick={() =>
            resend.mutate(undefined, {
              onSuccess: () => toast.success(t('banner.resent', { email: user.email })),
              onError: (error) => toast.error(error),
            })
          }
        >
          {t('banner.resend')}
        </Button>
      }
    >
      {t(user.balance > 0 ? 'banner.text' : 'banner.textCredit', { email: user.email })}
    </Alert>
  );
}
