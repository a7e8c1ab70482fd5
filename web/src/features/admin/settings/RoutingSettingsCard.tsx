import { Plus, Route, Trash2 } from 'lucide-react';
import { type FormEvent, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Field, Input, Select, Switch, useToast } from '../../../components/ui';
import { ApiError } from '../../../lib/api';
import { cn } from '../../../lib/cn';
import { errorMessage } from '../../../lib/errors';
import { useRoutableModels } from '../../models/models-api';
import { type Settings, useSaveSettings } from './api';
import {
  type DefaultModelRow,
  type HedgeRow,
  MAX_MODEL,
  newDefaultModelRow,
  newHedgeRow,
  placeOfRoutingParam,
  ROUTING_POLICIES,
  type RoutingDraft,
  readRoutingDraft,
  routingChanged,
  routingDraftOf,
} from './routing-settings-form';
import { SettingsSection, SwitchRow } from './SettingsSection';

/**
 * Routing (settings keys `routingPolicy`, `hedging`, `streamContinuation`, `defaultModels`): how
 * the channels of a priority tier are ordered, when a slow request is hedged on a second channel,
 * whether a broken stream continues on another channel, and the model a request that names none
 * is served by. Saved on its own (PATCH /api/admin/settings with these keys only).
 */
export function RoutingSettingsCard({ stored }: { stored: Settings }) {
  const { t } = useTranslation(['manage', 'common']);
  const toast = useToast();
  const save = useSaveSettings();
  const routable = useRoutableModels();
  const ids = useId();
  const [draft, setDraft] = useState<RoutingDraft>(() => routingDraftOf(stored));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const dirty = routingChanged(draft, stored);

  const groupSuggestions = useMemo(
    () => ['*', ...new Set([stored.defaultGroup, ...stored.keyGroups.map((group) => group.name)])].sort(),
    [stored.defaultGroup, stored.keyGroups],
  );
  const modelSuggestions = useMemo(
    () => [...new Set([...Object.keys(stored.modelAliases), ...(routable.data ?? []).map((model) => model.id)])].sort(),
    [routable.data, stored.modelAliases],
  );

  const update = (next: Partial<RoutingDraft>, clear: string[] = []) => {
    setDraft((current) => ({ ...current, ...next }));
    if (clear.length > 0 || errors.form) {
      setErrors((current) =>
        Object.fromEntries(
          Object.entries(current).filter(
            ([place]) =>
              place !== 'form' && !clear.some((prefix) => place === prefix || place.startsWith(`${prefix}.`)),
          ),
        ),
      );
    }
  };
  const changeHedge = (id: number, patch: Partial<HedgeRow>) =>
    update({ hedges: draft.hedges.map((row) => (row.id === id ? { ...row, ...patch } : row)) }, [`hedge.${id}`]);
  const changeDefault = (id: number, patch: Partial<DefaultModelRow>) =>
    update({ defaultModels: draft.defaultModels.map((row) => (row.id === id ? { ...row, ...patch } : row)) }, [
      `default.${id}`,
    ]);

  const discard = () => {
    setDraft(routingDraftOf(stored));
    setErrors({});
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const { value, issues } = readRoutingDraft(draft);
    setErrors(
      Object.fromEntries(
        Object.entries(issues).map(([place, issue]) => [place, t(`settings.routing.errors.${issue}`)]),
      ),
    );
    if (Object.keys(issues).length > 0) {
      requestAnimationFrame(() =>
        document.getElementById(`${ids}-form`)?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
      );
      return;
    }
    save.mutate(value, {
      onSuccess: (saved) => {
        setDraft(routingDraftOf(saved));
        setErrors({});
        toast.success(t('settings.routing.saved'));
      },
      onError: (error) => {
        const place = error instanceof ApiError ? placeOfRoutingParam(error.param, draft) : 'form';
        setErrors({ [place]: place === 'form' ? errorMessage(error) : error.message });
      },
    });
  };

  const errorCount = Object.keys(errors).length;
  return (
    <form id={`${ids}-form`} onSubmit={onSubmit} noValidate aria-labelledby={`${ids}-title`}>
      <SettingsSection
        icon={Route}
        title={t('settings.routing.title')}
        description={t('settings.routing.description')}
        titleId={`${ids}-title`}
      >
        {errors.form && <Alert variant="danger">{errors.form}</Alert>}
        {groupSuggestions.length > 0 && (
          <datalist id={`${ids}-groups`}>
            {groupSuggestions.map((group) => (
              <option key={group} value={group} />
            ))}
          </datalist>
        )}
        {modelSuggestions.length > 0 && (
          <datalist id={`${ids}-models`}>
            {modelSuggestions.map((model) => (
              <option key={model} value={model} />
            ))}
          </datalist>
        )}

        <fieldset className="space-y-2">
          <legend className="text-sm font-medium">{t('settings.routing.policy')}</legend>
          <p className="text-xs text-muted-foreground">{t('settings.routing.policyHint')}</p>
          <div className="grid gap-2 pt-1 sm:grid-cols-3">
            {ROUTING_POLICIES.map((policy) => (
              <label
                key={policy}
                className={cn(
                  'flex cursor-pointer gap-2.5 rounded-lg border p-3 transition-colors',
                  draft.routingPolicy === policy
                    ? 'border-primary bg-primary-soft/40'
                    : 'border-border hover:border-primary/50',
                )}
              >
                <input
                  type="radio"
                  name={`${ids}-policy`}
                  value={policy}
                  checked={draft.routingPolicy === policy}
                  onChange={() => update({ routingPolicy: policy }, ['routingPolicy'])}
                  className="mt-0.5 accent-primary"
                  aria-describedby={`${ids}-policy-${policy}`}
                />
                <span className="space-y-0.5">
                  <span className="block text-sm font-medium">{t(`settings.routing.policies.${policy}.label`)}</span>
                  <span id={`${ids}-policy-${policy}`} className="block text-xs text-muted-foreground">
                    {t(`settings.routing.policies.${policy}.text`)}
                  </span>
                </span>
              </label>
            ))}
          </div>
          {errors.routingPolicy && (
            <p className="text-xs text-destructive" role="alert">
              {errors.routingPolicy}
            </p>
          )}
        </fieldset>

        <div className="space-y-3 border-t border-border pt-5">
          <div className="space-y-0.5">
            <h3 className="text-sm font-medium">{t('settings.routing.hedging')}</h3>
            <p className="text-xs text-muted-foreground">{t('settings.routing.hedgingHint')}</p>
          </div>
          {draft.hedges.length === 0 ? (
            <p className="rounded-lg border border-dashed border-border px-4 py-3 text-center text-sm text-muted-foreground">
              {t('settings.routing.noHedging')}
            </p>
          ) : (
            <ul className="space-y-2" aria-label={t('settings.routing.hedgingGroups')}>
              {draft.hedges.map((row) => {
                const label = row.group.trim() || t('settings.routing.newGroup');
                return (
                  <li
                    key={row.id}
                    className="flex flex-wrap items-start gap-2 rounded-lg bg-muted/40 p-3 sm:flex-nowrap"
                    data-testid="hedge-group"
                  >
                    <Field
                      label={t('settings.routing.group')}
                      error={errors[`hedge.${row.id}.group`]}
                      className="min-w-0 flex-1 basis-full sm:w-36 sm:flex-none sm:basis-auto"
                    >
                      <KeyGroupInput
                        listId={`${ids}-groups`}
                        value={row.group}
                        onChange={(group) => changeHedge(row.id, { group })}
                      />
                    </Field>
                    <Field label={t('settings.routing.hedgeAfter')} className="min-w-0 flex-[2]">
                      <Select
                        value={row.mode}
                        onChange={(event) => changeHedge(row.id, { mode: event.target.value as HedgeRow['mode'] })}
                        options={[
                          { value: 'p95', label: t('settings.routing.modes.p95') },
                          { value: 'fixed', label: t('settings.routing.modes.fixed') },
                        ]}
                      />
                    </Field>
                    {row.mode === 'fixed' && (
                      <Field
                        label={t('settings.routing.delay')}
                        error={errors[`hedge.${row.id}.delay`]}
                        className="min-w-0 flex-1"
                      >
                        <Input
                          inputMode="numeric"
                          placeholder="2000"
                          value={row.delayMs}
                          onChange={(event) => changeHedge(row.id, { delayMs: event.target.value })}
                          trailing={<span className="pr-2 text-xs text-muted-foreground">ms</span>}
                          className="tabular-nums"
                        />
                      </Field>
                    )}
                    <Button
                      variant="ghost"
                      size="icon"
                      className="mt-6 ml-auto"
                      aria-label={t('settings.routing.removeHedge', { group: label })}
                      onClick={() => update({ hedges: draft.hedges.filter((item) => item.id !== row.id) })}
                    >
                      <Trash2 />
                    </Button>
                  </li>
                );
              })}
            </ul>
          )}
          <Button
            variant="outline"
            size="sm"
            onClick={() => update({ hedges: [...draft.hedges, newHedgeRow(draft.hedges.length === 0 ? '*' : '')] })}
          >
            <Plus />
            {t('settings.routing.addHedge')}
          </Button>
          <div className="grid gap-4 pt-1 sm:grid-cols-2">
            <Field
              label={t('settings.routing.defaultDelay')}
              hint={t('settings.routing.defaultDelayHint')}
              error={errors.defaultDelayMs}
            >
              <Input
                inputMode="numeric"
                value={draft.defaultDelayMs}
                onChange={(event) => update({ defaultDelayMs: event.target.value }, ['defaultDelayMs'])}
                trailing={<span className="pr-2 text-xs text-muted-foreground">ms</span>}
                className="tabular-nums"
              />
            </Field>
          </div>
          <SwitchRow
            id={`${ids}-header`}
            label={t('settings.routing.requestHeader')}
            description={
              <>
                {t('settings.routing.requestHeaderHint')}{' '}
                <code className="font-mono text-xs">x-aihub-hedge: 2000 | p95 | off</code>
              </>
            }
            control={
              <Switch
                id={`${ids}-header`}
                checked={draft.requestHeader}
                onCheckedChange={(requestHeader) => update({ requestHeader }, ['hedging.requestHeader'])}
              />
            }
          />
        </div>

        <div className="border-t border-border pt-5">
          <SwitchRow
            id={`${ids}-continuation`}
            label={t('settings.routing.streamContinuation')}
            description={t('settings.routing.streamContinuationHint')}
            control={
              <Switch
                id={`${ids}-continuation`}
                checked={draft.streamContinuation}
                onCheckedChange={(streamContinuation) => update({ streamContinuation }, ['streamContinuation'])}
              />
            }
          />
        </div>

        <div className="space-y-3 border-t border-border pt-5">
          <div className="space-y-0.5">
            <h3 className="text-sm font-medium">{t('settings.routing.defaultModels')}</h3>
            <p className="text-xs text-muted-foreground">{t('settings.routing.defaultModelsHint')}</p>
          </div>
          {draft.defaultModels.length === 0 ? (
            <p className="rounded-lg border border-dashed border-border px-4 py-3 text-center text-sm text-muted-foreground">
              {t('settings.routing.noDefaultModels')}
            </p>
          ) : (
            <ul className="space-y-2" aria-label={t('settings.routing.defaultModels')}>
              {draft.defaultModels.map((row) => {
                const label = row.group.trim() || t('settings.routing.newGroup');
                return (
                  <li
                    key={row.id}
                    className="flex flex-wrap items-start gap-2 rounded-lg bg-muted/40 p-3 sm:flex-nowrap"
                    data-testid="default-model"
                  >
                    <Field
                      label={t('settings.routing.group')}
                      error={errors[`default.${row.id}.group`]}
                      className="min-w-0 flex-1 sm:w-36 sm:flex-none"
                    >
                      <KeyGroupInput
                        listId={`${ids}-groups`}
                        value={row.group}
                        onChange={(group) => changeDefault(row.id, { group })}
                      />
                    </Field>
                    <Field
                      label={t('settings.routing.model')}
                      error={errors[`default.${row.id}.model`]}
                      className="min-w-0 flex-[2]"
                    >
                      <Input
                        className="font-mono"
                        spellCheck={false}
                        autoComplete="off"
                        list={modelSuggestions.length > 0 ? `${ids}-models` : undefined}
                        placeholder="gpt-4o-mini"
                        maxLength={MAX_MODEL}
                        value={row.model}
                        onChange={(event) => changeDefault(row.id, { model: event.target.value })}
                      />
                    </Field>
                    <Button
                      variant="ghost"
                      size="icon"
                      className="mt-6"
                      aria-label={t('settings.routing.removeDefaultModel', { group: label })}
                      onClick={() =>
                        update({ defaultModels: draft.defaultModels.filter((item) => item.id !== row.id) })
                      }
                    >
                      <Trash2 />
                    </Button>
                  </li>
                );
              })}
            </ul>
          )}
          <Button
            variant="outline"
            size="sm"
            onClick={() =>
              update({
                defaultModels: [
                  ...draft.defaultModels,
                  newDefaultModelRow(draft.defaultModels.length === 0 ? '*' : ''),
                ],
              })
            }
          >
            <Plus />
            {t('settings.routing.addDefaultModel')}
          </Button>
        </div>

        <div className="flex items-center justify-end gap-2 border-t border-border pt-4">
          {dirty && (
            <span className={errorCount > 0 ? 'text-xs text-destructive' : 'text-xs text-muted-foreground'}>
              {errorCount > 0 ? t('settings.fixErrors', { count: errorCount }) : t('settings.unsaved')}
            </span>
          )}
          {dirty && (
            <Button variant="ghost" size="sm" onClick={discard} disabled={save.isPending}>
              {t('prices.discard')}
            </Button>
          )}
          <Button type="submit" size="sm" loading={save.isPending} disabled={!dirty}>
            {t('settings.routing.save')}
          </Button>
        </div>
      </SettingsSection>
    </form>
  );
}

/** A key group name (or `*` for every group), with the known groups suggested from `listId`. */
function KeyGroupInput({
  listId,
  value,
  onChange,
}: {
  listId: string;
  value: string;
  onChange: (group: string) => void;
}) {
  return (
    <Input
      className="font-mono"
      spellCheck={false}
      autoComplete="off"
      list={listId}
      placeholder="*"
      maxLength={64}
      value={value}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}
