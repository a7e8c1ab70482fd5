import { Brain, Check, ChevronsUpDown, Eye, Search, Wrench } from 'lucide-react';
import {
  type KeyboardEvent,
  memo,
  useCallback,
  useDeferredValue,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useTranslation } from 'react-i18next';
import { cn } from '../../lib/cn';
import { formatPricePerMillion } from '../../lib/money';
import { useFormatUnitPrice } from '../../lib/unit-price';
import { useVendorLabel } from '../../lib/vendors';
import { Badge, Dialog, ErrorState, Input, Select, Skeleton } from '../ui';
import {
  type Capability,
  filterModels,
  formatContextWindow,
  markProviderOf,
  PICKER_CAPABILITIES,
  type PickerModel,
  type PriceLine,
  priceLine,
  providerLabel,
  providersOf,
} from './model-list';

const CAPABILITY_ICONS = { vision: Eye, reasoning: Brain, tools: Wrench } as const;
/** Rows rendered at most; a narrower search shows the rest. */
const MAX_ROWS = 200;
/** Rows of the first paint (the rest follow a frame later, so the dialog opens at once). */
const FIRST_ROWS = 30;

export interface ModelPickerProps {
  models: readonly PickerModel[] | undefined;
  value: string | null;
  onChange: (model: string) => void;
  loading?: boolean;
  error?: unknown;
  onRetry?: () => void;
  /** Trigger look: `default` (a bordered box) or `compact` (a column header). */
  variant?: 'default' | 'compact';
  className?: string;
  disabled?: boolean;
}

/**
 * A button showing the chosen model that opens a searchable list: filter by provider and
 * capability, with context window and price per 1M tokens on each row. Keyboard: type to search,
 * arrows to move, Enter to choose, Escape to close.
 */
export function ModelPicker({
  models,
  value,
  onChange,
  loading,
  error,
  onRetry,
  variant = 'default',
  className,
  disabled,
}: ModelPickerProps) {
  const { t } = useTranslation('playground');
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        disabled={disabled}
        aria-haspopup="dialog"
        aria-label={value ? t('modelPicker.triggerLabel', { model: value }) : t('modelPicker.choose')}
        onClick={() => setOpen(true)}
        className={cn(
          'group inline-flex min-w-0 cursor-pointer items-center gap-2 rounded-lg text-left text-sm transition-colors disabled:cursor-not-allowed disabled:opacity-60',
          variant === 'default'
            ? 'h-9 border border-input bg-card px-3 shadow-soft hover:bg-accent'
            : 'h-8 px-2 hover:bg-accent',
          className,
        )}
      >
        {value ? <ProviderMark provider={markProviderOf(models, value)} /> : null}
        <span className="min-w-0 flex-1 truncate font-medium">
          {value ?? (loading ? t('modelPicker.loading') : t('modelPicker.choose'))}
        </span>
        <ChevronsUpDown className="size-4 shrink-0 text-muted-foreground" aria-hidden />
      </button>
      {open && (
        <ModelPickerDialog
          models={models}
          value={value}
          loading={loading}
          error={error}
          onRetry={onRetry}
          onClose={() => setOpen(false)}
          onChange={(model) => {
            onChange(model);
            setOpen(false);
          }}
        />
      )}
    </>
  );
}

