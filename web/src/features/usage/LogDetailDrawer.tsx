import { Check, CircleAlert, FileText, RotateCcw, Timer } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { MoneyText } from '../../components/MoneyText';
import { Alert, Badge, CopyButton, Drawer, ErrorState, Skeleton } from '../../components/ui';
import { useAuth } from '../../lib/auth';
import { cn } from '../../lib/cn';
import { formatDateTime, formatLatency, formatNumber } from '../../lib/format';
import { formatUnits } from './billed-units';
import { type KeyDisplay, KeyLabel, StatusBadge } from './log-display';
import { parseLoggedPrompt } from './logged-prompt';
import { tokenSplit } from './token-split';
import type { AttemptDetail, RequestLog } from './types';
import { useLog } from './usage-queries';

/** The outcome of a hedged attempt whose twin answered first (src/relay/hedged-attempts.ts). */
const HEDGE_LOST = 'hedge_lost';

export interface LogDetailDrawerProps {
  id: string | undefined;
  /** The row from the table, shown while the full record loads. */
  placeholder?: RequestLog;
  onClose: () => void;
  keyOf: (log: RequestLog) => KeyDisplay;
  userOf?: (userId: string | null) => string;
}

/** Everything logged about one request: timing, tokens, cost, each upstream attempt, the error, the text. */
export function LogDetailDrawer({ id, placeholder, onClose, keyOf, userOf }: LogDetailDrawerProps) {
  const { t } = useTranslation('usage');
  const query = useLog(id, placeholder);
  const log = query.data;
  return (
    <Drawer
      open={Boolean(id)}
      onClose={onClose}
      width="max-w-2xl"
      title={log ? log.modelRequested : t('detail.title')}
      description={log ? formatDateTime(log.createdAt) : undefined}
    >
      {query.error && !log ? (
        <ErrorState error={query.error} onRetry={() => query.refetch()} retrying={query.isFetching} />
      ) : !log ? (
        <div className="space-y-4" aria-busy="true">
          <Skeleton className="h-16 w-full" />
          <Skeleton className="h-40 w-full" />
          <Skeleton className="h-24 w-full" />
        </div>
      ) : (
        <LogDetail log={log} keyOf={keyOf} userOf={userOf} />
      )}
    </Drawer>
  );
}

