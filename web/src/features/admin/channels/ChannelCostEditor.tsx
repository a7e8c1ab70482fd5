import { Plus, Trash2 } from 'lucide-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Field, Input } from '../../../components/ui';
import { COST_PRICE_FIELDS, type CostForm, type CostModelRow, newCostRow, parseFactor } from './cost-form';

export interface ChannelCostEditorProps {
  form: CostForm;
  onChange: (form: CostForm) => void;
  /** Messages by place: `multiplier`, `<row id>.model`, `<row id>.<price field>`, `cost` (the whole). */
  errors: Record<string, string>;
  /** Upstream model ids the channel sends, offered when typing a row's model. */
  suggestions: readonly string[];
  readOnly: boolean;
}

/**
 * What the channel costs the operator: a factor of the official list price, and fixed prices
 * per upstream model in dollars per 1M tokens (or per request). Margins and `cheapest` routing read it.
 */
export function ChannelCostEditor({ form, onChange, errors, suggestions, readOnly }: ChannelCostEditorProps) {
  const { t } = useTranslation(['channels', 'common']);
  const ids = useId();
  const ppm = parseFactor(form.multiplier);
  const percent = ppm === undefined ? undefined : Number((ppm / 10_000).toFixed(4));

  const changeRow = (id: number, update: (row: CostModelRow) => CostModelRow) =>
    onChange({ ...form, models: form.models.map((row) => (row.id === id ? update(row) : row)) });

  return (
    <div className="space-y-4" data-testid="channel-cost">
      {errors.cost && (
        <p className="text-xs text-destructive" role="alert">
          {errors.cost}
        </p>
      )}
      <Field
        label={t('cost.multiplier')}
        error={errors.multiplier}
        hint={
          form.multiplier.trim() && percent !== undefined
            ? t('cost.multiplierMeans', { percent })
            : t('cost.multiplierHint')
        }
        optional
        className="sm:max-w-xs"
      >
        <Input
          inputMode="decimal"
          value={form.multiplier}
          onChange={(event) => onChange({ ...form, multiplier: event.target.value })}
          placeholder="1"
          trailing={<span className="pr-2 text-xs whitespace-nowrap text-muted-foreground">{t('cost.listPrice')}</span>}
          className="pr-24 tabular-nums"
          autoComplete="off"
        />
      </Field>

      <div className="space-y-2">
        <div className="space-y-0.5">
          <h4 className="text-sm font-medium">
            {t('cost.fixed')}
            <span className="ml-1 font-normal text-muted-foreground">({t('common:fields.optional')})</span>
          </h4>
          <p className="text-xs text-muted-foreground">{t('cost.fixedHint')}</p>
        </div>
        {suggestions.length > 0 && (
          <datalist id={`${ids}-models`}>
            {suggestions.map((model) => (
              <option key={model} value={model} />
            ))}
          </datalist>
        )}
        {form.models.map((row, index) => {
          const label = row.model.trim() || t('cost.modelNumber', { number: index + 1 });
          return (
            <fieldset
              key={row.id}
              className="space-y-3 rounded-lg border border-border bg-muted/30 p-3"
              aria-label={t('cost.rowLabel', { model: label })}
              data-testid="cost-model"
            >
              <div className="flex items-start gap-2">
                <Field label={t('cost.model')} error={errors[`${row.id}.model`]} className="min-w-0 flex-1">
                  <Input
                    value={row.model}
                    onChange={(event) => changeRow(row.id, (current) => ({ ...current, model: event.target.value }))}
                    placeholder="gpt-4o"
                    list={suggestions.length > 0 ? `${ids}-models` : undefined}
                    className="font-mono text-xs"
                    autoComplete="off"
                    spellCheck={false}
                  />
                </Field>
                {!readOnly && (
                  <Button
                    variant="ghost"
                    size="icon-sm"
                    className="mt-7"
                    aria-label={t('cost.removeModel', { model: label })}
                    onClick={() => onChange({ ...form, models: form.models.filter((item) => item.id !== row.id) })}
                  >
                    <Trash2 />
                  </Button>
                )}
              </div>
              <div className="grid grid-cols-2 gap-3 sm:grid-cols-3">
                {COST_PRICE_FIELDS.map((field) => (
                  <Field key={field} label={t(`cost.prices.${field}`)} error={errors[`${row.id}.${field}`]}>
                    <Input
                      inputMode="decimal"
                      value={row.prices[field]}
                      onChange={(event) =>
                        changeRow(row.id, (current) => ({
                          ...current,
                          prices: { ...current.prices, [field]: event.target.value },
                        }))
                      }
                      placeholder={field === 'input' || field === 'output' ? '0.00' : '—'}
                      leading={<span className="text-sm">$</span>}
                      className="tabular-nums"
                      autoComplete="off"
                    />
                  </Field>
                ))}
              </div>
              {Object.keys(row.kept).length > 0 && (
                <p className="text-xs text-muted-foreground">
                  {t('cost.keptPrices', { fields: Object.keys(row.kept).join(', ') })}
                </p>
              )}
            </fieldset>
          );
        })}
        {!readOnly && (
          <Button
            variant="outline"
            size="sm"
            onClick={() => onChange({ ...form, models: [...form.models, newCostRow()] })}
          >
            <Plus />
            {t('cost.addModel')}
          </Button>
        )}
      </div>
    </div>
  );
}
