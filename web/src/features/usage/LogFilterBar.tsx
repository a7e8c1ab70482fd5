import { X } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Button, Select } from '../../components/ui';
import { hasFilters } from './log-filters';
import type { KeySummary } from './types';
import { UserFilter } from './UserFilter';
import { LOG_SINCE, type LogFilters, type LogSince, REQUEST_ENDPOINTS, SURFACES } from './usage-queries';

export interface LogFilterBarProps {
  filters: LogFilters;
  onChange: (filters: LogFilters) => void;
  models: string[];
  keys: KeySummary[];
  /** Admins: the key groups to offer. */
  keyGroups: string[];
  isAdmin: boolean;
}

/** Time range, model, key (or the playground), status, API, generations or token counts and, for admins, user and key group. */
export function LogFilterBar({ filters, onChange, models, keys, keyGroups, isAdmin }: LogFilterBarProps) {
  const { t } = useTranslation('usage');
  const set = (patch: Partial<LogFilters>) => onChange({ ...filters, ...patch });

  const modelOptions = models.map((model) => ({ value: model, label: model }));
  if (filters.model && !models.includes(filters.model)) {
    modelOptions.unshift({ value: filters.model, label: filters.model });
  }
  const visibleKeys = filters.userId ? keys.filter((key) => key.userId === filters.userId) : keys;
  const keyOptions = [
    { value: 'playground', label: t('logs.playground') },
    ...visibleKeys.map((key) => ({ value: key.id, label: `${key.name || key.hint} (${key.hint})` })),
  ];
  const keyGroupOptions = keyGroups.map((group) => ({ value: group, label: group }));
  // A group from a shared link that no longer exists stays selectable, so the filter shows what it is.
  if (filters.keyGroup && !keyGroups.includes(filters.keyGroup)) {
    keyGroupOptions.unshift({ value: filters.keyGroup, label: filters.keyGroup });
  }
  if (filters.key && !keyOptions.some((option) => option.value === filters.key)) {
    keyOptions.push({ value: filters.key, label: t('logs.deletedKey') });
  }

  return (
    <fieldset className="m-0 flex min-w-0 flex-wrap items-center gap-2 border-0 p-0">
      <legend className="sr-only">{t('filters.label')}</legend>
      <Select
        aria-label={t('filters.time')}
        value={filters.since ?? ''}
        onChange={(event) => set({ since: (event.target.value || undefined) as LogSince | undefined })}
        options={[
          { value: '', label: t('filters.since.all') },
          ...LOG_SINCE.map((since) => ({ value: since, label: t(`filters.since.${since}`) })),
        ]}
        className="w-[calc(50%-0.25rem)] sm:w-40"
      />
      <Select
        aria-label={t('filters.model')}
        placeholder={t('filters.allModels')}
        value={filters.model ?? ''}
        onChange={(event) => set({ model: event.target.value || undefined })}
        options={modelOptions}
        className="w-[calc(50%-0.25rem)] sm:w-52"
      />
      <Select
        aria-label={t('filters.key')}
        placeholder={t('filters.allKeys')}
        value={filters.key ?? ''}
        onChange={(event) => set({ key: event.target.value || undefined })}
        options={keyOptions}
        className="w-[calc(50%-0.25rem)] sm:w-48"
      />
      <Select
        aria-label={t('filters.status')}
        value={filters.status ?? ''}
        onChange={(event) => set({ status: (event.target.value || undefined) as LogFilters['status'] })}
        options={[
          { value: '', label: t('filters.anyStatus') },
          { value: 'success', label: t('filters.success') },
          { value: 'error', label: t('filters.error') },
        ]}
        className="w-[calc(50%-0.25rem)] sm:w-36"
      />
      <Select
        aria-label={t('filters.api')}
        value={filters.api ?? ''}
        onChange={(event) => set({ api: (event.target.value || undefined) as LogFilters['api'] })}
        options={[
          { value: '', label: t('filters.allApis') },
          ...SURFACES.map((surface) => ({ value: surface, label: t(`surfaces.${surface}`) })),
        ]}
        className="w-[calc(50%-0.25rem)] sm:w-52"
      />
      <Select
        aria-label={t('filters.endpoint')}
        value={filters.endpoint ?? ''}
        onChange={(event) => set({ endpoint: (event.target.value || undefined) as LogFilters['endpoint'] })}
        options={[
          { value: '', label: t('filters.allEndpoints') },
          ...REQUEST_ENDPOINTS.map((endpoint) => ({ value: endpoint, label: t(`filters.endpoints.${endpoint}`) })),
        ]}
        className="w-[calc(50%-0.25rem)] sm:w-40"
      />
      {isAdmin && (
        <UserFilter value={filters.userId} onChange={(userId) => set({ userId, key: undefined })} className="sm:w-56" />
      )}
      {isAdmin && (
        <Select
          aria-label={t('filters.keyGroup')}
          value={filters.keyGroup ?? ''}
          onChange={(event) => set({ keyGroup: event.target.value || undefined })}
          options={[{ value: '', label: t('filters.allKeyGroups') }, ...keyGroupOptions]}
          className="w-[calc(50%-0.25rem)] sm:w-40"
        />
      )}
      {hasFilters(filters) && (
        <Button variant="ghost" size="sm" onClick={() => onChange({})}>
          <X />
          {t('filters.clear')}
        </Button>
      )}
    </fieldset>
  );
}
