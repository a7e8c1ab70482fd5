import { useTranslation } from 'react-i18next';
import { cn } from '../../lib/cn';
import { formatTokens } from '../../lib/format';
import { CapabilityBadges } from './CapabilityBadges';
import { ModelIdentity, UnknownPrice } from './ModelIdentity';
import { formatPrice, type PriceField, soldByUnit, UnitPricePair } from './ModelPrice';
import type { ModelRow } from './model-filter';

const FIELDS: PriceField[] = ['input', 'output', 'cacheRead', 'cacheWrite', 'cacheWrite1h'];

/** The phone view: one card per model, prices in a small "yours | official" table. */
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
            ) : soldByUnit(row.sale) ? (
              <UnitPricePair sale={row.sale} official={row.official} className="items-start" />
            ) : (
              <table className="w-full text-sm">
                <caption className="sr-only">{t('price.perMillion')}</caption>
                <thead>
                  <tr className="text-[11px] text-muted-foreground">
                    <th scope="col" className="pb-1 text-left font-normal">
                      {t('price.perMillion')}
                    </th>
                    <th scope="col" className="pb-1 text-right font-normal">
                      {t('price.yours')}
                    </th>
                    <th scope="col" className="pb-1 text-right font-normal">
                      {t('price.official')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {fields.map((field) => {
                    const yours = row.sale?.[field];
                    const official = row.official?.[field];
                    return (
                      <tr key={field}>
                        <th scope="row" className="py-0.5 text-left font-normal text-muted-foreground">
                          {t(`columns.${field}`)}
                        </th>
                        <td className="py-0.5 text-right font-medium tabular-nums">
                          {yours === undefined ? '—' : formatPrice(yours)}
                        </td>
                        <td
                          className={cn(
                            'py-0.5 text-right text-muted-foreground tabular-nums',
                            yours !== undefined && official !== undefined && yours < official && 'line-through',
                          )}
                        >
                          {official === undefined ? '—' : formatPrice(official)}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
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
