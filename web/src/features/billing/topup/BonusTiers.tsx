import { Sparkles } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../../../lib/money';
import type { BonusTier } from './payment-types';
import { sortedTiers } from './topup-amount';

/** The operator's bonus tiers: "Pay $100, get $110". */
export function BonusTiers({ tiers }: { tiers: readonly BonusTier[] }) {
  const { t } = useTranslation('payments');
  const shown = sortedTiers(tiers);
  if (shown.length === 0) return null;
  return (
    <div className="space-y-1.5">
      <p className="flex items-center gap-1.5 text-sm font-medium">
        <Sparkles className="size-4 text-warning" aria-hidden />
        {t('bonus.title')}
      </p>
      <ul className="flex flex-wrap gap-2" data-testid="bonus-tiers">
        {shown.map((tier) => (
          <li
            key={tier.atLeast}
            className="rounded-full bg-warning-soft px-2.5 py-0.5 text-xs font-medium text-warning"
          >
            {t('bonus.tier', { pay: formatMoney(tier.atLeast), get: formatMoney(tier.atLeast + tier.bonus) })}
          </li>
        ))}
      </ul>
    </div>
  );
}