function LogDetail({
  log,
  keyOf,
  userOf,
}: {
  log: RequestLog;
  keyOf: (log: RequestLog) => KeyDisplay;
  userOf?: (userId: string | null) => string;
}) {
  const { t } = useTranslation(['usage', 'common']);
  // What the request cost the operator is the operator's business: only admins see it (null for others).
  const { isAdmin } = useAuth();
  const yes = t('detail.yes');
  const no = t('detail.no');
  const attempts = log.attemptsDetail ?? [];
  const hasText = log.prompt !== null || log.output !== null;
  const split = tokenSplit(log);

  return (
    <div className="space-y-6 pb-4" data-testid="log-detail">
      <div className="grid grid-cols-2 gap-3 rounded-xl border border-border bg-muted/40 p-4 sm:grid-cols-4">
        <Headline label={t('detail.status')}>
          <StatusBadge log={log} />
        </Headline>
        <Headline label={t('detail.cost')}>
          <MoneyText units={log.cost} className="text-base" />
        </Headline>
        <Headline label={t('detail.latency')}>
          <span className="text-base font-medium tabular-nums">{formatLatency(log.latencyMs)}</span>
        </Headline>
        <Headline label={t('detail.tokens')}>
          <span className="text-base font-medium tabular-nums">
            {formatNumber(log.promptTokens)} / {formatNumber(log.completionTokens)}
          </span>
        </Headline>
      </div>

      <div className="flex items-center gap-2 rounded-lg border border-border px-3 py-2">
        <span className="shrink-0 text-xs text-muted-foreground">{t('detail.requestId')}</span>
        <code className="min-w-0 flex-1 truncate font-mono text-xs" data-testid="request-id">
          {log.id}
        </code>
        <CopyButton value={log.id} />
      </div>

      {(log.errorCode || log.errorMessage) && (
        <Alert variant="danger" title={log.errorCode ?? t('detail.error')}>
          <span className="break-words">{log.errorMessage ?? log.errorCode}</span>
        </Alert>
      )}

      <Section title={t('detail.attempts', { count: log.attempts })}>
        {attempts.length > 0 ? (
          <ol className="space-y-2" aria-label={t('detail.attemptsLabel')}>
            {attempts.map((attempt, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: attempts are in order and never change.
              <AttemptRow key={index} attempt={attempt} index={index} />
            ))}
          </ol>
        ) : (
          <p className="text-sm text-muted-foreground">
            {log.attempts === 0 ? t('detail.noAttempts') : t('detail.noAttemptDetail')}
          </p>
        )}
      </Section>

      <Section title={t('detail.request')}>
        <Fields>
          <FieldRow label={t('detail.time')}>{formatDateTime(log.createdAt)}</FieldRow>
          <FieldRow label={t('detail.modelRequested')} mono>
            {log.modelRequested}
          </FieldRow>
          <FieldRow label={t('detail.modelServed')} mono>
            {log.modelServed ?? '—'}
          </FieldRow>
          <FieldRow label={t('detail.provider')}>{log.provider ?? '—'}</FieldRow>
          {log.channel !== null && <FieldRow label={t('detail.channel')}>{log.channel}</FieldRow>}
          <FieldRow label={t('detail.key')}>
            <KeyLabel display={keyOf(log)} />
          </FieldRow>
          {userOf && <FieldRow label={t('detail.user')}>{userOf(log.userId)}</FieldRow>}
          <FieldRow label={t('detail.keyGroup')} mono>
            <span data-testid="detail-key-group">{log.keyGroup ?? '—'}</span>
          </FieldRow>
          <FieldRow label={t('detail.surface')}>{t(`surfaces.${log.surface}`)}</FieldRow>
          <FieldRow label={t('detail.endpoint')}>
            <span data-testid="detail-endpoint">{t(`endpoints.${log.endpoint}`)}</span>
          </FieldRow>
          {log.units && Object.keys(log.units).length > 0 && (
            <FieldRow label={t('detail.units')} mono>
              <span data-testid="detail-units">{formatUnits(log.units)}</span>
            </FieldRow>
          )}
          <FieldRow label={t('detail.stream')}>{log.stream ? yes : no}</FieldRow>
          <FieldRow label={t('detail.cachedResponse')}>{log.cachedResponse ? yes : no}</FieldRow>
          <FieldRow label={t('detail.finishReason')} mono>
            {log.finishReason ?? '—'}
          </FieldRow>
          <FieldRow label={t('detail.clientIp')} mono>
            {log.clientIp ?? '—'}
          </FieldRow>
        </Fields>
      </Section>

      <Section title={t('detail.usage')}>
        <Fields>
          <FieldRow label={t('detail.promptTokens')}>{formatNumber(log.promptTokens)}</FieldRow>
          <FieldRow label={t('detail.uncachedInput')}>{formatNumber(split.uncachedInput)}</FieldRow>
          <FieldRow label={t('detail.cacheRead')}>{formatNumber(split.cacheRead)}</FieldRow>
          <FieldRow label={t('detail.cacheWrite5m')}>{formatNumber(split.cacheWrite5m)}</FieldRow>
          <FieldRow label={t('detail.cacheWrite1h')}>{formatNumber(split.cacheWrite1h)}</FieldRow>
          <FieldRow label={t('detail.completionTokens')}>{formatNumber(log.completionTokens)}</FieldRow>
          <FieldRow label={t('detail.textOutput')}>{formatNumber(split.textOutput)}</FieldRow>
          <FieldRow label={t('detail.reasoningOutput')}>{formatNumber(split.reasoningOutput)}</FieldRow>
          {log.webSearchCalls > 0 && (
            <FieldRow label={t('detail.webSearchCalls')}>{formatNumber(log.webSearchCalls)}</FieldRow>
          )}
          <FieldRow label={t('detail.cost')}>
            <MoneyText units={log.cost} digits={6} />
          </FieldRow>
          {log.planDrawn > 0 && (
            <FieldRow label={t('detail.planDrawn')}>
              <span data-testid="log-detail-plan-drawn">
                <MoneyText units={log.planDrawn} digits={6} />
              </span>
            </FieldRow>
          )}
          {isAdmin && (
            <FieldRow label={t('detail.upstreamCost')}>
              <span data-testid="log-detail-upstream-cost" title={t('detail.upstreamCostHint')}>
                {log.upstreamCost === null ? (
                  <span className="text-muted-foreground">{t('detail.upstreamCostUnknown')}</span>
                ) : (
                  <MoneyText units={log.upstreamCost} digits={6} />
                )}
              </span>
            </FieldRow>
          )}
          {isAdmin && log.hedgeOverhead !== null && log.hedgeOverhead > 0 && (
            <FieldRow label={t('detail.hedgeOverhead')}>
              <span data-testid="log-detail-hedge-overhead" title={t('detail.hedgeOverheadHint')}>
                <MoneyText units={log.hedgeOverhead} digits={6} />
              </span>
            </FieldRow>
          )}
          <FieldRow label={t('detail.latency')}>{formatLatency(log.latencyMs)}</FieldRow>
          <FieldRow label={t('detail.ttft')}>{formatLatency(log.ttftMs)}</FieldRow>
        </Fields>
        {log.usageEstimated && <p className="mt-2 text-xs text-muted-foreground">{t('detail.estimated')}</p>}
      </Section>

      <Section title={t('detail.text')}>
        {hasText ? (
          <div className="space-y-3">
            <PromptBlock label={t('detail.prompt')} text={log.prompt} />
            <TextBlock label={t('detail.output')} text={log.output} />
          </div>
        ) : (
          <div className="flex items-start gap-2 rounded-lg border border-dashed border-border p-3 text-sm text-muted-foreground">
            <FileText className="mt-0.5 size-4 shrink-0" aria-hidden />
            <p>{t('detail.noText')}</p>
          </div>
        )}
      </Section>
    </div>
  );
}

