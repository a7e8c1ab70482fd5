import { Search, X } from 'lucide-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Input, Select, Switch } from '../../components/ui';
import { cn } from '../../lib/cn';
import { CAPABILITY_ICONS } from './CapabilityBadges';
import { CAPABILITIES, type Capability, type ModelFilter, type ModelKind, type ModelSort } from './model-filter';

export interface ModelFiltersProps {
  filter: ModelFilter;
  onChange: (patch: Partial<ModelFilter>) => void;
  providers: { provider: string; count: number }[];
  /** The kinds present (chat, embedding, image...), with their number of models. */
  kinds: { kind: ModelKind; count: number }[];
  /** False when the routable list could not be read: "available only" cannot apply. */
  availabilityKnown: boolean;
}

const SORTS: ModelSort[] = ['name', 'inputPrice', 'outputPrice', 'context'];

/** Search box, provider, kind and sort pickers, capability toggles and the "available only" switch. */
export function ModelFilters({ filter, onChange, providers, kinds, availabilityKnown }: ModelFiltersProps) {
  const { t } = useTranslation('models');
  const switchId = useId();
  // A kind from the address that no model has still shows as chosen, not as "All kinds".
  const kindOptions =
    filter.kind && !kinds.some((entry) => entry.kind === filter.kind)
      ? [...kinds, { kind: filter.kind, count: 0 }]
      : kinds;

  const toggleCapability = (capability: Capability) => {
    const on = filter.capabilities.includes(capability);
    onChange({
      capabilities: on ? filter.capabilities.filter((c) => c !== capability) : [...filter.capabilities, capability],
    });
  };

  return (
    <div className="space-y-3">
      <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
        <div className="min-w-0 flex-1">
          <Input
            type="search"
            value={filter.search}
            onChange={(event) => onChange({ search: event.target.value })}
            placeholder={t('filters.searchPlaceholder')}
            aria-label={t('filters.search')}
            leading={<Search />}
            trailing={
              filter.search ? (
                <button
                  type="button"
                  onClick={() => onChange({ search: '' })}
                  aria-label={t('filters.clearSearch')}
                  className="flex size-7 cursor-pointer items-center justify-center rounded-md text-muted-foreground hover:bg-accent hover:text-foreground"
                >
                  <X className="size-4" />
                </button>
              ) : undefined
            }
            autoComplete="off"
            spellCheck={false}
            className="[&::-webkit-search-cancel-button]:appearance-none"
          />
        </div>
        <div className="grid grid-cols-2 gap-2 sm:flex">
          <Select
            aria-label={t('filters.kind')}
            value={filter.kind}
            onChange={(event) => onChange({ kind: event.target.value as ModelKind | '' })}
            placeholder={t('filters.allKinds')}
            options={kindOptions.map(({ kind, count }) => ({ value: kind, label: `${t(`kinds.${kind}`)} (${count})` }))}
            className="sm:w-40"
          />
          <Select
            aria-label={t('filters.provider')}
            value={filter.provider}
            onChange={(event) => onChange({ provider: event.target.value })}
            placeholder={t('filters.allProviders')}
            options={providers.map(({ provider, count }) => ({ value: provider, label: `${provider} (${count})` }))}
            className="sm:w-48"
          />
          <Select
            aria-label={t('filters.sort')}
            value={filter.sort}
            onChange={(event) => onChange({ sort: event.target.value as ModelSort })}
            options={SORTS.map((sort) => ({ value: sort, label: t(`filters.sorts.${sort}`) }))}
            className="sm:w-44"
          />
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <fieldset className="flex flex-wrap items-center gap-1.5">
          <legend className="sr-only">{t('filters.capabilities')}</legend>
          {CAPABILITIES.map((capability) => {
            const Icon = CAPABILITY_ICONS[capability];
            const pressed = filter.capabilities.includes(capability);
            return (
              <button
                key={capability}
                type="button"
                aria-pressed={pressed}
                onClick={() => toggleCapability(capability)}
                className={cn(
                  'inline-flex h-7 cursor-pointer items-center gap-1.5 rounded-full border px-2.5 text-xs font-medium transition-colors',
                  pressed
                    ? 'border-primary/40 bg-primary-soft text-primary'
                    : 'border-border bg-card text-muted-foreground hover:bg-accent hover:text-foreground',
                )}
              >
                <Icon className="size-3.5" aria-hidden />
                {t(`capabilities.${capability}`)}
              </button>
            );
          })}
        </fieldset>
        <div className="flex items-center gap-2 sm:ml-auto">
          <Switch
            id={switchId}
            checked={availabilityKnown && filter.availableOnly}
            disabled={!availabilityKnown}
            onCheckedChange={(checked) => onChange({ availableOnly: checked })}
          />
          <label htmlFor={switchId} className="cursor-pointer text-sm font-medium whitespace-nowrap">
            {t('filters.availableOnly')}
          </label>
        </div>
      </div>
    </div>
  );
}
