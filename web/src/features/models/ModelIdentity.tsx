import { useTranslation } from 'react-i18next';
import { Badge, CopyButton, Tooltip } from '../../components/ui';
import { formatTokens } from '../../lib/format';
import { tierLines } from './ModelPrice';
import type { ModelRow } from './model-filter';

/** Whether a `YYYY-MM-DD` retirement date has passed. */
function retired(date: string): boolean {
  const at = Date.parse(date);
  return Number.isFinite(at) && at <= Date.now();
}

/**
 * The model id with a copy button, its provider, its kind when not chat (chat is most rows: a
 * badge on each would say nothing), and whether it is routable, fixed-price, tiered or retiring.
 */
export function ModelIdentity({ row }: { row: ModelRow }) {
  const { t } = useTranslation('models');
  const tiers = tierLines(row.sale);
  return (
    <div className="min-w-0 space-y-1">
      <div className="flex items-center gap-0.5">
        <span className="font-mono text-[13px] font-medium break-all text-foreground">{row.id}</span>
        <Tooltip content={t('copyId')}>
          <CopyButton value={row.id} className="size-7 shrink-0 text-muted-foreground" />
        </Tooltip>
      </div>
      <div className="flex flex-wrap items-center gap-1.5 text-xs text-muted-foreground">
        <span>{row.provider}</span>
        {row.kind !== 'chat' && <Badge variant="neutral">{t(`kinds.${row.kind}`)}</Badge>}
        {row.available ? (
          <Badge variant="success" dot>
            {t('available')}
          </Badge>
        ) : (
          <Badge variant="outline">{t('notAvailable')}</Badge>
        )}
        {row.sale?.source === 'fixed' && <Badge variant="info">{t('price.fixed')}</Badge>}
        {tiers.length > 0 && (
          <Tooltip content={`${t('price.tiers')} ${tiers.join(' · ')}`}>
            <Badge variant="neutral" tabIndex={0}>
              {t('price.tiered', { tokens: formatTokens(row.sale?.tiers?.[0]?.aboveInputTokens ?? 0) })}
            </Badge>
          </Tooltip>
        )}
        {row.deprecationDate && (
          <Badge variant={retired(row.deprecationDate) ? 'danger' : 'warning'}>
            {t(retired(row.deprecationDate) ? 'retired' : 'deprecated', { date: row.deprecationDate })}
          </Badge>
        )}
      </div>
    </div>
  );
}

/** "Unknown price" when the model cannot be billed: requests to it would be refused. */
export function UnknownPrice() {
  const { t } = useTranslation('models');
  return (
    <Badge variant="warning" title={t('price.unknownHint')}>
      {t('price.unknown')}
    </Badge>
  );
}
