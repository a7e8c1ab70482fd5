import { AlertTriangle, RotateCw } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../lib/api';
import { cn } from '../../lib/cn';
import { errorMessage } from '../../lib/errors';
import { Button } from './Button';

export interface ErrorStateProps {
  /** The failure (an ApiError shows its translated message and request id). */
  error?: unknown;
  title?: ReactNode;
  /** Shows a "Try again" button. */
  onRetry?: () => void;
  retrying?: boolean;
  className?: string;
}

export function ErrorState({ error, title, onRetry, retrying, className }: ErrorStateProps) {
  const { t } = useTranslation();
  const requestId = error instanceof ApiError ? error.requestId : null;
  return (
    <div
      role="alert"
      className={cn('flex flex-col items-center justify-center gap-3 px-6 py-12 text-center', className)}
    >
      <div className="flex size-12 items-center justify-center rounded-xl bg-destructive-soft text-destructive">
        <AlertTriangle className="size-6" aria-hidden />
      </div>
      <div className="max-w-md space-y-1">
        <p className="text-sm font-semibold">{title ?? t('states.errorTitle')}</p>
        <p className="text-sm text-muted-foreground">{error ? errorMessage(error) : t('states.errorText')}</p>
        {requestId && (
          <p className="font-mono text-xs text-muted-foreground">{t('states.requestId', { id: requestId })}</p>
        )}
      </div>
      {onRetry && (
        <Button variant="outline" size="sm" onClick={onRetry} loading={retrying}>
          {!retrying && <RotateCw />}
          {t('actions.retry')}
        </Button>
      )}
    </div>
  );
}