function ModelPickerDialog({
  models,
  value,
  loading,
  error,
  onRetry,
  onClose,
  onChange,
}: Pick<ModelPickerProps, 'models' | 'value' | 'loading' | 'error' | 'onRetry' | 'onChange'> & {
  onClose: () => void;
}) {
  const { t } = useTranslation('playground');
  const [query, setQuery] = useState('');
  const [provider, setProvider] = useState<string>('');
  const [capabilities, setCapabilities] = useState<Capability[]>([]);
  const [active, setActive] = useState(0);
  const deferredQuery = useDeferredValue(query);
  const listId = useId();
  const list = useRef<HTMLDivElement>(null);
  // Stable for the memoised rows, though the page may re-render (a reply streaming behind).
  const changeRef = useRef(onChange);
  changeRef.current = onChange;
  const select = useCallback((model: string) => changeRef.current(model), []);

  const providerName = useVendorLabel(providerLabel);
  const all = models ?? [];
  const providers = useMemo(() => providersOf(all), [all]);
  const matches = useMemo(
    () => filterModels(all, { query: deferredQuery, provider: provider || null, capabilities }),
    [all, deferredQuery, provider, capabilities],
  );
  const [limit, setLimit] = useState(FIRST_ROWS);
  useEffect(() => {
    const frame = window.requestAnimationFrame(() => setLimit(MAX_ROWS));
    return () => window.cancelAnimationFrame(frame);
  }, []);
  const selectedIndex = matches.findIndex((model) => model.id === value);
  const shown = matches.slice(0, Math.max(limit, selectedIndex + 10));

  // Start on the current model; a new search starts at the top.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only when the result set changes, not on each render
  useEffect(() => {
    const index = shown.findIndex((model) => model.id === value);
    setActive(index >= 0 && !deferredQuery ? index : 0);
  }, [deferredQuery, provider, capabilities, models]);

  useEffect(() => {
    list.current?.querySelector(`[data-index="${active}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const toggleCapability = (capability: Capability) =>
    setCapabilities((current) =>
      current.includes(capability) ? current.filter((item) => item !== capability) : [...current, capability],
    );

  const onKeyDown = (event: KeyboardEvent) => {
    if (shown.length === 0) return;
    let next = active;
    if (event.key === 'ArrowDown') next = Math.min(shown.length - 1, active + 1);
    else if (event.key === 'ArrowUp') next = Math.max(0, active - 1);
    else if (event.key === 'PageDown') next = Math.min(shown.length - 1, active + 8);
    else if (event.key === 'PageUp') next = Math.max(0, active - 8);
    else if (event.key === 'Enter') {
      event.preventDefault();
      const model = shown[active];
      if (model) onChange(model.id);
      return;
    } else return;
    event.preventDefault();
    setActive(next);
  };

  const optionId = (index: number) => `${listId}-option-${index}`;

  return (
    <Dialog
      open
      onClose={onClose}
      size="lg"
      title={t('modelPicker.title')}
      description={models ? t('modelPicker.description', { count: all.length }) : undefined}
    >
      <div className="space-y-3">
        <div className="flex flex-col gap-2 sm:flex-row">
          <div className="min-w-0 flex-1">
            <Input
              data-autofocus
              role="combobox"
              aria-expanded
              aria-controls={listId}
              aria-activedescendant={shown.length > 0 ? optionId(active) : undefined}
              aria-autocomplete="list"
              aria-label={t('modelPicker.search')}
              placeholder={t('modelPicker.searchPlaceholder')}
              leading={<Search />}
              value={query}
              onChange={(event) => setQuery(event.target.value)}
              onKeyDown={onKeyDown}
              autoComplete="off"
              spellCheck={false}
            />
          </div>
          <Select
            aria-label={t('modelPicker.provider')}
            className="sm:w-48"
            value={provider}
            onChange={(event) => setProvider(event.target.value)}
            options={[
              { value: '', label: t('modelPicker.allProviders', { count: all.length }) },
              ...providers.map((item) => ({
                value: item.provider,
                label: `${providerName(item.provider)} (${item.count})`,
              })),
            ]}
          />
        </div>
        <fieldset className="flex flex-wrap items-center gap-1.5">
          <legend className="sr-only">{t('modelPicker.capabilities')}</legend>
          {PICKER_CAPABILITIES.map((capability) => {
            const Icon = CAPABILITY_ICONS[capability];
            const on = capabilities.includes(capability);
            return (
              <button
                key={capability}
                type="button"
                aria-pressed={on}
                onClick={() => toggleCapability(capability)}
                className={cn(
                  'inline-flex h-7 cursor-pointer items-center gap-1.5 rounded-full border px-2.5 text-xs font-medium transition-colors',
                  on
                    ? 'border-primary/40 bg-primary-soft text-primary'
                    : 'border-border text-muted-foreground hover:bg-accent hover:text-foreground',
                )}
              >
                <Icon className="size-3.5" aria-hidden />
                {t(`modelPicker.capability.${capability}`)}
              </button>
            );
          })}
          <span className="ml-auto text-xs text-muted-foreground" aria-live="polite">
            {models ? t('modelPicker.matches', { count: matches.length }) : ''}
          </span>
        </fieldset>

        {error ? (
          <ErrorState error={error} title={t('modelPicker.loadFailed')} onRetry={onRetry} />
        ) : !models || loading ? (
          <div className="space-y-2" aria-busy>
            {Array.from({ length: 6 }, (_, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders
              <Skeleton key={index} className="h-12 w-full" />
            ))}
          </div>
        ) : (
          <div
            ref={list}
            id={listId}
            role="listbox"
            aria-label={t('modelPicker.title')}
            className="-mx-2 max-h-[min(55dvh,28rem)] overflow-y-auto px-2"
          >
            {shown.length === 0 && (
              <p className="px-2 py-10 text-center text-sm text-muted-foreground">{t('modelPicker.noMatches')}</p>
            )}
            {shown.map((model, index) => (
              <ModelRow
                key={`${model.provider}/${model.id}`}
                id={optionId(index)}
                index={index}
                model={model}
                providerName={providerName(model.provider)}
                active={index === active}
                selected={model.id === value}
                onHover={setActive}
                onSelect={select}
              />
            ))}
            {matches.length > shown.length && limit === MAX_ROWS && (
              <p className="px-2 py-3 text-center text-xs text-muted-foreground">
                {t('modelPicker.more', { count: matches.length - shown.length })}
              </p>
            )}
          </div>
        )}
      </div>
    </Dialog>
  );
}

const ModelRow = memo(function ModelRow({
  id,
  index,
  model,
  providerName,
  active,
  selected,
  onHover,
  onSelect,
}: {
  id: string;
  index: number;
  model: PickerModel;
  /** The vendor's name in the console's language. */
  providerName: string;
  active: boolean;
  selected: boolean;
  onHover: (index: number) => void;
  onSelect: (model: string) => void;
}) {
  const { t } = useTranslation('playground');
  const context = formatContextWindow(model.contextWindow);
  const price = model.price;
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the search box drives the keyboard (aria-activedescendant)
    <div
      id={id}
      role="option"
      tabIndex={-1}
      aria-selected={selected}
      data-index={index}
      onMouseMove={active ? undefined : () => onHover(index)}
      onClick={() => onSelect(model.id)}
      className={cn(
        'flex cursor-pointer items-center gap-3 rounded-lg px-2.5 py-2 text-sm',
        active ? 'bg-accent' : 'hover:bg-accent/60',
      )}
    >
      <ProviderMark provider={model.provider} />
      <div className="min-w-0 flex-1">
        <div className="flex min-w-0 items-center gap-1.5">
          <span className="truncate font-medium">{model.id}</span>
          {selected && <Check className="size-4 shrink-0 text-primary" aria-hidden />}
        </div>
        <div className="mt-0.5 flex flex-wrap items-center gap-x-2 gap-y-0.5 text-xs text-muted-foreground">
          <span>{providerName}</span>
          {context && (
            <span title={t('modelPicker.contextTitle')}>{t('modelPicker.context', { tokens: context })}</span>
          )}
          {PICKER_CAPABILITIES.filter((capability) => model.capabilities[capability]).map((capability) => {
            const Icon = CAPABILITY_ICONS[capability];
            return (
              <span
                key={capability}
                className="inline-flex items-center gap-1"
                title={t(`modelPicker.capability.${capability}`)}
              >
                <Icon className="size-3" aria-hidden />
                <span className="sr-only sm:not-sr-only">{t(`modelPicker.capability.${capability}`)}</span>
              </span>
            );
          })}
        </div>
      </div>
      <div className="shrink-0 text-right text-xs tabular-nums">
        {price && model.pricesKnown ? (
          <PriceText line={priceLine(price)} />
        ) : (
          <Badge variant="warning">{t('modelPicker.priceUnknown')}</Badge>
        )}
      </div>
    </div>
  );
});

function PriceText({ line }: { line: PriceLine }) {
  const { t } = useTranslation('playground');
  const formatUnitPrice = useFormatUnitPrice();
  if (line.kind !== 'tokens') {
    return <div className="font-medium text-foreground">{formatUnitPrice(line)}</div>;
  }
  return (
    <>
      <div className="font-medium text-foreground">
        {formatPricePerMillion(line.input)} / {formatPricePerMillion(line.output)}
      </div>
      <div className="text-muted-foreground">{t('modelPicker.perMillion')}</div>
    </>
  );
}

/** A small square with the vendor's initial: tells providers apart at a glance. */
export function ProviderMark({ provider, className }: { provider: string; className?: string }) {
  const hue = [...provider].reduce((sum, char) => sum + char.charCodeAt(0) * 7, 0) % 360;
  return (
    <span
      aria-hidden
      data-testid="provider-mark"
      data-provider={provider}
      className={cn(
        'flex size-6 shrink-0 items-center justify-center rounded-md text-[11px] font-semibold text-white uppercase',
        className,
      )}
      style={{ backgroundColor: `oklch(0.6 0.13 ${hue})` }}
    >
      {provider.slice(0, 1)}
    </span>
  );
}
