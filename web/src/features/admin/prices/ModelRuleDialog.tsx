import { ArrowRight, X } from 'lucide-react';
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Alert,
  Badge,
  Button,
  Dialog,
  Field,
  FormFooter,
  Input,
  SegmentedControl,
  Select,
  useToast,
} from '../../../components/ui';
import { errorMessage } from '../../../lib/errors';
import { formatMoney, parseMoney } from '../../../lib/money';
import { useVendors } from '../../../lib/vendors';
import { listingFor, type ModelListing, useSavePriceRules } from './api';
import { ModelSearch } from './ModelSearch';
import { PercentInput } from './PercentInput';
import {
  type FixedPrices,
  formatPrice,
  type ModelRule,
  PPM,
  type PriceRules,
  parsePercent,
  ppmToPercentText,
  previewSale,
  priceText,
  ruleKey,
  splitRuleKey,
} from './pricing';
import { UnitPriceRowsEditor, type UnitRow, unitRowsFrom, withOfficialUnits } from './UnitPriceRowsEditor';
import { UnitPreviewRows } from './UnitPrices';

type Mode = 'multiplier' | 'fixed';
type Scope = 'all' | 'provider';
// Input and output are required unless the model is priced by the unit (images, seconds, actions:
// the server's rule is input+output or at least one per-unit price); the cache prices are optional
// (reads and writes then cost the input price, and a one-hour write the five-minute write price, as
// the server bills them), and so are image and audio tokens (they cost input and output when empty). A web
// search is priced per call the vendor runs (0 when left empty).
const FIXED_FIELDS = [
  'input',
  'output',
  'cacheRead',
  'cacheWrite',
  'cacheWrite1h',
  'inputImage',
  'outputImage',
  'inputAudio',
  'outputAudio',
  'perWebSearch',
] as const;
type FixedField = (typeof FIXED_FIELDS)[number];
const REQUIRED_FIELDS: ReadonlySet<FixedField> = new Set(['input', 'output']);
const emptyFixed: Record<FixedField, string> = {
  input: '',
  output: '',
  cacheRead: '',
  cacheWrite: '',
  cacheWrite1h: '',
  inputImage: '',
  outputImage: '',
  inputAudio: '',
  outputAudio: '',
  perWebSearch: '',
};

export interface ModelRuleDialogProps {
  open: boolean;
  onClose: () => void;
  rules: PriceRules;
  listings: readonly ModelListing[] | undefined;
  listingsLoading: boolean;
  providers: ReadonlySet<string>;
  /** The rule key being edited; undefined to add one. */
  editing?: string;
}

