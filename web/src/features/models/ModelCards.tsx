import { useTranslation } from 'react-i18next';
import { formatTokens } from '../../lib/format';
import { CapabilityBadges } from './CapabilityBadges';
import { ModelIdentity, UnknownPrice } from './ModelIdentity';
import { type PriceField, PricePair } from './ModelPrice';
import type { ModelRow } from './model-filter';

const FIELDS: PriceField[] = ['input', 'output', 'cacheRead', 'cacheWrite'];

/** The phone view: one card per model, prices in a small "yours | official" grid. */
export function ModelCards({ rows }: { rows: ModelRow[] }) {
  const { t } = useTranslation('models');
  return (
    <ul className="divide-y divide-border" aria-label={t('tableLabel')}>
      {rows.map((row) => {
        const fields = FIELDS.filter((field) => row.sale?.[field] !== undefined || row.official?.[field] !== undefined);
        return (
          <li key={row.key} className="space-y-3 px-4 py-4">
            <ModelIdentity row={row} />
            <CapabilityBadges capabilities={row.capabilities} />
            {!row.pricesKnown ? (
              <UnknownPrice />
            ) : (
              <dl className="grid grid-cols-[1fr_auto] gap-x-4 gap-y-1.5 text-sm">
                <dt className="text-xs text-muted-foreground">{t('price.perMillion')}</dt>
                <dd className="text-right text-[11px] text-muted-foreground">
                  {t('price.yours')} / {t('price.official')}
                </dd>
                {fields.map((field) => (
                  <div key={field} className="contents">
                    <dt className="text-muted-foreground">{t(`columns.${field}`)}</dt>
                    <dd className="text-right">
                      <PricePair sale={row.sale} official={row.official} field={field} />
                    </dd>
                  </div>
                ))}
              </dl>
            )}
            <p className="flex gap-4 text-xs text-muted-foreground">
              <span>
                {t('columns.context')}:{' '}
                <span className="font-medium text-foreground tabular-nums">{formatTokens(row.contextWindow)}</span>
              </span>
              <span>
                {t('columns.maxOutput')}:{' '}
                <span className="font-medium text-foreground tabular-nums">{formatTokens(row.maxOutputTokens)}</span>
              </span>
            </p>
          </li>
        );
      })}
    </ul>
  );
}
