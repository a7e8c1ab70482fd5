import { Plus, Trash2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Button, Input, Select } from '../../../components/ui';
import type { AllowanceUnit, AllowanceWindow } from './api';
import {
  ALLOWANCE_UNITS,
  ALLOWANCE_WINDOWS,
  type AllowanceRow,
  newAllowanceRow,
  type PlanFormError,
} from './plan-form';

export interface AllowanceEditorProps {
  rows: AllowanceRow[];
  onChange: (rows: AllowanceRow[]) => void;
  /** Problems by row id (translation keys under form.errors). */
  errors?: Record<number, PlanFormError>;
  /** The server's refusal of a row, already translated. */
  serverErrors?: Record<number, string>;
}

/** Rows of window × unit × limit; a window appears once (the add button offers the next free one). */
export function AllowanceEditor({ rows, onChange, errors = {}, serverErrors = {} }: AllowanceEditorProps) {
  const { t } = useTranslation('plansAdmin');
  const update = (id: number, change: Partial<AllowanceRow>) =>
    onChange(rows.map((row) => (row.id === id ? { ...row, ...change } : row)));
  const taken = rows.map((row) => row.window);
  return (
    <div className="space-y-2">
      {rows.length === 0 && <p className="text-xs text-muted-foreground">{t('form.noAllowances')}</p>}
      {rows.map((row) => {
        const code = errors[row.id];
        const error = code ? t(`form.errors.${code}`) : serverErrors[row.id];
        const windowName = t(`windows.${row.window}`);
        return (
          <div key={row.id} className="space-y-1" data-testid="allowance-row">
            <div className="flex flex-wrap gap-2 sm:flex-nowrap">
              <Select
                className="w-[calc(50%-0.25rem)] sm:w-36 sm:shrink-0"
                aria-label={t('form.window')}
                value={row.window}
                onChange={(event) => update(row.id, { window: event.target.value as AllowanceWindow })}
                options={ALLOWANCE_WINDOWS.map((window) => ({ value: window, label: t(`windows.${window}`) }))}
              />
              <Select
                className="w-[calc(50%-0.25rem)] sm:w-32 sm:shrink-0"
                aria-label={t('form.unit')}
                value={row.unit}
                onChange={(event) => update(row.id, { unit: event.target.value as AllowanceUnit })}
                options={ALLOWANCE_UNITS.map((unit) => ({ value: unit, label: t(`units.${unit}`) }))}
              />
              <div className="min-w-0 flex-1">
                <Input
                  aria-label={t('form.limit')}
                  aria-invalid={error ? true : undefined}
                  inputMode={row.unit === 'money' ? 'decimal' : 'numeric'}
                  leading={row.unit === 'money' ? <span className="text-sm">$</span> : undefined}
                  placeholder={
                    row.unit === 'money' ? t('form.limitMoneyPlaceholder') : t('form.limitTokensPlaceholder')
                  }
                  value={row.limit}
                  onChange={(event) => update(row.id, { limit: event.target.value })}
                />
              </div>
              <Button
                variant="ghost"
                size="icon"
                className="shrink-0"
                aria-label={t('form.removeAllowance', { window: windowName })}
                onClick={() => onChange(rows.filter((other) => other.id !== row.id))}
              >
                <Trash2 />
              </Button>
            </div>
            {error && (
              <p className="text-xs text-destructive" role="alert">
                {error}
              </p>
            )}
          </div>
        );
      })}
      <Button
        variant="outline"
        size="sm"
        disabled={rows.length >= ALLOWANCE_WINDOWS.length}
        onClick={() => onChange([...rows, newAllowanceRow(taken)])}
      >
        <Plus />
        {t('form.addAllowance')}
      </Button>
    </div>
  );
}