/** Adds or edits one model's price: a multiplier on the official price or a fixed price, with a live preview. */
export function ModelRuleDialog({
  open,
  onClose,
  rules,
  listings,
  listingsLoading,
  providers,
  editing,
}: ModelRuleDialogProps) {
  const { t } = useTranslation(['manage', 'common']);
  const toast = useToast();
  const vendors = useVendors();
  const save = useSavePriceRules();
  const [model, setModel] = useState<{ provider?: string; id: string }>();
  const [scope, setScope] = useState<Scope>('all');
  const [mode, setMode] = useState<Mode>('multiplier');
  const [percent, setPercent] = useState('100');
  const [fixed, setFixed] = useState<Record<FixedField, string>>(emptyFixed);
  const [units, setUnits] = useState<UnitRow[]>([]);
  const [group, setGroup] = useState('');
  const [problems, setProblems] = useState<Record<string, string>>({});

  // biome-ignore lint/correctness/useExhaustiveDependencies: fill the form when the dialog opens.
  useEffect(() => {
    if (!open) return;
    save.reset();
    setProblems({});
    setGroup('');
    const rule = editing ? rules.models[editing] : undefined;
    if (editing) {
      const key = splitRuleKey(editing, providers);
      setModel(key);
      setScope(key.provider ? 'provider' : 'all');
    } else {
      setModel(undefined);
      setScope('all');
    }
    setMode(rule?.fixed ? 'fixed' : 'multiplier');
    setPercent(ppmToPercentText(rule?.multiplierPpm ?? PPM));
    const filled = { ...emptyFixed };
    for (const field of FIXED_FIELDS) {
      const value = rule?.fixed?.[field];
      if (value !== undefined) filled[field] = priceText(value);
    }
    setFixed(filled);
    setUnits(unitRowsFrom(rule?.fixed?.perUnit, priceText));
  }, [open, editing]);

  const listing = model ? listingFor(model, listings, vendors) : undefined;
  // A model's official unit keys are offered as rows (empty: not sold until priced), once per model
  // picked, so a row the operator removes stays removed.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per listing, not per keystroke.
  useEffect(() => {
    if (open && listing?.official?.perUnit) setUnits((rows) => withOfficialUnits(rows, listing.official?.perUnit));
  }, [open, listing?.provider, listing?.id]);
  const provider = model?.provider ?? listing?.provider;
  const key = model ? ruleKey(scope === 'provider' ? provider : undefined, model.id) : undefined;

  const draftRule = useMemo((): ModelRule | undefined => {
    if (mode === 'multiplier') {
      const ppm = parsePercent(percent);
      return ppm === undefined ? undefined : { multiplierPpm: ppm };
    }
    const prices: FixedPrices = {};
    for (const field of FIXED_FIELDS) {
      const units = fixed[field].trim() ? parseMoney(fixed[field]) : undefined;
      if (units !== undefined && units >= 0) prices[field] = units;
    }
    const perUnit: Record<string, number> = {};
    for (const row of units) {
      const value = row.price.trim() ? parseMoney(row.price) : undefined;
      if (value !== undefined && value >= 0) perUnit[row.key] = value;
    }
    if (Object.keys(perUnit).length > 0) prices.perUnit = perUnit;
    return (prices.input !== undefined && prices.output !== undefined) || prices.perUnit
      ? { fixed: prices }
      : undefined;
  }, [mode, percent, fixed, units]);

  const groupPpm = group ? (rules.groups[group] ?? PPM) : PPM;
  const official = listing?.official ?? null;
  const preview = draftRule ? previewSale(official, draftRule, rules.globalMultiplierPpm, groupPpm) : undefined;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const next: Record<string, string> = {};
    if (!model || !key) next.model = t('prices.rule.errors.model');
    if (mode === 'multiplier' && parsePercent(percent) === undefined)
      next.percent = t('prices.multipliers.errors.percent');
    if (mode === 'fixed') {
      const pricedByUnit = units.some((row) => row.price.trim());
      for (const field of FIXED_FIELDS) {
        const text = fixed[field].trim();
        const value = text ? parseMoney(text) : undefined;
        if ((REQUIRED_FIELDS.has(field) && !text && !pricedByUnit) || (text && (value === undefined || value < 0))) {
          next[field] = t('prices.rule.errors.price');
        }
      }
      for (const row of units) {
        const text = row.price.trim();
        const value = text ? parseMoney(text) : undefined;
        if (text && (value === undefined || value < 0)) next[`unit:${row.key}`] = t('prices.rule.errors.price');
      }
    }
    if (key && key !== editing && rules.models[key]) next.model = t('prices.rule.errors.exists');
    setProblems(next);
    if (Object.keys(next).length || !draftRule || !key) return;
    const models = { ...rules.models };
    if (editing && editing !== key) delete models[editing];
    models[key] = draftRule;
    save.mutate(
      { ...rules, models },
      {
        onSuccess: () => {
          toast.success(t('prices.rule.saved', { model: key }));
          onClose();
        },
      },
    );
  };

  const row = (label: string, field: FixedField) => {
    const before = official?.[field];
    const after = preview?.[field];
    if (before === undefined && after === undefined) return null;
    return (
      <tr key={field} className="border-t border-border">
        <th scope="row" className="py-2 pr-3 text-left font-normal text-muted-foreground">
          {label}
        </th>
        <td className="py-2 pr-3 text-right tabular-nums text-muted-foreground">
          {before !== undefined ? formatPrice(before) : '—'}
        </td>
        <td className="w-6 py-2 text-muted-foreground">
          <ArrowRight className="size-3.5" aria-hidden />
        </td>
        <td className="py-2 text-right font-semibold tabular-nums" data-testid={`preview-${field}`}>
          {after !== undefined ? formatPrice(after) : '—'}
        </td>
      </tr>
    );
  };

  return (
    <Dialog
      open={open}
      onClose={save.isPending ? () => {} : onClose}
      size="lg"
      dismissible={false}
      title={editing ? t('prices.rule.editTitle') : t('prices.rule.addTitle')}
      description={t('prices.rule.description')}
      footer={
        <FormFooter formId="model-rule" saving={save.isPending} onCancel={onClose} submit={t('prices.rule.save')} />
      }
    >
      <form id="model-rule" className="space-y-5" onSubmit={onSubmit} noValidate>
        {save.error && <Alert variant="danger">{errorMessage(save.error)}</Alert>}
        <Field label={t('prices.rule.model')} error={problems.model} required>
          {model ? (
            <div className="flex min-h-9 items-center justify-between gap-2 rounded-lg border border-input bg-muted/40 px-3 py-1.5">
              <div className="min-w-0">
                <p className="truncate text-sm font-medium">{model.id}</p>
                <p className="text-xs text-muted-foreground">
                  {listing ? t('prices.rule.listedBy', { provider: listing.provider }) : t('prices.rule.notInCatalog')}
                </p>
              </div>
              <Button
                variant="ghost"
                size="icon-sm"
                aria-label={t('prices.rule.changeModel')}
                onClick={() => setModel(undefined)}
              >
                <X />
              </Button>
            </div>
          ) : (
            <ModelSearch
              listings={listings}
              loading={listingsLoading}
              label={t('prices.rule.model')}
              placeholder={t('prices.search.placeholder')}
              invalid={Boolean(problems.model)}
              allowCustom
              onSelect={(picked) => {
                setModel({ provider: picked.provider || undefined, id: picked.id });
                if (!picked.official) setMode('fixed');
              }}
            />
          )}
        </Field>

        {model && provider && (
          <Field label={t('prices.rule.scope')} hint={key ? t('prices.rule.ruleKey', { key }) : undefined}>
            <SegmentedControl<Scope>
              label={t('prices.rule.scope')}
              className="self-start"
              size="sm"
              value={scope}
              onChange={setScope}
              options={[
                { value: 'all', label: t('prices.rule.scopeAll') },
                { value: 'provider', label: t('prices.rule.scopeProvider', { provider }) },
              ]}
            />
          </Field>
        )}

        <div className="space-y-3">
          <SegmentedControl<Mode>
            label={t('prices.rule.mode')}
            value={mode}
            onChange={setMode}
            options={[
              { value: 'multiplier', label: t('prices.rule.modeMultiplier') },
              { value: 'fixed', label: t('prices.rule.modeFixed') },
            ]}
          />
          {mode === 'multiplier' ? (
            <Field
              label={t('prices.rule.percent')}
              hint={t('prices.rule.percentHint', { global: ppmToPercentText(rules.globalMultiplierPpm) })}
              error={problems.percent}
              className="sm:max-w-xs"
            >
              <PercentInput value={percent} onChange={(event) => setPercent(event.target.value)} />
            </Field>
          ) : (
            <div className="space-y-2">
              <div className="grid gap-3 sm:grid-cols-3">
                {FIXED_FIELDS.map((field) => (
                  <Field
                    key={field}
                    label={t(`prices.rule.fixed.${field}`)}
                    optional={!REQUIRED_FIELDS.has(field) || units.some((row) => row.price.trim() !== '')}
                    error={problems[field]}
                  >
                    <Input
                      inputMode="decimal"
                      leading={<span className="text-sm">$</span>}
                      placeholder="0.00"
                      value={fixed[field]}
                      onChange={(event) => setFixed({ ...fixed, [field]: event.target.value })}
                    />
                  </Field>
                ))}
              </div>
              <p className="text-xs text-muted-foreground">{t('prices.rule.fixedHint')}</p>
              <UnitPriceRowsEditor rows={units} onChange={setUnits} problems={problems} />
            </div>
          )}
        </div>

        <section className="rounded-xl border border-border bg-muted/30 p-4" aria-label={t('prices.rule.preview')}>
          <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
            <h3 className="text-sm font-semibold">{t('prices.rule.preview')}</h3>
            {Object.keys(rules.groups).length > 0 && (
              <Select
                aria-label={t('prices.rule.previewGroup')}
                className="w-48"
                value={group}
                onChange={(event) => setGroup(event.target.value)}
                placeholder={t('prices.rule.noGroup')}
                options={Object.entries(rules.groups).map(([name, ppm]) => ({
                  value: name,
                  label: `${name} · ${ppmToPercentText(ppm)}%`,
                }))}
              />
            )}
          </div>
          {!model ? (
            <p className="text-sm text-muted-foreground">{t('prices.rule.previewPick')}</p>
          ) : !preview ? (
            <p className="text-sm text-muted-foreground">
              {mode === 'multiplier' && !official
                ? t('prices.rule.previewNoOfficial')
                : t('prices.rule.previewIncomplete')}
            </p>
          ) : (
            <>
              <table className="w-full text-sm">
                <thead>
                  <tr className="text-xs text-muted-foreground">
                    <th scope="col" className="pb-1 text-left font-medium">
                      {t('prices.rule.perMillion')}
                    </th>
                    <th scope="col" className="pb-1 pr-3 text-right font-medium">
                      {t('prices.columns.official')}
                    </th>
                    <td />
                    <th scope="col" className="pb-1 text-right font-medium">
                      {t('prices.columns.sale')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {FIXED_FIELDS.map((field) => row(t(`prices.rule.fixed.${field}`), field))}
                  <UnitPreviewRows official={official?.perUnit} sale={preview.perUnit} />
                </tbody>
              </table>
              <p className="mt-3 flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
                <Badge variant={preview.source === 'fixed' ? 'info' : 'primary'}>
                  {preview.source === 'fixed' ? t('prices.source.fixed') : t('prices.source.multiplier')}
                </Badge>
                {preview.source === 'fixed'
                  ? t('prices.rule.formulaFixed', { group: ppmToPercentText(groupPpm) })
                  : t('prices.rule.formula', {
                      global: ppmToPercentText(rules.globalMultiplierPpm),
                      group: ppmToPercentText(groupPpm),
                      model: ppmToPercentText(draftRule?.multiplierPpm ?? PPM),
                      total: ppmToPercentText(preview.multiplierPpm),
                    })}
              </p>
              {preview.input !== undefined && preview.output !== undefined && (
                <p className="mt-1 text-xs text-muted-foreground">
                  {t('prices.rule.example', {
                    cost: formatMoney(Math.round((preview.input + preview.output) / 1000)),
                  })}
                </p>
              )}
            </>
          )}
        </section>
      </form>
    </Dialog>
  );
}
