import { Infinity as InfinityIcon, Plus, Trash2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Button, Input, Tooltip } from '../../../components/ui';
import { cn } from '../../../lib/cn';
import { type FieldErrors, LIMIT_FIELDS, type LimitCell, type LimitField, type LimitRow, newLimitRow } from './form';

function LimitInput({
  value,
  onChange,
  label,
  error,
}: {
  value: LimitCell;
  onChange: (value: LimitCell) => void;
  label: string;
  error?: string;
}) {
  const { t } = useTranslation('manage');
  const unlimited = value === null;
  return (
    <div className="space-y-1">
      <Input
        aria-label={label}
        aria-invalid={error ? true : undefined}
        inputMode="numeric"
        disabled={unlimited}
        placeholder={unlimited ? t('settings.limits.unlimited') : t('settings.limits.keyLimit')}
        value={value ?? ''}
        onChange={(event) => onChange(event.target.value)}
        trailing={
          <Tooltip content={unlimited ? t('settings.limits.setLimit') : t('settings.limits.lift')}>
            <button
              type="button"
              aria-label={t('settings.limits.unlimitedLabel', { field: label })}
              aria-pressed={unlimited}
              onClick={() => onChange(unlimited ? '' : null)}
              className={cn(
                'flex size-7 cursor-pointer items-center justify-center rounded-md hover:bg-accent',
                unlimited ? 'text-primary' : 'text-muted-foreground',
              )}
            >
              <InfinityIcon className="size-4" />
            </button>
          </Tooltip>
        }
      />
      {error && (
        <p className="text-xs text-destructive" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** Rows of model id (or `*` glob) → requests/min, tokens/min, concurrency, applied per key. */
export function ModelLimitsEditor({
  rows,
  errors,
  onChange,
}: {
  rows: LimitRow[];
  errors: FieldErrors;
  onChange: (rows: LimitRow[]) => void;
}) {
  const { t } = useTranslation('manage');
  const update = (id: number, change: Partial<LimitRow>) =>
    onChange(rows.map((row) => (row.id === id ? { ...row, ...change } : row)));
  const fieldLabel = (field: LimitField) => t(`settings.limits.${field}`);

  return (
    <div className="space-y-3">
      {rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-border px-4 py-5 text-center text-sm text-muted-foreground">
          {t('settings.limits.empty')}
        </p>
      ) : (
        <div className="space-y-3">
          <div className="hidden grid-cols-[minmax(0,1.3fr)_repeat(3,minmax(0,1fr))_2.25rem] gap-2 text-xs font-medium text-muted-foreground lg:grid">
            <span>{t('settings.limits.pattern')}</span>
            {LIMIT_FIELDS.map((field) => (
              <span key={field}>{fieldLabel(field)}</span>
            ))}
            <span />
          </div>
          <ul className="space-y-3" aria-label={t('settings.limits.title')}>
            {rows.map((row) => (
              <li
                key={row.id}
                className="grid grid-cols-2 gap-2 rounded-lg border border-border p-3 lg:grid-cols-[minmax(0,1.3fr)_repeat(3,minmax(0,1fr))_2.25rem] lg:border-0 lg:p-0"
              >
                <div className="col-span-2 space-y-1 lg:col-span-1">
                  <Input
                    aria-label={t('settings.limits.pattern')}
                    aria-invalid={errors[`modelLimits.${row.id}.pattern`] ? true : undefined}
                    className="font-mono"
                    placeholder="gpt-4o*"
                    spellCheck={false}
                    value={row.pattern}
                    onChange={(event) => update(row.id, { pattern: event.target.value })}
                  />
                  {errors[`modelLimits.${row.id}.pattern`] && (
                    <p className="text-xs text-destructive" role="alert">
                      {errors[`modelLimits.${row.id}.pattern`]}
                    </p>
                  )}
                </div>
                {LIMIT_FIELDS.map((field) => (
                  <LimitInput
                    key={field}
                    label={`${fieldLabel(field)} — ${row.pattern || t('settings.limits.newRow')}`}
                    value={row[field]}
                    error={errors[`modelLimits.${row.id}.${field}`]}
                    onChange={(value) => update(row.id, { [field]: value })}
                  />
                ))}
                <Button
                  variant="ghost"
                  size="icon"
                  aria-label={t('settings.limits.remove', { pattern: row.pattern || t('settings.limits.newRow') })}
                  onClick={() => onChange(rows.filter((item) => item.id !== row.id))}
                  className="justify-self-end"
                >
                  <Trash2 />
                </Button>
              </li>
            ))}
          </ul>
        </div>
      )}
      <Button variant="outline" size="sm" onClick={() => onChange([...rows, newLimitRow()])}>
        <Plus />
        {t('settings.limits.add')}
      </Button>
    </div>
  );
}
