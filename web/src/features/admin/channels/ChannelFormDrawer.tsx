import { ChevronRight, Eye, EyeOff, Lock, Plus, RotateCcw } from 'lucide-react';
import { type FormEvent, type ReactNode, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Drawer, Field, FormFooter, Input, Select, Textarea, useToast } from '../../../components/ui';
import { ApiError } from '../../../lib/api';
import { cn } from '../../../lib/cn';
import { errorMessage } from '../../../lib/errors';
import { useVendorLabel, useVendors } from '../../../lib/vendors';
import { useAddKeys, useCreateChannel, useRoutingHealth, useUpdateChannel } from './api';
import { ChannelCostEditor } from './ChannelCostEditor';
import { type CostForm, placeOfCostParam, readCostForm, upstreamModelSuggestions } from './cost-form';
import {
  type ChannelForm,
  changeType,
  createBody,
  emptyForm,
  type FormErrors,
  type FormField,
  fieldOfParam,
  formFromChannel,
  isGroupName,
  isModelPattern,
  newRow,
  parseKeys,
  patchBody,
  TIMEOUT_FIELDS,
  validateForm,
} from './form-state';
import { KeyPoolList } from './KeyPoolEditor';
import { PairRowsEditor } from './PairRowsEditor';
import { channelHealth } from './status';
import { TagInput } from './TagInput';
import type { Channel } from './types';
import { UnpricedAlert, UpstreamModelPicker } from './UpstreamModelPicker';
import { VendorIcon } from './VendorBadge';

export interface ChannelFormDrawerProps {
  open: boolean;
  onClose: () => void;
  /** The channel to edit; undefined to create one. */
  channel?: Channel;
  /** Called with the saved channel (after create or edit). */
  onSaved?: (channel: Channel, created: boolean) => void;
}

