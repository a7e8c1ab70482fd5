import { useTranslation } from 'react-i18next';
import { cn } from '../../lib/cn';
import { formatTokens } from '../../lib/format';
import { formatPricePerMillion } from '../../lib/money';
import type { PriceSheet, SalePriceSheet } from './types';

export type PriceField = 'input' | 'output' | 'cacheRead' | 'cacheWrite';

/**
 * Your price and the official one for one token class, side by side: your price on top, the
 * official list price under it (struck through when yours is lower). Nothing known: a dash.
 */
export function PricePair({
  sale,
  official,
  field,
  className,
}: {
  sale: SalePriceSheet | null;
  official: PriceSheet | null;
  field: PriceField;
  className?: string;
}) {
  const { t } = useTranslation('models');
  const yours = sale?.[field];
  const list = official?.[field];
  if (yours === undefined && list === undefined) {
    return <span className={cn('text-muted-foreground', className)}>—</span>;
  }
  const differs = list !== undefined && yours !== undefined && list !== yours;
  return (
    <span className={cn('inline-flex flex-col items-end leading-tight tabular-nums', className)}>
      <span className="font-medium text-foreground">
        <span className="sr-only">{t('price.yours')}: </span>
        {yours === undefined ? '—' : formatPricePerMillion(yours)}
      </span>
      {list !== undefined && (
        <span
          className={cn('text-[11px] text-muted-foreground', differs && yours! < list && 'line-through')}
          title={t('price.officialTitle')}
        >
          <span className="sr-only">{t('price.official')}: </span>
          {formatPricePerMillion(list)}
        </span>
      )}
    </span>
  );
}

/** Long-context prices (`above 200K tokens: $6.00 in / $22.50 out`), one line per tier. */
export function tierLines(sale: PriceSheet | null): string[] {
  return (sale?.tiers ?? []).map(
    (tier) =>
      `> ${formatTokens(tier.aboveInputTokens)}: ${tier.input === undefined ? '—' : formatPricePerMillion(tier.input)} / ${
        tier.output === undefined ? '—' : formatPricePerMillion(tier.output)
      }`,
  );
}
