import { Search, X } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Input, Select } from '../../../components/ui';
import { hasFilters, isBackwardsRange, ORDER_PARAMS, type OrderFilters } from './list-filters';
import { methodName, ORDER_STATUSES, PAYMENT_METHODS } from './payment-vocabulary';

/** Updates `value` only after typing stops, so a search does not fire per key. */
function useDebounced<T>(value: T, delay = 350): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(value), delay);
    return () => window.clearTimeout(timer);
  }, [value, delay]);
  return debounced;
}

/** A text filter written to the address once typing pauses. */
function useTypedFilter(stored: string | undefined, write: (value: string | undefined) => void) {
  const [text, setText] = useState(stored ?? '');
  const debounced = useDebounced(text.trim());
  // biome-ignore lint/correctness/useExhaustiveDependencies: only new text should write the address.
  useEffect(() => {
    if ((stored ?? '') !== debounced) write(debounced || undefined);
  }, [debounced]);
  // Follow the address (clear filters, back/forward).
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new stored value resets the text.
  useEffect(() => {
    if ((stored ?? '') !== text.trim()) setText(stored ?? '');
  }, [stored]);
  return [text, setText] as const;
}

export function OrderFilterBar({
  filters,
  onChange,
}: {
  filters: OrderFilters;
  onChange: (changes: Record<string, string | undefined>) => void;
}) {
  const { t } = useTranslation('paymentsAdmin');
  const [orderText, setOrderText] = useTypedFilter(filters.orderId, (value) =>
    onChange({ [ORDER_PARAMS.orderId]: value }),
  );
  const [userText, setUserText] = useTypedFilter(filters.user, (value) => onChange({ [ORDER_PARAMS.user]: value }));
  const backwards = isBackwardsRange(filters);

  const clear = () => {
    setOrderText('');
    setUserText('');
    onChange(Object.fromEntries(Object.values(ORDER_PARAMS).map((name) => [name, undefined])));
  };

  return (
    <div className="space-y-3 border-b border-border p-4">
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-[1fr_1fr_10rem_10rem]">
        <div className="col-span-2 sm:col-span-1">
          <Input
            type="search"
            leading={<Search />}
            placeholder={t('orders.filters.orderPlaceholder')}
            aria-label={t('orders.filters.order')}
            value={orderText}
            onChange={(event) => setOrderText(event.target.value)}
          />
        </div>
        <Input
          type="search"
          placeholder={t('orders.filters.userPlaceholder')}
          aria-label={t('orders.filters.user')}
          value={userText}
          onChange={(event) => setUserText(event.target.value)}
          className="col-span-2 sm:col-span-1"
        />
        <Select
          aria-label={t('orders.filters.status')}
          placeholder={t('orders.filters.allStatuses')}
          value={filters.status ?? ''}
          onChange={(event) => onChange({ [ORDER_PARAMS.status]: event.target.value || undefined })}
          options={ORDER_STATUSES.map((status) => ({ value: status, label: t(`statuses.${status}`) }))}
        />
        <Select
          aria-label={t('orders.filters.method')}
          placeholder={t('orders.filters.allMethods')}
          value={filters.method ?? ''}
          onChange={(event) => onChange({ [ORDER_PARAMS.method]: event.target.value || undefined })}
          options={PAYMENT_METHODS.map((method) => ({ value: method, label: methodName(method) }))}
        />
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <Input
          type="date"
          aria-label={t('orders.filters.from')}
          value={filters.fromDay ?? ''}
          onChange={(event) => onChange({ [ORDER_PARAMS.fromDay]: event.target.value || undefined })}
          className="w-[9.5rem]"
          aria-invalid={backwards || undefined}
        />
        <span className="text-sm text-muted-foreground" aria-hidden>
          –
        </span>
        <Input
          type="date"
          aria-label={t('orders.filters.to')}
          value={filters.toDay ?? ''}
          onChange={(event) => onChange({ [ORDER_PARAMS.toDay]: event.target.value || undefined })}
          className="w-[9.5rem]"
          aria-invalid={backwards || undefined}
        />
        {hasFilters(filters) && (
          <Button variant="ghost" size="sm" onClick={clear}>
            <X />
            {t('orders.filters.clear')}
          </Button>
        )}
        {backwards && (
          <p className="w-full text-xs text-destructive" role="alert">
            {t('orders.filters.backwards')}
          </p>
        )}
      </div>
    </div>
  );
}
