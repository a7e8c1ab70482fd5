import { X } from 'lucide-react';
import { type FormEvent, useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Dialog, Field, FormFooter, Input, useToast } from '../../../components/ui';
import { ApiError } from '../../../lib/api';
import { errorMessage } from '../../../lib/errors';
import { formatNumber } from '../../../lib/format';
import { parseMoney } from '../../../lib/money';
import { type CatalogOverride, type CatalogOverrideEntry, type ModelListing, useSetCatalogOverride } from './api';
import { ModelSearch } from './ModelSearch';
import { formatPrice, priceText } from './pricing';
import { UnitPriceRowsEditor } from './UnitPriceRowsEditor';
import { type UnitRow, unitRowsFrom, withOfficialUnits } from './unit-keys';

/** Token prices per 1M tokens; `perWebSearch` per search the vendor runs. */
const PRICE_FIELDS = ['input', 'output', 'cacheRead', 'cacheWrite', 'cacheWrite1h', 'perWebSearch'] as const;
type PriceField = (typeof PRICE_FIELDS)[number];
const COUNT_FIELDS = ['contextWindow', 'maxOutputTokens'] as const;
type TextField = PriceField | (typeof COUNT_FIELDS)[number] | 'deprecationDate';

type Texts = Record<TextField, string>;

function textsOf(override: CatalogOverride | undefined): Texts {
  const price = (units: number | undefined) => (units === undefined ? '' : priceText(units));
  return {
    input: price(override?.prices?.input),
    output: price(override?.prices?.output),
    cacheRead: price(override?.prices?.cacheRead),
    cacheWrite: price(override?.prices?.cacheWrite),
    cacheWrite1h: price(override?.prices?.cacheWrite1h),
    perWebSearch: price(override?.prices?.perWebSearch),
    contextWindow: override?.contextWindow === undefined ? '' : String(override.contextWindow),
    maxOutputTokens: override?.maxOutputTokens === undefined ? '' : String(override.maxOutputTokens),
    deprecationDate: override?.deprecationDate ?? '',
  };
}

export interface CatalogOverrideDialogProps {
  open: boolean;
  /** The override being edited; undefined to add one. */
  entry?: CatalogOverrideEntry;
  listings: readonly ModelListing[] | undefined;
  listingsLoading: boolean;
  onClose: () => void;
}

/**
 * Overrides fields of one catalog entry (official prices, limits, deprecation). Fields left empty
 * keep the catalog's value; fields of the override this form does not show are kept as they are.
 */
