import { useTranslation } from 'react-i18next';
import { cn } from '../../lib/cn';
import { formatTokens } from '../../lib/format';
import { unitsToDecimal } from '../../lib/money';
import { type UnitPriceLine, unitPriceLine, useFormatUnitPrice } from '../../lib/unit-price';
import type { PriceSheet, SalePriceSheet } from './types';

/**
 * A price per 1M tokens, exact: at least 2 decimals, more when the price has them
 * ($3.00, $0.075, $1.125), never rounded (a $0.075 cache read is not $0.08).
 */
export function formatPrice(units: number): string {
  const [whole = '0', fraction = ''] = unitsToDecimal(Math.abs(units)).split('.');
  const sign = units < 0 ? '-' : '';
  return `${sign}$${Number(whole).toLocaleString('en-US')}.${fraction.padEnd(2, '0')}`;
}

export type PriceField = 'input' | 'output' | 'cacheRead' | 'cacheWrite' | 'cacheWrite1h';

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
        {yours === undefined ? '—' : formatPrice(yours)}
      </span>
      {list !== undefined && (
        <span
          className={cn('text-[11px] text-muted-foreground', differs && yours! < list && 'line-through')}
          title={t('price.officialTitle')}
        >
          <span className="sr-only">{t('price.official')}: </span>
          {formatPrice(list)}
        </span>
      )}
    </span>
  );
}

/** The price per unit of a sheet with no token price (per request, per image...), else undefined. */
export function soldByUnit(sheet: PriceSheet | null | undefined): UnitPriceLine | undefined {
  if (!sheet || sheet.input !== undefined || sheet.output !== undefined) return undefined;
  return unitPriceLine(sheet);
}

/**
 * A model sold by the unit with no token price (a fixed price per request, per image...): its
 * price per unit, yours on top and the official one under it, as PricePair does. Undefined for a
 * model priced by the token, which the per-token columns show.
 */
export function UnitPricePair({
  sale,
  official,
  className,
}: {
  sale: SalePriceSheet | null;
  official: PriceSheet | null;
  className?: string;
}) {
  const { t } = useTranslation('models');
  const formatUnitPrice = useFormatUnitPrice();
  const yours = soldByUnit(sale);
  if (!yours) return null;
  const list = soldByUnit(official);
  const shownList = list && (list.kind !== yours.kind || list.units !== yours.units) ? list : undefined;
  return (
    <span
      className={cn('inline-flex flex-col items-end leading-tight tabular-nums', className)}
      data-testid="unit-price"
    >
      <span className="font-medium whitespace-nowrap text-foreground">
        <span className="sr-only">{t('price.yours')}: </span>
        {formatUnitPrice(yours)}
      </span>
      {shownList && (
        <span
          className={cn(
            'text-[11px] whitespace-nowrap text-muted-foreground',
            shownList.kind === yours.kind && yours.units < shownList.units && 'line-through',
          )}
          title={t('price.officialTitle')}
        >
          <span className="sr-only">{t('price.official')}: </span>
          {formatUnitPrice(shownList)}
        </span>
      )}
    </span>
  );
}

/** Long-context prices (`above 200K tokens: $6.00 in / $22.50 out`), one line per tier. */
export function tierLines(sale: PriceSheet | null): string[] {
  return (sale?.tiers ?? []).map(
    (tier) =>
      `> ${formatTokens(tier.aboveInputTokens)}: ${tier.input === undefined ? '—' : formatPrice(tier.input)} / ${
        tier.output === undefined ? '—' : formatPrice(tier.output)
      }`,
  );
}