/** Create or edit a channel in a side drawer. Server validation errors land on the field they name. */
export function ChannelFormDrawer({ open, onClose, channel, onSaved }: ChannelFormDrawerProps) {
  const { t } = useTranslation(['channels', 'common']);
  const mode = channel ? 'edit' : 'create';
  const readOnly = channel?.readOnly ?? false;
  const toast = useToast();
  const vendorLabel = useVendorLabel();
  const vendors = useVendors();
  const create = useCreateChannel();
  const update = useUpdateChannel();
  const addKeys = useAddKeys();
  const health = useRoutingHealth();

  const [form, setForm] = useState<ChannelForm>(() => (channel ? formFromChannel(channel) : emptyForm(vendors)));
  const [errors, setErrors] = useState<FormErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  /** The cost editor's messages, by place (cost-form.ts). */
  const [costErrors, setCostErrors] = useState<Record<string, string>>({});
  const [advancedOpen, setAdvancedOpen] = useState(false);
  const [showKeys, setShowKeys] = useState(false);

  // A fresh form each time the drawer opens (or another channel is opened).
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when opening or switching channel.
  useEffect(() => {
    if (!open) return;
    setForm(channel ? formFromChannel(channel) : emptyForm(vendors));
    setErrors({});
    setCostErrors({});
    setFormError(null);
    setShowKeys(false);
    setAdvancedOpen(Boolean(channel && (channel.headerNames.length > 0 || channel.proxyUrl)));
  }, [open, channel?.id]);

  const patch = (next: Partial<ChannelForm>, clear?: FormField) => {
    setForm((current) => ({ ...current, ...next }));
    if (clear && errors[clear]) setErrors((current) => ({ ...current, [clear]: undefined }));
  };

  const changeCost = (cost: CostForm) => {
    setForm((current) => ({ ...current, cost, costDirty: true }));
    setCostErrors({});
  };
  const costSuggestions = useMemo(
    () => upstreamModelSuggestions(form.models, form.mapping),
    [form.models, form.mapping],
  );

  const vendor = vendors.of(form.type);
  const saving = create.isPending || update.isPending || addKeys.isPending;
  const cooling = useMemo(
    () => new Set(channel ? channelHealth(channel, health.data).cooling.map((item) => item.keyId) : []),
    [channel, health.data],
  );
  const typeOptions = vendors.list.map((item) => ({ value: item.name, label: vendorLabel(item.name) }));
  if (!vendors.isKnown(form.type)) typeOptions.push({ value: form.type, label: form.type });

  const showServerError = (error: unknown) => {
    if (error instanceof ApiError) {
      const field = fieldOfParam(error.param);
      const message =
        error.code === 'channel_name_taken'
          ? t('errors.nameTaken')
          : error.code === 'channel_read_only'
            ? t('errors.readOnly')
            : errorMessage(error);
      if (field === 'cost') {
        setErrors({});
        setCostErrors({ [placeOfCostParam(error.param, form.cost)]: message });
        return;
      }
      if (field) {
        setErrors({ [field]: message });
        if (field === 'headers' || field === 'proxyUrl' || field === 'timeouts') setAdvancedOpen(true);
        return;
      }
      setFormError(message);
      return;
    }
    setFormError(errorMessage(error));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (readOnly) return;
    setFormError(null);
    const issues = validateForm(form, mode, vendors);
    const fieldErrors: FormErrors = {};
    for (const [field, issue] of Object.entries(issues)) {
      fieldErrors[field as FormField] = t(`form.errors.${issue}`);
    }
    setErrors(fieldErrors);
    const costIssues = readCostForm(form.cost).issues;
    const costMessages = Object.fromEntries(
      Object.entries(costIssues).map(([place, issue]) => [place, t(`cost.errors.${issue}`)]),
    );
    setCostErrors(costMessages);
    if (Object.keys(fieldErrors).length > 0 || Object.keys(costMessages).length > 0) {
      if (fieldErrors.headers || fieldErrors.proxyUrl || fieldErrors.timeouts) setAdvancedOpen(true);
      return;
    }
    try {
      if (!channel) {
        const created = await create.mutateAsync(createBody(form, vendors));
        toast.success(t('form.created', { name: created.name }), t('form.createdHint'));
        onSaved?.(created, true);
        onClose();
        return;
      }
      let saved = await update.mutateAsync({ id: channel.id, body: patchBody(form, vendors) });
      const keys = parseKeys(form.keysText);
      if (keys.length > 0) {
        try {
          saved = await addKeys.mutateAsync({ id: channel.id, keys });
        } catch (error) {
          // Settings are saved; only the new keys failed.
          setForm((current) => ({ ...current, ...formFromChannel(saved), keysText: current.keysText }));
          showServerError(
            error instanceof ApiError && !error.param
              ? new ApiError(error.status, error.code, error.message, error.type, 'keys', error.requestId)
              : error,
          );
          return;
        }
      }
      toast.success(t('form.saved', { name: saved.name }));
      onSaved?.(saved, false);
      onClose();
    } catch (error) {
      showServerError(error);
    }
  };

  const title = channel
    ? readOnly
      ? channel.name
      : t('form.editTitle', { name: channel.name })
    : t('form.createTitle');
  const formId = 'channel-form';

  return (
    <Drawer
      open={open}
      onClose={saving ? () => {} : onClose}
      title={title}
      description={channel ? vendorLabel(channel.type) : t('form.createDescription')}
      width="max-w-2xl"
      footer={
        readOnly ? (
          <Button variant="outline" onClick={onClose}>
            {t('common:actions.close')}
          </Button>
        ) : (
          <FormFooter
            formId={formId}
            saving={saving}
            onCancel={onClose}
            submit={channel ? t('common:actions.saveChanges') : t('form.createSubmit')}
          />
        )
      }
    >
      <form id={formId} onSubmit={submit} noValidate className="flex flex-col gap-7">
        {readOnly && channel && (
          <Alert variant="info" title={t('form.readOnlyTitle')}>
            {t(channel.source === 'env' ? 'form.readOnlyEnv' : 'form.readOnlyConfig')}
          </Alert>
        )}
        {channel && channel.warnings.length > 0 && (
          <Alert variant="warning" title={t('form.warningsTitle')}>
            <ul className="list-disc space-y-0.5 pl-4">
              {channel.warnings.map((warning) => (
                <li key={warning}>{warning}</li>
              ))}
            </ul>
          </Alert>
        )}
        {formError && <Alert variant="danger">{formError}</Alert>}

        <fieldset disabled={readOnly} className="contents">
          <Section title={t('form.sections.basics')}>
            <Field label={t('form.type')} error={errors.type} hint={t('form.typeHint')}>
              <div className="flex items-center gap-2">
                <VendorIcon type={form.type} className="size-9" />
                <Select
                  className="flex-1"
                  value={form.type}
                  options={typeOptions}
                  onChange={(event) => {
                    setForm((current) => changeType(current, event.target.value, vendors));
                    setErrors((current) => ({ ...current, type: undefined, baseUrl: undefined }));
                  }}
                />
              </div>
            </Field>
            <Field label={t('form.name')} error={errors.name} hint={t('form.nameHint')} required>
              <Input
                value={form.name}
                onChange={(event) => patch({ name: event.target.value }, 'name')}
                placeholder={t('form.namePlaceholder', { vendor: form.type })}
                maxLength={64}
                autoComplete="off"
              />
            </Field>
            <Field
              label={t('form.baseUrl')}
              error={errors.baseUrl}
              required={form.type === 'custom'}
              hint={
                vendor.defaultBaseUrl
                  ? t('form.baseUrlHint', { url: vendor.defaultBaseUrl })
                  : t('form.baseUrlCustomHint')
              }
              labelAside={
                vendor.defaultBaseUrl && form.baseUrl !== vendor.defaultBaseUrl && !readOnly ? (
                  <button
                    type="button"
                    className="inline-flex cursor-pointer items-center gap-1 text-xs text-primary hover:underline"
                    onClick={() => patch({ baseUrl: vendor.defaultBaseUrl ?? '' }, 'baseUrl')}
                  >
                    <RotateCcw className="size-3" aria-hidden />
                    {t('form.useDefault')}
                  </button>
                ) : undefined
              }
            >
              <Input
                type="url"
                value={form.baseUrl}
                onChange={(event) => patch({ baseUrl: event.target.value }, 'baseUrl')}
                placeholder={vendor.defaultBaseUrl ?? 'https://llm.example.com/v1'}
                className="font-mono text-xs"
                autoComplete="off"
                spellCheck={false}
              />
            </Field>
          </Section>
        </fieldset>

        <Section title={t('form.sections.keys')} description={channel ? t('form.keysEditDescription') : undefined}>
          {channel && <KeyPoolList channel={channel} cooling={cooling} />}
          {!readOnly && (
            <Field
              label={channel ? t('form.addKeys') : t('form.keys')}
              error={errors.keys}
              required={!channel && !vendor.keyOptional}
              optional={Boolean(channel) || vendor.keyOptional}
              hint={vendor.keyOptional && !channel ? t('form.keysOptionalHint') : t('form.keysHint')}
              labelAside={
                form.keysText ? (
                  <span className="flex items-center gap-3 text-xs text-muted-foreground tabular-nums">
                    {t('form.keysCount', { count: parseKeys(form.keysText).length })}
                    <button
                      type="button"
                      className="inline-flex cursor-pointer items-center gap-1 text-primary hover:underline"
                      aria-pressed={showKeys}
                      onClick={() => setShowKeys((value) => !value)}
                    >
                      {showKeys ? <EyeOff className="size-3" aria-hidden /> : <Eye className="size-3" aria-hidden />}
                      {showKeys ? t('form.hideKeys') : t('form.showKeys')}
                    </button>
                  </span>
                ) : undefined
              }
            >
              <Textarea
                value={form.keysText}
                onChange={(event) => patch({ keysText: event.target.value }, 'keys')}
                placeholder={'sk-...\nsk-...'}
                rows={3}
                // Masked like a password box (shoulder-surfing, screen sharing) until "Show".
                className={cn('font-mono text-xs', !showKeys && form.keysText && '[-webkit-text-security:disc]')}
                autoComplete="off"
                spellCheck={false}
                data-secret
              />
            </Field>
          )}
        </Section>

        <fieldset disabled={readOnly} className="contents">
          <Section title={t('form.sections.models')}>
            <Field
              label={t('form.models')}
              error={errors.models}
              required={form.type === 'custom'}
              hint={
                vendor.modelGlobs.length > 0
                  ? t('form.modelsDefaultHint', { models: vendor.modelGlobs.join(', ') })
                  : form.type === 'custom'
                    ? t('form.modelsCustomHint')
                    : t('form.modelsHint')
              }
            >
              <TagInput
                values={form.models}
                onChange={(models) => patch({ models }, 'models')}
                placeholder={t('form.modelsPlaceholder')}
                isValid={isModelPattern}
                markGlobs
                disabled={readOnly}
              />
            </Field>
            {channel && !readOnly && (
              <UpstreamModelPicker
                channelId={channel.id}
                selected={form.models}
                onChange={(models) => patch({ models }, 'models')}
              />
            )}
            {channel && <UnpricedAlert models={channel.unpricedModels ?? []} />}
            {!readOnly && (
              <Suggestions
                label={t('form.suggested')}
                items={[...vendor.suggestedModels, ...vendor.modelGlobs].filter((item) => !form.models.includes(item))}
                onPick={(item) => patch({ models: [...form.models, item] }, 'models')}
              />
            )}
            <Field label={t('form.mapping')} error={errors.modelMapping} hint={t('form.mappingHint')} optional>
              <PairRowsEditor
                rows={form.mapping}
                onChange={(mapping) => patch({ mapping }, 'modelMapping')}
                nameLabel={t('form.mappingFrom')}
                valueLabel={t('form.mappingTo')}
                namePlaceholder="gpt-4o"
                valuePlaceholder="gpt-4o-2024-08-06"
                addLabel={t('form.addMapping')}
                removeLabel={(_, index) => t('form.removeMapping', { index: index + 1 })}
                arrow
                invalid={Boolean(errors.modelMapping)}
              />
            </Field>
          </Section>

          <Section title={t('form.sections.routing')} description={t('form.routingDescription')}>
            <div className="grid gap-4 sm:grid-cols-2">
              <Field label={t('form.priority')} error={errors.priority} hint={t('form.priorityHint')}>
                <Input
                  type="number"
                  inputMode="numeric"
                  step={1}
                  value={form.priority}
                  onChange={(event) => patch({ priority: event.target.value }, 'priority')}
                />
              </Field>
              <Field label={t('form.weight')} error={errors.weight} hint={t('form.weightHint')}>
                <Input
                  type="number"
                  inputMode="numeric"
                  min={0}
                  max={1000}
                  step={1}
                  value={form.weight}
                  onChange={(event) => patch({ weight: event.target.value }, 'weight')}
                />
              </Field>
            </div>
            <Field label={t('form.groups')} error={errors.groups} hint={t('form.groupsHint')} optional>
              <TagInput
                values={form.groups}
                onChange={(groups) => patch({ groups }, 'groups')}
                placeholder={t('form.groupsPlaceholder')}
                isValid={isGroupName}
                disabled={readOnly}
              />
            </Field>
            <Field label={t('tools.tags')} error={errors.tags} hint={t('tools.tagsHint')} optional>
              <TagInput
                values={form.tags}
                onChange={(tags) => patch({ tags }, 'tags')}
                placeholder={t('tools.tagsPlaceholder')}
                isValid={(tag) => tag.length <= 32 && !tag.includes(',')}
                disabled={readOnly}
              />
            </Field>
          </Section>

          <Section title={t('form.sections.cost')} description={t('cost.description')}>
            <ChannelCostEditor
              form={form.cost}
              onChange={changeCost}
              errors={costErrors}
              suggestions={costSuggestions}
              readOnly={readOnly}
            />
          </Section>
        </fieldset>

        <section className="rounded-xl border border-border">
          <button
            type="button"
            className="flex w-full cursor-pointer items-center justify-between gap-3 px-4 py-3 text-left"
            aria-expanded={advancedOpen}
            onClick={() => setAdvancedOpen((value) => !value)}
          >
            <span>
              <span className="block text-sm font-semibold">{t('form.sections.advanced')}</span>
              <span className="block text-xs text-muted-foreground">{t('form.advancedDescription')}</span>
            </span>
            <ChevronRight
              className={cn('size-4 text-muted-foreground transition-transform', advancedOpen && 'rotate-90')}
              aria-hidden
            />
          </button>
          {advancedOpen && (
            <fieldset disabled={readOnly} className="space-y-5 border-t border-border px-4 py-4">
              <HeadersField
                form={form}
                channel={channel}
                error={errors.headers}
                onChange={(next) => patch(next, 'headers')}
                readOnly={readOnly}
              />
              <Field label={t('form.proxy')} error={errors.proxyUrl} hint={t('form.proxyHint')} optional>
                <Input
                  type="url"
                  value={form.proxyUrl}
                  onChange={(event) => patch({ proxyUrl: event.target.value, proxyDirty: true }, 'proxyUrl')}
                  placeholder="http://user:password@proxy.internal:3128"
                  className="font-mono text-xs"
                  autoComplete="off"
                  spellCheck={false}
                />
              </Field>
              <fieldset className="space-y-2">
                <legend className="text-sm font-medium">{t('form.timeouts')}</legend>
                <p className="text-xs text-muted-foreground">{t('form.timeoutsHint')}</p>
                <div className="grid gap-3 pt-1 sm:grid-cols-2">
                  {TIMEOUT_FIELDS.map((field) => (
                    <Field key={field} label={t(`form.timeout.${field}`)}>
                      <Input
                        inputMode="decimal"
                        value={form.timeouts[field]}
                        onChange={(event) =>
                          patch(
                            { timeouts: { ...form.timeouts, [field]: event.target.value }, timeoutsDirty: true },
                            'timeouts',
                          )
                        }
                        placeholder={field === 'totalMs' ? t('form.noLimit') : t('form.default')}
                        trailing={<span className="pr-2 text-xs text-muted-foreground">{t('form.seconds')}</span>}
                        aria-invalid={errors.timeouts ? true : undefined}
                      />
                    </Field>
                  ))}
                </div>
                {errors.timeouts && (
                  <p className="text-xs text-destructive" role="alert">
                    {errors.timeouts}
                  </p>
                )}
              </fieldset>
            </fieldset>
          )}
        </section>
      </form>
    </Drawer>
  );
}

