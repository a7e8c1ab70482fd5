/**
 * The fixed price's per-unit rows: one dollar field per unit key (the model's official keys are
 * offered empty), rows removed with their button, new keys typed and checked with the server's
 * own rule (useUnitKeyRule) before they are added.
 */
import { Plus, X } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Field, Input } from '../../../components/ui';
import { useUnitWords } from './UnitPrices';
import { type UnitRow, unitKeyTest, unitLabel, useUnitKeyRule, withOfficialUnits } from './unit-keys';

export { unitRowsFrom } from './unit-keys';
export { type UnitRow, withOfficialUnits };

export function UnitPriceRowsEditor({
  rows,
  onChange,
  problems,
  placeholders,
  hint,
}: {
  rows: readonly UnitRow[];
  onChange: (rows: UnitRow[]) => void;
  /** Errors by `unit:<key>`, from the dialog's check on submit. */
  problems: Readonly<Record<string, string>>;
  /** What an empty row means, by key (the catalog override: the catalog's price is kept). */
  placeholders?: Readonly<Record<string, string>>;
  /** Replaces the fixed price's explanation under the rows. */
  hint?: string;
}) {
  const { t } = useTranslation('manage');
  const words = useUnitWords();
  const rule = useUnitKeyRule();
  const [draft, setDraft] = useState('');
  const [draftProblem, setDraftProblem] = useState<string>();

  const add = () => {
    const key = draft.trim();
    const wellFormed = unitKeyTest(rule.data);
    if (!key || (wellFormed && !wellFormed(key))) {
      setDraftProblem(t('prices.units.errors.key'));
      return;
    }
    if (rows.some((row) => row.key === key)) {
      setDraftProblem(t('prices.units.errors.duplicate'));
      return;
    }
    setDraftProblem(undefined);
    setDraft('');
    onChange(withOfficialUnits(rows, { [key]: 0 }));
  };

  return (
    <section className="space-y-2 pt-2" aria-label={t('prices.units.title')}>
      <h4 className="text-sm font-medium">{t('prices.units.title')}</h4>
      {rows.length > 0 && (
        <ul className="space-y-2">
          {rows.map((row, index) => {
            const label = unitLabel(row.key, words);
            const error = problems[`unit:${row.key}`];
            return (
              <li key={row.key} className="grid grid-cols-[1fr_10rem_auto] items-start gap-2" data-unit-row={row.key}>
                <div className="min-w-0 pt-1.5">
                  <p className="truncate text-sm">
                    {label.name}
                    {label.per && <span className="ml-1 text-xs text-muted-foreground">{label.per}</span>}
                  </p>
                  <p className="truncate font-mono text-xs text-muted-foreground">{row.key}</p>
                </div>
                <div>
                  <Input
                    inputMode="decimal"
                    aria-label={t('prices.units.priceOf', { unit: label.name })}
                    aria-invalid={error ? true : undefined}
                    leading={<span className="text-sm">$</span>}
                    placeholder={placeholders?.[row.key] ?? '0.00'}
                    value={row.price}
                    onChange={(event) =>
                      onChange(
                        rows.map((other, at) => (at === index ? { ...other, price: event.target.value } : other)),
                      )
                    }
                  />
                  {error && <p className="mt-1 text-xs text-destructive">{error}</p>}
                </div>
                <Button
                  variant="ghost"
                  size="icon-sm"
                  className="mt-1"
                  aria-label={t('prices.units.remove', { unit: label.name })}
                  onClick={() => onChange(rows.filter((_, at) => at !== index))}
                >
                  <X />
                </Button>
              </li>
            );
          })}
        </ul>
      )}
      <div className="flex items-start gap-2">
        <Field label={t('prices.units.key')} error={draftProblem} className="flex-1">
          <Input
            className="font-mono"
            placeholder={t('prices.units.keyPlaceholder')}
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                add();
              }
            }}
          />
        </Field>
        <Button variant="secondary" size="sm" className="mt-7" onClick={add}>
          <Plus />
          {t('prices.units.add')}
        </Button>
      </div>
      <p className="text-xs text-muted-foreground">{hint ?? t('prices.units.hint')}</p>
    </section>
  );
}
