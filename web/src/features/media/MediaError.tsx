import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/ui';
import { ApiError } from '../../lib/api';
import { errorMessage } from '../../lib/errors';

/** A failed media request: the server's message (OpenAI's or midjourney-proxy's), in line. */
export function MediaError({ error }: { error: unknown }) {
  const { t } = useTranslation('media');
  if (!error) return null;
  const message = error instanceof ApiError || !(error instanceof Error) ? errorMessage(error) : error.message;
  return (
    <Alert variant="danger" title={t('failed')}>
      <span data-testid="media-error">{message}</span>
    </Alert>
  );
}
