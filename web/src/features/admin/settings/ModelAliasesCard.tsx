import { Plus, Shuffle, Trash2, Users } from 'lucide-react';
import { type FormEvent, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OrderedModelList } from '../../../components/OrderedModelList';
import { Alert, Button, Field, Input, useToast } from '../../../components/ui';
import { ApiError } from '../../../lib/api';
import { errorMessage } from '../../../lib/errors';
import { useRoutableModels } from '../../models/models-api';
import { type Settings, useSaveSettings } from './api';
import {
  type AliasErrors,
  type AliasRow,
  aliasesChanged,
  MAX_ALIAS_DESCRIPTION,
  MAX_ALIAS_MODELS,
  MAX_ALIAS_NAME,
  newAliasRow,
  newGroupRow,
  placeOfParam,
  readAliasRows,
  rowsOf,
} from './model-aliases-form';
import { SettingsSection } from './SettingsSection';

/**
 * Model aliases (settings key `modelAliases`): names callers use as a model (`fast`, `smart`),
 * each an ordered list of models tried in turn, optionally another list per key group. Saved on
 * its own (PATCH /api/admin/settings with this key only); saved aliases show in /v1/models.
 */
export function ModelAliasesCard({ stored }: { stored: Settings }) {
  const { t } = useTranslation(['manage', 'common']);
  const toast = useToast();
  const save = useSaveSettings();
  const routable = useRoutableModels();
  const ids = useId();
  const [rows, setRows] = useState<AliasRow[]>(() => rowsOf(stored.modelAliases));
  const [errors, setErrors] = useState<AliasErrors>({});
  /** The server's message for a place it refused. */
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const dirty = aliasesChanged(rows, stored.modelAliases);

  const aliasNames = useMemo(() => new Set(Object.keys(stored.modelAliases)), [stored.modelAliases]);
  // The models the gateway routes (without the aliases themselves: an alias maps to models).
  const modelSuggestions = useMemo(
    () => [...new Set((routable.data ?? []).map((model) => model.id))].filter((id) => !aliasNames.has(id)).sort(),
    [routable.data, aliasNames],
  );
  const groupSuggestions = useMemo(
    () => [...new Set([stored.defaultGroup, ...stored.keyGroups.map((group) => group.name)])].sort(),
    [stored.defaultGroup, stored.keyGroups],
  );

  const message = (place: string): string | undefined => {
    if (serverErrors[place]) return serverErrors[place];
    const key = errors[place];
    if (!key) return undefined;
    if (key === 'tooManyModels') return t('settings.aliases.errors.tooManyModels', { count: MAX_ALIAS_MODELS });
    return t(`settings.aliases.errors.${key}` as 'settings.aliases.errors.nameRequired');
  };
  /** The messages of one ordered list's rows, by index. */
  const messages = (place: string, length: number) =>
    Object.fromEntries(Array.from({ length }, (_, index) => [index, message(`${place}.${index}`)]));

  const change = (id: number, update: (row: AliasRow) => AliasRow) => {
    setRows((current) => current.map((row) => (row.id === id ? update(row) : row)));
    // Edited rows lose their errors; the next save checks again.
    const prefix = `${id}.`;
    setErrors((current) => Object.fromEntries(Object.entries(current).filter(([place]) => !place.startsWith(prefix))));
    setServerErrors((current) =>
      Object.fromEntries(Object.entries(current).filter(([place]) => !place.startsWith(prefix) && place !== 'form')),
    );
  };

  const discard = () => {
    setRows(rowsOf(stored.modelAliases));
    setErrors({});
    setServerErrors({});
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const { value, errors: problems } = readAliasRows(rows);
    setErrors(problems);
    setServerErrors({});
    if (Object.keys(problems).length > 0) {
      requestAnimationFrame(() =>
        document.getElementById(`${ids}-form`)?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
      );
      return;
    }
    save.mutate(
      { modelAliases: value },
      {
        onSuccess: (saved) => {
          setRows(rowsOf(saved.modelAliases));
          toast.success(
            t('settings.aliases.saved'),
            t('settings.aliases.savedText', { count: Object.keys(value).length }),
          );
        },
        onError: (error) => {
          const place = error instanceof ApiError ? placeOfParam(error.param, rows) : 'form';
          setServerErrors({ [place]: place === 'form' ? errorMessage(error) : error.message });
        },
      },
    );
  };

  const errorCount = Object.keys(errors).length + Object.keys(serverErrors).length;
  return (
    <form id={`${ids}-form`} onSubmit={onSubmit} noValidate aria-labelledby={`${ids}-title`}>
      <SettingsSection
        icon={Shuffle}
        title={t('settings.aliases.title')}
        description={t('settings.aliases.description')}
        titleId={`${ids}-title`}
      >
        {serverErrors.form && <Alert variant="danger">{serverErrors.form}</Alert>}
        {rows.length === 0 ? (
          <p className="rounded-lg border border-dashed border-border px-4 py-5 text-center text-sm text-muted-foreground">
            {t('settings.aliases.empty')}
          </p>
        ) : (
          <ul className="space-y-4" aria-label={t('settings.aliases.title')}>
            {rows.map((row) => {
              const label = row.name.trim() || t('settings.aliases.newAlias');
              return (
                <li
                  key={row.id}
                  className="space-y-4 rounded-xl border border-border p-4"
                  aria-label={t('settings.aliases.aliasLabel', { name: label })}
                  data-testid="model-alias"
                >
                  <div className="flex items-start gap-2">
                    <div className="grid min-w-0 flex-1 gap-3 sm:grid-cols-[minmax(0,1fr)_minmax(0,1.4fr)]">
                      <Field label={t('settings.aliases.name')} error={message(`${row.id}.name`)}>
                        <Input
                          className="font-mono"
                          spellCheck={false}
                          autoComplete="off"
                          maxLength={MAX_ALIAS_NAME}
                          placeholder="fast"
                          value={row.name}
                          onChange={(event) => change(row.id, (current) => ({ ...current, name: event.target.value }))}
                        />
                      </Field>
                      <Field
                        label={t('settings.aliases.descriptionField')}
                        error={message(`${row.id}.description`)}
                        optional
                      >
                        <Input
                          maxLength={MAX_ALIAS_DESCRIPTION}
                          placeholder={t('settings.aliases.descriptionPlaceholder')}
                          value={row.description}
                          onChange={(event) =>
                            change(row.id, (current) => ({ ...current, description: event.target.value }))
                          }
                        />
                      </Field>
                    </div>
                    <Button
                      variant="ghost"
                      size="icon"
                      className="mt-6"
                      aria-label={t('settings.aliases.remove', { name: label })}
                      onClick={() => setRows((current) => current.filter((item) => item.id !== row.id))}
                    >
                      <Trash2 />
                    </Button>
                  </div>

                  <Field
                    label={t('settings.aliases.models')}
                    hint={t('settings.aliases.modelsHint')}
                    error={message(`${row.id}.models`)}
                  >
                    <OrderedModelList
                      label={t('settings.aliases.modelsOf', { name: label })}
                      models={row.models}
                      onChange={(models) => change(row.id, (current) => ({ ...current, models }))}
                      suggestions={modelSuggestions}
                      max={MAX_ALIAS_MODELS}
                      errors={messages(`${row.id}.models`, row.models.length)}
                    />
                  </Field>

                  <div className="space-y-3 border-t border-border pt-3">
                    <div className="space-y-0.5">
                      <h3 className="flex items-center gap-1.5 text-sm font-medium">
                        <Users className="size-4 text-muted-foreground" aria-hidden />
                        {t('settings.aliases.groups')}
                      </h3>
                      <p className="text-xs text-muted-foreground">{t('settings.aliases.groupsHint')}</p>
                    </div>
                    {groupSuggestions.length > 0 && (
                      <datalist id={`${ids}-groups`}>
                        {groupSuggestions.map((group) => (
                          <option key={group} value={group} />
                        ))}
                      </datalist>
                    )}
                    {row.groups.map((override) => {
                      const place = `${row.id}.groups.${override.id}`;
                      const groupLabel = override.group.trim() || t('settings.aliases.newGroup');
                      return (
                        <div
                          key={override.id}
                          className="space-y-2 rounded-lg bg-muted/40 p-3"
                          data-testid="alias-group-override"
                        >
                          <div className="flex items-start gap-2">
                            <Field
                              label={t('settings.aliases.group')}
                              error={message(`${place}.group`)}
                              className="min-w-0 flex-1 sm:max-w-xs"
                            >
                              <Input
                                className="font-mono"
                                spellCheck={false}
                                autoComplete="off"
                                list={groupSuggestions.length > 0 ? `${ids}-groups` : undefined}
                                placeholder="vip"
                                value={override.group}
                                onChange={(event) =>
                                  change(row.id, (current) => ({
                                    ...current,
                                    groups: current.groups.map((item) =>
                                      item.id === override.id ? { ...item, group: event.target.value } : item,
                                    ),
                                  }))
                                }
                              />
                            </Field>
                            <Button
                              variant="ghost"
                              size="icon"
                              className="mt-6 ml-auto"
                              aria-label={t('settings.aliases.removeGroup', { group: groupLabel, name: label })}
                              onClick={() =>
                                change(row.id, (current) => ({
                                  ...current,
                                  groups: current.groups.filter((item) => item.id !== override.id),
                                }))
                              }
                            >
                              <Trash2 />
                            </Button>
                          </div>
                          {message(`${place}.models`) && (
                            <p className="text-xs text-destructive" role="alert">
                              {message(`${place}.models`)}
                            </p>
                          )}
                          <OrderedModelList
                            label={t('settings.aliases.groupModelsOf', { group: groupLabel, name: label })}
                            models={override.models}
                            onChange={(models) =>
                              change(row.id, (current) => ({
                                ...current,
                                groups: current.groups.map((item) =>
                                  item.id === override.id ? { ...item, models } : item,
                                ),
                              }))
                            }
                            suggestions={modelSuggestions}
                            max={MAX_ALIAS_MODELS}
                            errors={messages(`${place}.models`, override.models.length)}
                          />
                        </div>
                      );
                    })}
                    <Button
                      variant="ghost"
                      size="sm"
                      onClick={() =>
                        change(row.id, (current) => ({ ...current, groups: [...current.groups, newGroupRow()] }))
                      }
                    >
                      <Plus />
                      {t('settings.aliases.addGroup')}
                    </Button>
                  </div>
                </li>
              );
            })}
          </ul>
        )}
        <div className="flex flex-col-reverse gap-3 sm:flex-row sm:items-center sm:justify-between">
          <Button variant="outline" size="sm" onClick={() => setRows((current) => [...current, newAliasRow()])}>
            <Plus />
            {t('settings.aliases.add')}
          </Button>
          <div className="flex items-center justify-end gap-2">
            {dirty && (
              <span className={errorCount > 0 ? 'text-xs text-destructive' : 'text-xs text-muted-foreground'}>
                {errorCount > 0 ? t('settings.fixErrors', { count: errorCount }) : t('settings.unsaved')}
              </span>
            )}
            {/* Only while there is something to discard (the page's other forms have their own). */}
            {dirty && (
              <Button variant="ghost" size="sm" onClick={discard} disabled={save.isPending}>
                {t('prices.discard')}
              </Button>
            )}
            <Button type="submit" size="sm" loading={save.isPending} disabled={!dirty}>
              {t('settings.aliases.save')}
            </Button>
          </div>
        </div>
      </SettingsSection>
    </form>
  );
}
