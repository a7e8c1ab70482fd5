/**
 * Per-unit prices on the prices page: the readable name of a unit key ("Image 1024×1792 HD") and
 * its unit ("per image"), in the rules list (official → sale) and in the rule dialog's preview.
 */
import { ArrowRight } from 'lucide-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPrice, type PerUnitPrices } from './pricing';
import { sortedUnitKeys, type UnitWords, unitLabel } from './unit-keys';

/** The page's translations as the words unitLabel builds names from. */
export function useUnitWords(): UnitWords {
  const { t } = useTranslation('manage');
  return useMemo(
    () => ({
      kind: (kind) => t(`prices.units.kinds.${kind}`),
      quality: (quality) => t(`prices.units.quality.${quality}`),
      action: (action) => t(`prices.units.actions.${action}`),
      midjourney: (action) => t('prices.units.midjourney', { action }),
      per: (kind) => t(`prices.units.per.${kind}`),
    }),
    [t],
  );
}

/** The keys either sheet prices, in display order. */
export function unitKeysOf(...tables: (PerUnitPrices | null | undefined)[]): string[] {
  return sortedUnitKeys(new Set(tables.flatMap((table) => Object.keys(table ?? {}))));
}

/** "$0.08 per image" */
function UnitAmount({ units, per }: { units: number | undefined; per: string | undefined }) {
  if (units === undefined) return <span className="text-muted-foreground">—</span>;
  return (
    <>
      {formatPrice(units)}
      {per && <span className="text-xs font-normal text-muted-foreground"> {per}</span>}
    </>
  );
}

/**
 * The rules list's cell for a media model: each unit's official → sale price, the first few shown
 * (a Midjourney sheet has nine) and the rest counted.
 */
export function UnitPriceLines({
  official,
  sale,
  testId,
  limit = 3,
}: {
  official: PerUnitPrices | null | undefined;
  sale: PerUnitPrices | null | undefined;
  testId?: string;
  limit?: number;
}) {
  const { t } = useTranslation('manage');
  const words = useUnitWords();
  const keys = unitKeysOf(official, sale);
  if (keys.length === 0) return null;
  return (
    <ul className="mt-1 space-y-0.5 text-xs" data-testid={testId}>
      {keys.slice(0, limit).map((key) => {
        const label = unitLabel(key, words);
        return (
          <li key={key} className="whitespace-nowrap tabular-nums" data-unit={key}>
            <span className="text-muted-foreground">{label.name}: </span>
            {official?.[key] !== undefined && (
              <>
                <span className="text-muted-foreground">{formatPrice(official[key])}</span>
                <span className="text-muted-foreground"> → </span>
              </>
            )}
            <span className="font-medium">
              <UnitAmount units={sale?.[key]} per={label.per} />
            </span>
          </li>
        );
      })}
      {keys.length > limit && (
        <li className="text-muted-foreground">{t('prices.units.more', { count: keys.length - limit })}</li>
      )}
    </ul>
  );
}

/** The preview table's rows for per-unit prices: unit, official, arrow, sale (as its token rows). */
export function UnitPreviewRows({
  official,
  sale,
}: {
  official: PerUnitPrices | null | undefined;
  sale: PerUnitPrices | null | undefined;
}) {
  const words = useUnitWords();
  return (
    <>
      {unitKeysOf(official, sale).map((key) => {
        const label = unitLabel(key, words);
        return (
          <tr key={key} className="border-t border-border">
            <th scope="row" className="py-2 pr-3 text-left font-normal text-muted-foreground">
              {label.name}
            </th>
            <td className="py-2 pr-3 text-right tabular-nums text-muted-foreground">
              <UnitAmount units={official?.[key]} per={label.per} />
            </td>
            <td className="w-6 py-2 text-muted-foreground">
              <ArrowRight className="size-3.5" aria-hidden />
            </td>
            <td className="py-2 text-right font-semibold tabular-nums" data-testid={`preview-unit-${key}`}>
              <UnitAmount units={sale?.[key]} per={label.per} />
            </td>
          </tr>
        );
      })}
    </>
  );
}