function Headline({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0 space-y-1">
      <p className="text-xs text-muted-foreground">{label}</p>
      <div>{children}</div>
    </div>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="space-y-3">
      <h3 className="text-sm font-semibold">{title}</h3>
      {children}
    </section>
  );
}

function Fields({ children }: { children: ReactNode }) {
  return <dl className="grid grid-cols-1 gap-x-6 gap-y-2.5 text-sm sm:grid-cols-2">{children}</dl>;
}

function FieldRow({ label, children, mono }: { label: string; children: ReactNode; mono?: boolean }) {
  return (
    <div className="flex min-w-0 items-baseline justify-between gap-3 border-b border-border/60 pb-2 sm:block sm:border-0 sm:pb-0">
      <dt className="shrink-0 text-xs text-muted-foreground">{label}</dt>
      <dd className={cn('min-w-0 truncate text-right sm:mt-0.5 sm:text-left', mono && 'font-mono text-xs')}>
        {children}
      </dd>
    </div>
  );
}

function AttemptRow({ attempt, index }: { attempt: AttemptDetail; index: number }) {
  const { t } = useTranslation('usage');
  // Channel names and upstream key hints are the operator's business: only admins see them.
  const { isAdmin } = useAuth();
  const ok = attempt.outcome === 'ok';
  // A hedged attempt that lost the race to another one did not fail: it was cancelled.
  const lostHedge = attempt.outcome === HEDGE_LOST;
  return (
    <li
      className={cn(
        'flex gap-3 rounded-lg border p-3',
        ok || lostHedge ? 'border-border' : 'border-destructive/30 bg-destructive-soft/40',
      )}
      data-testid="attempt"
    >
      <div
        className={cn(
          'flex size-6 shrink-0 items-center justify-center rounded-full text-xs font-semibold',
          ok
            ? 'bg-success-soft text-success'
            : lostHedge
              ? 'bg-muted text-muted-foreground'
              : 'bg-destructive-soft text-destructive',
        )}
        aria-hidden
      >
        {ok ? (
          <Check className="size-3.5" />
        ) : lostHedge ? (
          <Timer className="size-3.5" />
        ) : (
          <CircleAlert className="size-3.5" />
        )}
      </div>
      <div className="min-w-0 flex-1 space-y-1">
        <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
          <span className="text-sm font-medium">{t('detail.attempt', { number: index + 1 })}</span>
          {isAdmin && <span className="text-sm text-muted-foreground">{attempt.channel}</span>}
          <Badge
            variant={ok ? 'success' : lostHedge ? 'outline' : 'danger'}
            title={lostHedge ? t('detail.hedgeLostHint') : undefined}
          >
            {ok ? t('detail.attemptOk') : lostHedge ? t('detail.hedgeLost') : attempt.outcome}
            {attempt.status !== undefined && <span className="tabular-nums">· {attempt.status}</span>}
          </Badge>
          {attempt.lastResort && (
            <Badge variant="warning" title={t('detail.lastResortHint')}>
              <RotateCcw className="size-3" aria-hidden />
              {t('detail.lastResort')}
            </Badge>
          )}
        </div>
        <p className="flex flex-wrap gap-x-3 text-xs text-muted-foreground">
          <span className="font-mono">{attempt.model}</span>
          {isAdmin && attempt.key && (
            <span>
              {t('detail.upstreamKey')} <span className="font-mono">{attempt.key}</span>
            </span>
          )}
          <span className="tabular-nums">{formatLatency(attempt.ms)}</span>
          {isAdmin && attempt.connectionWaitMs !== undefined && (
            <span className="tabular-nums" title={t('detail.connectionWaitHint')}>
              {t('detail.connectionWait', { time: formatLatency(attempt.connectionWaitMs) })}
            </span>
          )}
        </p>
        {isAdmin && attempt.detail && (
          <p className="break-words text-xs text-muted-foreground" data-testid="attempt-upstream-detail">
            {t('detail.upstreamSaid')} <span className="font-mono">{attempt.detail}</span>
          </p>
        )}
      </div>
    </li>
  );
}

