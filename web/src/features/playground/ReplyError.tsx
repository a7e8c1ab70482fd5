import { AlertCircle, CreditCard, RotateCw } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Button, buttonClasses } from '../../components/ui';
import type { ReplyError as ErrorInfo } from './types';

type Kind =
  | 'insufficientBalance'
  | 'rateLimited'
  | 'priceUnknown'
  | 'modelUnavailable'
  | 'temporarilyUnavailable'
  | 'session'
  | 'network'
  | 'interrupted'
  | 'badRequest'
  | 'upstream'
  | 'generic';

/** The gateway's upstream account failed (its key, credit, region): nothing for the user to fix. */
const UPSTREAM_ACCOUNT_CODES = [
  'upstream_auth_error',
  'upstream_quota_exceeded',
  'upstream_account_error',
  'upstream_region_unsupported',
];

/** Kinds whose translated text says all there is: the server's English detail is not shown under it. */
const SAID_IN_FULL: ReadonlySet<Kind> = new Set([
  'insufficientBalance',
  'rateLimited',
  'priceUnknown',
  'modelUnavailable',
  'temporarilyUnavailable',
  'session',
]);

export function errorKind(error: ErrorInfo): Kind {
  const code = error.code ?? '';
  if (UPSTREAM_ACCOUNT_CODES.includes(code)) return 'temporarilyUnavailable';
  if (code === 'insufficient_balance' || error.status === 402) return 'insufficientBalance';
  if (error.status === 429) return 'rateLimited';
  if (code === 'model_price_unknown') return 'priceUnknown';
  if (['model_not_found', 'model_not_allowed', 'no_available_channel'].includes(code)) return 'modelUnavailable';
  if (error.status === 401) return 'session';
  if (error.status === 0) return 'network';
  if (error.status === 200) return 'interrupted';
  if (error.status === 400 || error.status === 413 || error.status === 422) return 'badRequest';
  if (error.status >= 500) return 'upstream';
  return 'generic';
}

/** Seconds left of a retry-after, ticking down. */
function useCountdown(error: ErrorInfo): number {
  const until = error.retryAfterSeconds !== null ? error.at + error.retryAfterSeconds * 1000 : 0;
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until <= Date.now()) return;
    const timer = window.setInterval(() => {
      setNow(Date.now());
      if (Date.now() >= until) window.clearInterval(timer);
    }, 500);
    return () => window.clearInterval(timer);
  }, [until]);
  return Math.max(0, Math.ceil((until - now) / 1000));
}

/** A failed reply, in the user's language, with what to do next (top up, wait, retry). */
export function ReplyError({ error, onRetry }: { error: ErrorInfo; onRetry?: () => void }) {
  const { t } = useTranslation('playground');
  const kind = errorKind(error);
  const wait = useCountdown(error);
  return (
    <div
      role="alert"
      className="mt-2 flex flex-col gap-2 rounded-lg border border-destructive/25 bg-destructive-soft/50 px-3.5 py-3 text-sm"
      data-testid="reply-error"
      data-error-kind={kind}
    >
      <div className="flex items-start gap-2.5">
        <AlertCircle className="mt-0.5 size-4 shrink-0 text-destructive" aria-hidden />
        <div className="min-w-0 flex-1 space-y-1">
          <p className="font-medium">{t(`errors.${kind}.title`)}</p>
          <p className="text-muted-foreground">
            {kind === 'rateLimited' && wait > 0
              ? t('errors.rateLimited.wait', { count: wait })
              : t(`errors.${kind}.text`)}
          </p>
          {error.message && !SAID_IN_FULL.has(kind) && (
            <p className="font-mono text-xs break-words text-muted-foreground/90">
              {error.status > 0 && error.status !== 200 ? `${error.status} · ` : ''}
              {error.message}
            </p>
          )}
          {error.requestId && (
            <p className="font-mono text-[11px] text-muted-foreground/80">
              {t('errors.requestId', { id: error.requestId })}
            </p>
          )}
        </div>
      </div>
      <div className="flex flex-wrap gap-2 pl-6.5">
        {kind === 'insufficientBalance' && (
          <Link to="/billing" className={buttonClasses('primary', 'sm')}>
            <CreditCard />
            {t('errors.topUp')}
          </Link>
        )}
        {onRetry && kind !== 'insufficientBalance' && kind !== 'priceUnknown' && (
          <Button variant="outline" size="sm" onClick={onRetry} disabled={wait > 0}>
            <RotateCw />
            {wait > 0 ? t('errors.retryIn', { count: wait }) : t('errors.retry')}
          </Button>
        )}
        {kind === 'session' && (
          <Button variant="outline" size="sm" onClick={() => window.location.reload()}>
            {t('errors.reload')}
          </Button>
        )}
      </div>
    </div>
  );
}