export function CatalogOverrideDialog({ open, entry, listings, listingsLoading, onClose }: CatalogOverrideDialogProps) {
  const { t } = useTranslation(['manage', 'common']);
  const toast = useToast();
  const save = useSetCatalogOverride();
  const providerListId = useId();
  const [provider, setProvider] = useState('');
  const [model, setModel] = useState('');
  const [picked, setPicked] = useState(false);
  const [texts, setTexts] = useState<Texts>(textsOf(undefined));
  const [units, setUnits] = useState<UnitRow[]>([]);
  const [problems, setProblems] = useState<Partial<Record<string, string>>>({});

  // biome-ignore lint/correctness/useExhaustiveDependencies: fill the form when the dialog opens.
  useEffect(() => {
    if (!open) return;
    save.reset();
    setProblems({});
    setProvider(entry?.provider ?? '');
    setModel(entry?.modelId ?? '');
    setPicked(Boolean(entry));
    setTexts(textsOf(entry?.override));
    setUnits(unitRowsFrom(entry?.override.prices?.perUnit, priceText));
  }, [open, entry]);

  const providers = useMemo(() => [...new Set(listings?.map((item) => item.provider))].sort(), [listings]);
  const base = listings?.find((item) => item.provider === provider && item.id === model);
  const catalogUnits = base?.official?.perUnit;
  // The entry's unit keys are offered empty ("keep"), once per entry picked.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per entry, not per keystroke.
  useEffect(() => {
    if (open && catalogUnits) setUnits((rows) => withOfficialUnits(rows, catalogUnits));
  }, [open, base?.provider, base?.id]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const next: typeof problems = {};
    const unitProblems: Record<string, string> = {};
    if (!/^[a-z0-9-]+$/.test(provider.trim())) next.provider = t('prices.catalog.errors.provider');
    if (!model.trim()) next.model = t('prices.rule.errors.model');
    const override: CatalogOverride = { ...(entry?.override ?? {}) };
    const prices: Record<string, unknown> = { ...(entry?.override.prices ?? {}) };
    for (const field of PRICE_FIELDS) {
      const text = texts[field].trim();
      if (!text) delete prices[field];
      else {
        const units = parseMoney(text);
        if (units === undefined || units < 0) next[field] = t('prices.rule.errors.price');
        else prices[field] = units;
      }
    }
    // An override's unit table replaces the catalog's whole: a row left empty keeps the catalog's
    // price for that key, a removed row is no longer sold, and no typed row drops the table.
    const perUnit: Record<string, number> = {};
    let typed = false;
    for (const row of units) {
      const text = row.price.trim();
      if (!text) {
        const kept = catalogUnits?.[row.key];
        if (kept !== undefined) perUnit[row.key] = kept;
        continue;
      }
      typed = true;
      const value = parseMoney(text);
      if (value === undefined || value < 0) unitProblems[`unit:${row.key}`] = t('prices.rule.errors.price');
      else perUnit[row.key] = value;
    }
    if (typed && Object.keys(perUnit).length) prices.perUnit = perUnit;
    else delete prices.perUnit;
    if (Object.keys(prices).length) override.prices = prices;
    else delete override.prices;
    for (const field of COUNT_FIELDS) {
      const text = texts[field].trim();
      if (!text) delete override[field];
      else if (/^\d+$/.test(text) && Number(text) > 0) override[field] = Number(text);
      else next[field] = t('prices.catalog.errors.count');
    }
    if (texts.deprecationDate) override.deprecationDate = texts.deprecationDate;
    else if (entry?.override.deprecationDate) override.deprecationDate = null;
    else delete override.deprecationDate;
    // A model the catalog lacks needs a complete entry: a chat model, billable once it has prices.
    if (!base && !entry) {
      override.mode ??= 'chat';
      if (!override.prices) override.pricesKnown = false;
    }
    setProblems({ ...next, ...unitProblems });
    if (Object.keys(next).length || Object.keys(unitProblems).length) return;
    save.mutate(
      { provider: provider.trim(), model: model.trim(), override },
      {
        onSuccess: () => {
          toast.success(t('prices.catalog.saved', { model: `${provider.trim()}/${model.trim()}` }));
          onClose();
        },
      },
    );
  };

  const param = save.error instanceof ApiError ? save.error.param : null;
  const fieldError = (field: keyof typeof problems) =>
    problems[field] ?? (param === field ? errorMessage(save.error) : undefined);
  const current = (field: TextField): string | undefined => {
    if (!base) return undefined;
    if ((PRICE_FIELDS as readonly string[]).includes(field)) {
      const units = base.official?.[field as PriceField];
      return units === undefined ? undefined : formatPrice(units);
    }
    if (field === 'contextWindow' || field === 'maxOutputTokens') {
      const value = base[field];
      return value === undefined ? undefined : formatNumber(value);
    }
    return base.deprecationDate;
  };
  const hint = (field: TextField) => {
    const value = current(field);
    return value ? t('prices.catalog.catalogValue', { value }) : undefined;
  };

  return (
    <Dialog
      open={open}
      onClose={save.isPending ? () => {} : onClose}
      size="lg"
      dismissible={false}
      title={entry ? t('prices.catalog.editTitle') : t('prices.catalog.addTitle')}
      description={t('prices.catalog.dialogDescription')}
      footer={
        <FormFooter
          formId="catalog-override"
          saving={save.isPending}
          onCancel={onClose}
          submit={t('common:actions.save')}
        />
      }
    >
      <form id="catalog-override" className="space-y-5" onSubmit={onSubmit} noValidate>
        {save.error && !['provider', 'model'].includes(param ?? '') && (
          <Alert variant="danger">{errorMessage(save.error)}</Alert>
        )}
        {picked ? (
          <div className="flex items-center justify-between gap-2 rounded-lg border border-input bg-muted/40 px-3 py-2">
            <div className="min-w-0">
              <p className="truncate text-sm font-medium">{model}</p>
              <p className="text-xs text-muted-foreground">
                {provider}
                {!base && ` · ${t('prices.rule.notInCatalog')}`}
              </p>
            </div>
            {!entry && (
              <Button
                variant="ghost"
                size="icon-sm"
                aria-label={t('prices.rule.changeModel')}
                onClick={() => {
                  setPicked(false);
                  setModel('');
                  setProvider('');
                }}
              >
                <X />
              </Button>
            )}
          </div>
        ) : (
          <div className="space-y-3">
            <Field label={t('prices.rule.model')} error={fieldError('model')} required>
              <ModelSearch
                listings={listings}
                loading={listingsLoading}
                label={t('prices.rule.model')}
                placeholder={t('prices.search.placeholder')}
                allowCustom
                onSelect={(item) => {
                  setModel(item.id);
                  setProvider(item.provider);
                  setPicked(Boolean(item.provider));
                }}
              />
            </Field>
            {model && (
              <div className="grid gap-3 sm:grid-cols-2">
                <Field label={t('prices.catalog.newModel')}>
                  <Input value={model} onChange={(event) => setModel(event.target.value)} spellCheck={false} />
                </Field>
                <Field label={t('prices.catalog.provider')} error={fieldError('provider')} required>
                  <Input
                    value={provider}
                    list={providerListId}
                    spellCheck={false}
                    placeholder="openai"
                    onChange={(event) => setProvider(event.target.value)}
                  />
                </Field>
                <datalist id={providerListId}>
                  {providers.map((name) => (
                    <option key={name} value={name} />
                  ))}
                </datalist>
                <p className="text-xs text-muted-foreground sm:col-span-2">{t('prices.catalog.newModelHint')}</p>
              </div>
            )}
          </div>
        )}

        <div className="space-y-2">
          <h3 className="text-sm font-semibold">{t('prices.catalog.pricesTitle')}</h3>
          <div className="grid gap-3 sm:grid-cols-3">
            {PRICE_FIELDS.map((field) => (
              <Field
                key={field}
                label={t(`prices.catalog.fields.${field}`)}
                hint={hint(field)}
                error={fieldError(field)}
              >
                <Input
                  inputMode="decimal"
                  leading={<span className="text-sm">$</span>}
                  placeholder={t('prices.catalog.keep')}
                  value={texts[field]}
                  onChange={(event) => setTexts({ ...texts, [field]: event.target.value })}
                />
              </Field>
            ))}
          </div>
          <UnitPriceRowsEditor
            rows={units}
            onChange={setUnits}
            problems={problems as Record<string, string>}
            placeholders={Object.fromEntries(
              Object.entries(catalogUnits ?? {}).map(([key, value]) => [key, formatPrice(value).replace('$', '')]),
            )}
            hint={t('prices.units.overrideHint')}
          />
        </div>
        <div className="grid gap-3 sm:grid-cols-3">
          {COUNT_FIELDS.map((field) => (
            <Field key={field} label={t(`prices.catalog.fields.${field}`)} hint={hint(field)} error={fieldError(field)}>
              <Input
                inputMode="numeric"
                placeholder={t('prices.catalog.keep')}
                value={texts[field]}
                onChange={(event) => setTexts({ ...texts, [field]: event.target.value })}
              />
            </Field>
          ))}
          <Field
            label={t('prices.catalog.fields.deprecationDate')}
            hint={hint('deprecationDate')}
            error={fieldError('deprecationDate')}
          >
            <Input
              type="date"
              value={texts.deprecationDate}
              onChange={(event) => setTexts({ ...texts, deprecationDate: event.target.value })}
            />
          </Field>
        </div>
      </form>
    </Dialog>
  );
}
