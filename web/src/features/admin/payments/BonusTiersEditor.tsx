import { Plus, Trash2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Button, Field, Input, SegmentedControl } from '../../../components/ui';
import { formatMoney } from '../../../lib/money';
import { type BonusKind, MAX_TIERS, newTierRow, parseCredit, type TierRow, tierBonusUnits } from './topup-form';

/** Bonus tiers as rows: "pay at least $X, get +$Y (or +Y% of X)"; the highest tier reached applies. */
export function BonusTiersEditor({
  rows,
  onChange,
  message,
}: {
  rows: TierRow[];
  onChange: (rows: TierRow[]) => void;
  message: (key: string) => string | undefined;
}) {
  const { t } = useTranslation('paymentsAdmin');
  const change = (id: number, patch: Partial<TierRow>) =>
    onChange(rows.map((row) => (row.id === id ? { ...row, ...patch } : row)));

  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-medium">{t('topUp.tiers')}</legend>
      <p className="text-xs text-muted-foreground">{t('topUp.tiersHint')}</p>
      {rows.length === 0 && <p className="text-sm text-muted-foreground">{t('topUp.noTiers')}</p>}
      <ul className="space-y-3">
        {rows.map((row, index) => {
          const atLeast = parseCredit(row.atLeast);
          const bonus = tierBonusUnits(row, atLeast);
          return (
            <li
              key={row.id}
              aria-label={t('topUp.tierLabel', { n: index + 1 })}
              className="grid items-start gap-3 rounded-lg border border-border p-3 sm:grid-cols-[1fr_1fr_auto_auto]"
            >
              <Field label={t('topUp.atLeast')} error={message(`tiers.${row.id}.atLeast`)}>
                <Input
                  leading="$"
                  inputMode="decimal"
                  value={row.atLeast}
                  onChange={(event) => change(row.id, { atLeast: event.target.value })}
                />
              </Field>
              <Field
                label={t('topUp.bonus')}
                error={message(`tiers.${row.id}.bonus`)}
                hint={
                  row.kind === 'percent' && bonus !== undefined
                    ? t('topUp.bonusIs', { amount: formatMoney(bonus) })
                    : undefined
                }
              >
                <Input
                  leading={row.kind === 'amount' ? '$' : '%'}
                  inputMode="decimal"
                  value={row.bonus}
                  onChange={(event) => change(row.id, { bonus: event.target.value })}
                />
              </Field>
              <SegmentedControl<BonusKind>
                className="sm:mt-6"
                size="sm"
                label={t('topUp.bonusKind')}
                value={row.kind}
                onChange={(kind) => change(row.id, { kind })}
                options={[
                  { value: 'amount', label: '$' },
                  { value: 'percent', label: '%' },
                ]}
              />
              <Button
                variant="ghost"
                size="icon-sm"
                className="sm:mt-6"
                aria-label={t('topUp.removeTier', { n: index + 1 })}
                onClick={() => onChange(rows.filter((item) => item.id !== row.id))}
              >
                <Trash2 />
              </Button>
            </li>
          );
        })}
      </ul>
      {message('bonusTiers') && (
        <p className="text-xs text-destructive" role="alert">
          {message('bonusTiers')}
        </p>
      )}
      <Button
        variant="outline"
        size="sm"
        disabled={rows.length >= MAX_TIERS}
        onClick={() => onChange([...rows, newTierRow()])}
      >
        <Plus />
        {t('topUp.addTier')}
      </Button>
    </fieldset>
  );
}
