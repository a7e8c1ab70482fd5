import { Search } from 'lucide-react';
import { type KeyboardEvent, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Input, Spinner } from '../../../components/ui';
import { cn } from '../../../lib/cn';
import type { ModelListing } from './api';
import { formatPrice } from './pricing';

const LIMIT = 8;

/** Best matches first: exact id, then id prefix, then shorter ids; every word must appear. */
export function searchModels(listings: readonly ModelListing[], query: string, limit = LIMIT): ModelListing[] {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const whole = words.join(' ');
  const scored: { model: ModelListing; score: number }[] = [];
  for (const model of listings) {
    const id = model.id.toLowerCase();
    const text = `${model.provider}/${id}`;
    if (!words.every((word) => text.includes(word))) continue;
    const score = (id === whole ? 0 : id.startsWith(whole) ? 1 : 2) * 1000 + id.length;
    scored.push({ model, score });
  }
  scored.sort((a, b) => a.score - b.score || a.model.provider.localeCompare(b.model.provider));
  return scored.slice(0, limit).map((entry) => entry.model);
}

export interface ModelSearchProps {
  listings: readonly ModelListing[] | undefined;
  loading?: boolean;
  onSelect: (model: ModelListing) => void;
  label: string;
  placeholder?: string;
  invalid?: boolean;
  id?: string;
  /** Offer the typed text as a model id the catalog does not list (priced with a fixed price). */
  allowCustom?: boolean;
}

function customListing(id: string): ModelListing {
  return { id, provider: '', kind: 'chat', capabilities: {}, pricesKnown: false, official: null, sale: null };
}

/** A combobox over the catalog's chat models (type to filter, arrows to move, Enter to pick). */
export function ModelSearch({
  listings,
  loading,
  onSelect,
  label,
  placeholder,
  invalid,
  id,
  allowCustom,
}: ModelSearchProps) {
  const { t } = useTranslation('manage');
  const listId = useId();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);
  const matches = useMemo(() => {
    const found = listings ? searchModels(listings, query) : [];
    const typed = query.trim();
    if (allowCustom && typed && !/\s/.test(typed) && !found.some((model) => model.id === typed)) {
      found.push(customListing(typed));
    }
    return found;
  }, [listings, query, allowCustom]);
  const expanded = open && query.trim() !== '';

  const pick = (model: ModelListing) => {
    onSelect(model);
    setQuery('');
    setOpen(false);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setOpen(true);
      setActive((index) => Math.min(index + 1, matches.length - 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((index) => Math.max(index - 1, 0));
    } else if (event.key === 'Enter' && expanded && matches[active]) {
      event.preventDefault();
      pick(matches[active]);
    } else if (event.key === 'Escape' && expanded) {
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
    }
  };

  return (
    <div className="relative">
      <Input
        id={id}
        role="combobox"
        aria-label={label}
        aria-expanded={expanded}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={expanded && matches[active] ? `${listId}-${active}` : undefined}
        aria-invalid={invalid || undefined}
        leading={<Search />}
        trailing={loading ? <Spinner className="mr-1.5 size-4" /> : undefined}
        placeholder={placeholder}
        value={query}
        autoComplete="off"
        spellCheck={false}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => window.setTimeout(() => setOpen(false), 150)}
        onKeyDown={onKeyDown}
      />
      {expanded && (
        <div
          id={listId}
          role="listbox"
          aria-label={label}
          className="absolute inset-x-0 top-full z-10 mt-1 max-h-80 overflow-y-auto rounded-xl border border-border bg-popover p-1 shadow-pop"
        >
          {matches.length === 0 ? (
            <p className="px-3 py-2.5 text-sm text-muted-foreground">
              {loading ? t('prices.search.loading') : t('prices.search.none')}
            </p>
          ) : (
            matches.map((model, index) => (
              // biome-ignore lint/a11y/useKeyWithClickEvents: the combobox input handles the keyboard.
              <div
                key={`${model.provider}/${model.id}`}
                tabIndex={-1}
                id={`${listId}-${index}`}
                role="option"
                aria-selected={index === active}
                onMouseDown={(event) => event.preventDefault()}
                onMouseEnter={() => setActive(index)}
                onClick={() => pick(model)}
                className={cn(
                  'flex cursor-pointer items-center justify-between gap-3 rounded-lg px-3 py-2 text-sm',
                  index === active && 'bg-accent',
                )}
              >
                <span className="min-w-0">
                  <span className="block truncate font-medium">{model.id}</span>
                  <span className="block text-xs text-muted-foreground">
                    {model.provider || t('prices.search.custom')}
                  </span>
                </span>
                <span className="shrink-0 text-right text-xs text-muted-foreground tabular-nums">
                  {model.official?.input !== undefined && model.official.output !== undefined
                    ? `${formatPrice(model.official.input)} / ${formatPrice(model.official.output)}`
                    : t('prices.search.noPrice')}
                </span>
              </div>
            ))
          )}
        </div>
      )}
    </div>
  );
}
