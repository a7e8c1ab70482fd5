import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Alert, Button } from '../../components/ui';
import { useToast } from '../../components/ui/Toast';
import { formatDateTime } from '../../lib/format';
import { fetchLoginNoticesNow, useAcknowledgeLoginNotices, useLoginNotices } from './login-notices-api';

/**
 * Tells the owner that sign-ins to their account from new addresses were paused after repeated
 * failed attempts (someone may be guessing the password), until they dismiss it.
 */
export function LoginNotices() {
  const { t } = useTranslation('account');
  const notices = useLoginNotices();
  const acknowledge = useAcknowledgeLoginNotices();
  const toast = useToast();
  const list = notices.data?.data ?? [];
  if (list.length === 0) return null;
  return (
    <Alert
      variant="warning"
      className="mb-6"
      title={t('loginNotices.title')}
      action={
        <Button
          variant="outline"
          size="sm"
          loading={acknowledge.isPending}
          onClick={() => acknowledge.mutate(undefined, { onError: (error) => toast.error(error) })}
        >
          {t('loginNotices.dismiss')}
        </Button>
      }
    >
      <ul className="list-disc space-y-0.5 pl-4">
        {list.map((notice) => (
          <li key={notice.id}>
            {t('loginNotices.item', {
              attempts: notice.failedAttempts,
              start: formatDateTime(notice.startedAt),
              end: formatDateTime(notice.endsAt),
            })}
          </li>
        ))}
      </ul>
      <p className="mt-1">{t('loginNotices.advice')}</p>
    </Alert>
  );
}

/** After a sign-in (call it once signed in): a toast when sign-ins to the account were paused since the owner last looked. */
export function useLoginNoticeAnnouncement(): () => Promise<void> {
  const { t } = useTranslation('account');
  const queryClient = useQueryClient();
  const toast = useToast();
  return async () => {
    const notices = await fetchLoginNoticesNow(queryClient).catch(() => undefined);
    if (!notices?.data.length) return;
    toast.toast({
      variant: 'error',
      title: t('loginNotices.toastTitle'),
      description: t('loginNotices.toastText'),
      duration: 20_000,
    });
  };
}