function Section({ title, description, children }: { title: string; description?: string; children: ReactNode }) {
  return (
    <section className="space-y-4">
      <div className="space-y-0.5">
        <h3 className="text-sm font-semibold">{title}</h3>
        {description && <p className="text-xs text-muted-foreground">{description}</p>}
      </div>
      {children}
    </section>
  );
}

function Suggestions({ label, items, onPick }: { label: string; items: string[]; onPick: (item: string) => void }) {
  const { t } = useTranslation('channels');
  if (items.length === 0) return null;
  return (
    <div className="-mt-2 flex flex-wrap items-center gap-1.5">
      <span className="text-xs text-muted-foreground">{label}</span>
      {items.map((item) => (
        <button
          key={item}
          type="button"
          onClick={() => onPick(item)}
          className="inline-flex cursor-pointer items-center gap-1 rounded-md border border-dashed border-border px-1.5 py-0.5 font-mono text-xs text-muted-foreground transition-colors hover:border-primary hover:text-primary"
          aria-label={t('form.addSuggested', { model: item })}
        >
          <Plus className="size-3" aria-hidden />
          {item}
        </button>
      ))}
    </div>
  );
}

/** Extra headers: values are write-only, and the API replaces the whole set. */
function HeadersField({
  form,
  channel,
  error,
  onChange,
  readOnly,
}: {
  form: ChannelForm;
  channel?: Channel;
  error?: string;
  onChange: (next: Partial<ChannelForm>) => void;
  readOnly: boolean;
}) {
  const { t } = useTranslation('channels');
  const existing = channel?.headerNames ?? [];
  const locked = Boolean(channel) && existing.length > 0 && !form.headersDirty;
  return (
    <Field label={t('form.headers')} error={error} hint={t('form.headersHint')} optional>
      {locked || readOnly ? (
        <div className="space-y-2">
          {existing.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t('form.noHeaders')}</p>
          ) : (
            <ul className="divide-y divide-border rounded-lg border border-border">
              {existing.map((name) => (
                <li key={name} className="flex items-center justify-between gap-3 px-3 py-2">
                  <span className="font-mono text-xs">{name}</span>
                  <span className="inline-flex items-center gap-1 text-xs text-muted-foreground">
                    <Lock className="size-3" aria-hidden />
                    {t('form.valueHidden')}
                  </span>
                </li>
              ))}
            </ul>
          )}
          {!readOnly && (
            <Button
              variant="outline"
              size="sm"
              onClick={() => onChange({ headersDirty: true, headers: existing.map((name) => newRow(name, '')) })}
            >
              {t('form.replaceHeaders')}
            </Button>
          )}
        </div>
      ) : (
        <div className="space-y-2">
          {channel && existing.length > 0 && <p className="text-xs text-warning">{t('form.replaceHeadersWarning')}</p>}
          <PairRowsEditor
            rows={form.headers}
            onChange={(headers) => onChange({ headers, headersDirty: true })}
            nameLabel={t('form.headerName')}
            valueLabel={t('form.headerValue')}
            namePlaceholder="X-Custom-Header"
            valuePlaceholder={t('form.headerValuePlaceholder')}
            addLabel={t('form.addHeader')}
            removeLabel={(row, index) => t('form.removeHeader', { name: row.name || index + 1 })}
            valueType="password"
            invalid={Boolean(error)}
          />
        </div>
      )}
    </Field>
  );
}
