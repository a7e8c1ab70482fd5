import { Clock, Coins, Gauge, Hash } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Tooltip } from '../../components/ui';
import { formatLatency, formatNumber } from '../../lib/format';
import { formatMoney } from '../../lib/money';
import { tokenSplit } from '../usage/token-split';
import type { ReplyStats as Stats } from './types';

function Item({ icon, children, label }: { icon: ReactNode; children: ReactNode; label: string }) {
  return (
    <Tooltip content={label}>
      <span className="inline-flex items-center gap-1 [&_svg]:size-3" tabIndex={-1}>
        {icon}
        <span className="sr-only">{label}: </span>
        {children}
      </span>
    </Tooltip>
  );
}

/**
 * Under a reply: tokens in / out, what it cost (the estimate at once, then the logged charge),
 * time to first token and total time, and a link to its request-log row.
 */
export function ReplyStats({ stats }: { stats: Stats }) {
  const { t } = useTranslation('playground');
  const usage = stats.usage;
  // Replies kept in the session from before one-hour writes were reported have no such count.
  const split = usage && tokenSplit({ ...usage, cacheWrite1hTokens: usage.cacheWrite1hTokens ?? 0 });
  const cost = stats.loggedCost ?? stats.estimatedCost;
  const costLabel =
    stats.loggedCost !== null
      ? t('stats.charged')
      : stats.loggedState === 'pending'
        ? t('stats.estimatePending')
        : t('stats.estimate');
  return (
    <div
      className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-[11px] text-muted-foreground tabular-nums"
      data-testid="reply-stats"
    >
      {usage && (
        <Item icon={<Hash />} label={t('stats.tokensLabel')}>
          {t('stats.tokens', {
            input: formatNumber(usage.promptTokens),
            output: formatNumber(usage.completionTokens),
          })}
          {usage.reasoningTokens > 0 && (
            <span className="text-muted-foreground/80">
              {' '}
              {t('stats.reasoningTokens', { count: usage.reasoningTokens })}
            </span>
          )}
          {usage.cachedTokens > 0 && (
            <span className="text-muted-foreground/80"> {t('stats.cachedTokens', { count: usage.cachedTokens })}</span>
          )}
          {/* Cache writes by lifetime: a one-hour write is priced above a five-minute one. */}
          {split && split.cacheWrite5m > 0 && (
            <span className="text-muted-foreground/80" data-testid="reply-cache-write-5m">
              {' '}
              {t('stats.cacheWrite5mTokens', { value: formatNumber(split.cacheWrite5m) })}
            </span>
          )}
          {split && split.cacheWrite1h > 0 && (
            <span className="text-muted-foreground/80" data-testid="reply-cache-write-1h">
              {' '}
              {t('stats.cacheWrite1hTokens', { value: formatNumber(split.cacheWrite1h) })}
            </span>
          )}
        </Item>
      )}
      {cost !== null && (
        <Item icon={<Coins />} label={costLabel}>
          <span
            data-testid="reply-cost"
            data-cost-units={cost}
            data-cost-source={stats.loggedCost !== null ? 'log' : 'estimate'}
          >
            {formatMoney(cost)}
          </span>
          <span className={stats.loggedCost !== null ? 'text-success' : 'text-muted-foreground/80'}>
            {stats.loggedCost !== null ? t('stats.chargedShort') : t('stats.estimateShort')}
          </span>
        </Item>
      )}
      {stats.ttftMs !== null && (
        <Item icon={<Gauge />} label={t('stats.ttftLabel')}>
          {t('stats.ttft', { value: formatLatency(stats.ttftMs) })}
        </Item>
      )}
      {stats.totalMs !== null && (
        <Item icon={<Clock />} label={t('stats.totalLabel')}>
          {formatLatency(stats.totalMs)}
        </Item>
      )}
      {stats.requestId && (
        <Link
          to={`/logs/${encodeURIComponent(stats.requestId)}`}
          className="underline-offset-2 hover:text-foreground hover:underline"
        >
          {t('stats.viewLog')}
        </Link>
      )}
      {stats.droppedParams.length > 0 && (
        <span className="text-warning">{t('stats.dropped', { params: stats.droppedParams.join(', ') })}</span>
      )}
    </div>
  );
}
