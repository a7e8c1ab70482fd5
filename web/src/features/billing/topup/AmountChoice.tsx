import { useTranslation } from 'react-i18next';
import { Field, Input } from '../../../components/ui';
import { cn } from '../../../lib/cn';
import { formatMoney } from '../../../lib/money';

export type AmountSelection = { kind: 'preset'; units: number } | { kind: 'custom'; text: string };

export interface AmountChoiceProps {
  presets: number[];
  selection: AmountSelection;
  onChange: (selection: AmountSelection) => void;
  /** Why the custom amount cannot be bought, already translated. */
  customError?: string;
  minAmount: number;
  maxAmount: number;
}

const optionClasses = (checked: boolean) =>
  cn(
    'h-11 cursor-pointer rounded-lg border text-sm font-semibold tabular-nums transition-colors',
    checked
      ? 'border-primary bg-primary-soft text-primary ring-1 ring-primary'
      : 'border-border bg-card hover:border-primary/50 hover:bg-accent',
  );

/** The operator's preset amounts as buttons, plus "Other" with a typed amount. */
export function AmountChoice({ presets, selection, onChange, customError, minAmount, maxAmount }: AmountChoiceProps) {
  const { t } = useTranslation('payments');
  const custom = selection.kind === 'custom';
  return (
    <div className="space-y-3">
      <div role="radiogroup" aria-label={t('amount.label')} className="grid grid-cols-3 gap-2 sm:grid-cols-4">
        {presets.map((units) => {
          const checked = selection.kind === 'preset' && selection.units === units;
          return (
            // biome-ignore lint/a11y/useSemanticElements: a styled radio button; role and aria-checked make it one.
            <button
              key={units}
              type="button"
              role="radio"
              aria-checked={checked}
              onClick={() => onChange({ kind: 'preset', units })}
              className={optionClasses(checked)}
            >
              {formatMoney(units)}
            </button>
          );
        })}
        {/* biome-ignore lint/a11y/useSemanticElements: a styled radio button; role and aria-checked make it one. */}
        <button
          type="button"
          role="radio"
          aria-checked={custom}
          onClick={() => onChange({ kind: 'custom', text: custom ? selection.text : '' })}
          className={optionClasses(custom)}
        >
          {t('amount.other')}
        </button>
      </div>
      {custom && (
        <Field
          label={t('amount.custom')}
          hint={t('amount.limits', { min: formatMoney(minAmount), max: formatMoney(maxAmount) })}
          error={customError}
        >
          <Input
            value={selection.text}
            onChange={(event) => onChange({ kind: 'custom', text: event.target.value })}
            inputMode="decimal"
            placeholder="25"
            autoComplete="off"
            maxLength={16}
            autoFocus
          />
        </Field>
      )}
    </div>
  );
}