function TextBlock({ label, text }: { label: string; text: string | null }) {
  const { t } = useTranslation('usage');
  return (
    <div className="overflow-hidden rounded-lg border border-border">
      <div className="flex items-center justify-between border-b border-border bg-muted/40 px-3 py-1.5">
        <span className="text-xs font-medium text-muted-foreground">{label}</span>
        {text && <CopyButton value={text} />}
      </div>
      <pre className="max-h-72 overflow-auto px-3 py-2 font-mono text-xs break-words whitespace-pre-wrap">
        {text ?? <span className="text-muted-foreground italic">{t('detail.notKept')}</span>}
      </pre>
    </div>
  );
}

function PromptBlock({ label, text }: { label: string; text: string | null }) {
  const messages = text ? parseLoggedPrompt(text) : undefined;
  if (!text || !messages) return <TextBlock label={label} text={text} />;
  return (
    <div className="overflow-hidden rounded-lg border border-border">
      <div className="flex items-center justify-between border-b border-border bg-muted/40 px-3 py-1.5">
        <span className="text-xs font-medium text-muted-foreground">{label}</span>
        <CopyButton value={text} />
      </div>
      <ol className="max-h-72 divide-y divide-border overflow-auto">
        {messages.map((message, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: messages are in order and never change.
          <li key={index} className="px-3 py-2">
            <p className="mb-0.5 text-[11px] font-semibold tracking-wide text-muted-foreground uppercase">
              {message.role}
            </p>
            <p className="font-mono text-xs break-words whitespace-pre-wrap">{message.text}</p>
          </li>
        ))}
      </ol>
    </div>
  );
}
