import { useTranslation } from 'react-i18next';
import { MoneyText } from '../../components/MoneyText';
import { Badge, type BadgeVariant } from '../../components/ui';
import type { KeySummary, RequestLog } from './types';

/** Small pieces shared by the log table, the detail drawer and the CSV export. */

export function statusVariant(status: number): BadgeVariant {
  if (status < 400) return 'success';
  if (status === 499) return 'neutral';
  if (status < 500) return 'warning';
  return 'danger';
}

/** `200`, `404 · model_not_found`. */
export function StatusBadge({ log, withCode }: { log: Pick<RequestLog, 'status' | 'errorCode'>; withCode?: boolean }) {
  const { t } = useTranslation('usage');
  const ok = log.status < 400;
  return (
    <Badge
      variant={statusVariant(log.status)}
      dot
      title={log.errorCode ?? undefined}
      aria-label={t(ok ? 'logs.status.okLabel' : 'logs.status.errorLabel', { status: log.status })}
      data-status={ok ? 'success' : 'error'}
    >
      <span className="tabular-nums">{log.status}</span>
      {withCode && log.errorCode && <span className="font-normal opacity-80">· {log.errorCode}</span>}
    </Badge>
  );
}

/** Marks a token count (count_tokens, countTokens): it costs nothing, and is no free generation. */
export function TokenCountBadge({ log }: { log: Pick<RequestLog, 'endpoint'> }) {
  const { t } = useTranslation('usage');
  if (log.endpoint !== 'count_tokens') return null;
  return (
    <Badge variant="info" className="mt-0.5 text-[11px]" data-testid="log-endpoint">
      {t('endpoints.count_tokens')}
    </Badge>
  );
}

/** What a request cost the balance; a plan badge says when a subscription plan covered it instead. */
export function LogCost({ log, className }: { log: Pick<RequestLog, 'cost' | 'planDrawn'>; className?: string }) {
  const { t } = useTranslation('usage');
  if (log.planDrawn <= 0) return <MoneyText units={log.cost} className={className} />;
  return (
    <span className="inline-flex items-center justify-end gap-1.5">
      <Badge variant="info" className="text-[11px]" data-testid="log-plan-drawn" title={t('logs.planDrawnTitle')}>
        {t('logs.plan')}
      </Badge>
      <MoneyText units={log.cost} className={className} />
    </span>
  );
}

export interface KeyDisplay {
  kind: 'playground' | 'key' | 'deleted' | 'none';
  name: string;
  hint?: string;
}

/** What to call the key a request used. */
export function keyDisplay(
  log: Pick<RequestLog, 'keyId' | 'keyKind'>,
  keys: Map<string, KeySummary>,
  labels: { playground: string; deleted: string; none: string },
): KeyDisplay {
  if (log.keyKind === 'playground') return { kind: 'playground', name: labels.playground };
  if (!log.keyId) return { kind: 'none', name: labels.none };
  const key = keys.get(log.keyId);
  if (!key) return { kind: 'deleted', name: labels.deleted, hint: log.keyId };
  return { kind: 'key', name: key.name || key.hint, hint: key.hint };
}

export function KeyLabel({ display }: { display: KeyDisplay }) {
  if (display.kind === 'playground') {
    return (
      <Badge variant="primary" className="font-medium">
        {display.name}
      </Badge>
    );
  }
  return (
    <span
      className={display.kind === 'key' ? 'block max-w-[10rem] truncate' : 'text-muted-foreground italic'}
      title={display.hint}
    >
      {display.name}
    </span>
  );
}

/** Whether a row was created today (then the table shows only the time). */
export function isToday(epochMs: number, now = new Date()): boolean {
  const date = new Date(epochMs);
  return (
    date.getFullYear() === now.getFullYear() && date.getMonth() === now.getMonth() && date.getDate() === now.getDate()
  );
}
