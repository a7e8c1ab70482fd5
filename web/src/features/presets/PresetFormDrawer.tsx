import { ChevronDown } from 'lucide-react';
import { type FormEvent, type ReactNode, useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OrderedModelList } from '../../components/OrderedModelList';
import { Alert, Drawer, Field, FormFooter, Input, Select, Switch, Textarea } from '../../components/ui';
import { ApiError } from '../../lib/api';
import { cn } from '../../lib/cn';
import { errorMessage } from '../../lib/errors';
import { useVendorsQuery } from '../../lib/vendors';
import { ChipInput } from '../keys/ChipInput';
import { useRoutableModels } from '../models/models-api';
import {
  createBody,
  EMPTY_PRESET_DRAFT,
  fieldOfParam,
  NUMBER_FIELDS,
  type NumberField,
  type PresetDraft,
  type PresetField,
  type PresetFormErrors,
  patchBody,
  readDraft,
} from './preset-form';
import { useCreatePreset, useUpdatePreset } from './presets-api';
import { MAX_PRESET_MODELS, PROVIDER_SORTS, type Preset, presetModel, REASONING_EFFORTS } from './types';

export interface PresetFormDrawerProps {
  open: boolean;
  onClose: () => void;
  /** Editing this preset; creating one when absent. */
  editing?: Preset;
  /** The form's starting values when creating (a copy of another preset). */
  initial?: PresetDraft;
  /** An administrator may save the operator's shared presets. */
  admin: boolean;
  /** Names the viewer already uses for presets of their own (or shared ones, for a shared preset). */
  namesInUse: (shared: boolean) => Set<string>;
  onSaved: (preset: Preset, created: boolean) => void;
}

const PROVIDER_LISTS = ['order', 'only', 'ignore'] as const;

/** A part of the form that folds away: open when it holds something. */
function Fold({
  title,
  hint,
  open,
  onToggle,
  children,
}: {
  title: string;
  hint: string;
  open: boolean;
  onToggle: () => void;
  children: ReactNode;
}) {
  const panelId = useId();
  return (
    <section className="rounded-xl border border-border">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={onToggle}
        className="flex w-full cursor-pointer items-center justify-between gap-3 rounded-xl px-4 py-3 text-left hover:bg-muted/50"
      >
        <span>
          <span className="block text-sm font-medium">{title}</span>
          <span className="block text-xs text-muted-foreground">{hint}</span>
        </span>
        <ChevronDown
          className={cn('size-4 shrink-0 text-muted-foreground transition-transform', open && 'rotate-180')}
          aria-hidden
        />
      </button>
      <div id={panelId} hidden={!open} className="space-y-4 border-t border-border px-4 py-4">
        {children}
      </div>
    </section>
  );
}

const hasParameters = (draft: PresetDraft) =>
  (Object.keys(NUMBER_FIELDS) as NumberField[]).some((field) => draft[field].trim() !== '') ||
  draft.stop !== '' ||
  draft.reasoningEffort !== '';
const hasProvider = (draft: PresetDraft) =>
  draft.order.length + draft.only.length + draft.ignore.length > 0 ||
  draft.sort !== '' ||
  !draft.allowFallbacks ||
  draft.requireParameters ||
  draft.maxPricePrompt !== '' ||
  draft.maxPriceCompletion !== '';

/** Create or edit a preset: name, models with fallbacks, system prompt, parameters, provider preferences. */
export function PresetFormDrawer({
  open,
  onClose,
  editing,
  initial,
  admin,
  namesInUse,
  onSaved,
}: PresetFormDrawerProps) {
  const { t } = useTranslation(['presets', 'common']);
  const create = useCreatePreset();
  const update = useUpdatePreset();
  const routable = useRoutableModels();
  const vendors = useVendorsQuery();
  const [draft, setDraft] = useState<PresetDraft>(EMPTY_PRESET_DRAFT);
  const [errors, setErrors] = useState<PresetFormErrors>({});
  /** The server's message for a field it refused, shown under that field. */
  const [serverFieldError, setServerFieldError] = useState<{ field: PresetField; message: string }>();
  const [serverError, setServerError] = useState<unknown>(null);
  const [folds, setFolds] = useState({ parameters: false, provider: false, advanced: false });
  const formId = useId();
  const ids = useId();

  // A fresh form each time the drawer opens.
  useEffect(() => {
    if (!open) return;
    const start = initial ?? EMPTY_PRESET_DRAFT;
    setDraft(start);
    setErrors({});
    setServerFieldError(undefined);
    setServerError(null);
    setFolds({ parameters: hasParameters(start), provider: hasProvider(start), advanced: start.advanced !== '' });
  }, [open, initial]);

  const modelSuggestions = useMemo(
    () => [...new Set((routable.data ?? []).map((model) => model.id))].sort(),
    [routable.data],
  );
  const vendorSuggestions = useMemo(() => (vendors.data ?? []).map((vendor) => vendor.name), [vendors.data]);

  const set = <Field extends PresetField>(field: Field, value: PresetDraft[Field]) => {
    setDraft((current) => ({ ...current, [field]: value }));
    if (errors[field]) setErrors(({ [field]: _, ...rest }) => rest);
    if (serverFieldError?.field === field) setServerFieldError(undefined);
  };
  const setModels = (models: string[]) => {
    setDraft((current) => ({ ...current, models }));
    setErrors((current) => Object.fromEntries(Object.entries(current).filter(([key]) => !key.startsWith('models'))));
    if (serverFieldError?.field === 'models') setServerFieldError(undefined);
  };

  const fieldError = (field: PresetField): string | undefined => {
    if (serverFieldError?.field === field) return serverFieldError.message;
    const key = errors[field];
    if (!key) return undefined;
    if (key === 'tooManyModels') return t('form.errors.tooManyModels', { count: MAX_PRESET_MODELS });
    return t(`form.errors.${key}` as 'form.errors.nameRequired');
  };
  const modelErrors = Object.fromEntries(
    draft.models.map((_, index) => {
      const key = errors[`models.${index}`];
      return [index, key ? t(`form.errors.${key}` as 'form.errors.modelEmpty') : undefined];
    }),
  );

  const saving = create.isPending || update.isPending;
  const shared = editing ? editing.shared : draft.shared;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const inUse = namesInUse(shared);
    const { content, errors: found } = readDraft(draft, {
      nameTaken: (name) => inUse.has(name) && name !== editing?.name,
    });
    setErrors(found);
    setServerFieldError(undefined);
    setServerError(null);
    if (!content) {
      // Open the folded part that holds the first error.
      const fields = Object.keys(found);
      setFolds((current) => ({
        parameters:
          current.parameters ||
          fields.some((field) => field in NUMBER_FIELDS || field === 'stop' || field === 'reasoningEffort'),
        provider: current.provider || fields.some((field) => /^(order|only|ignore|sort|maxPrice)/.test(field)),
        advanced: current.advanced || fields.includes('advanced'),
      }));
      return;
    }
    try {
      const saved = editing
        ? await update.mutateAsync({ id: editing.id, patch: patchBody(editing, draft, content) })
        : await create.mutateAsync(createBody(draft, content, admin));
      onSaved(saved, !editing);
    } catch (error) {
      const field = error instanceof ApiError ? fieldOfParam(error.param) : undefined;
      if (field && error instanceof ApiError) {
        setServerFieldError({ field, message: error.message });
        if (field === 'advanced') setFolds((current) => ({ ...current, advanced: true }));
        else if (field in NUMBER_FIELDS || field === 'stop' || field === 'reasoningEffort') {
          setFolds((current) => ({ ...current, parameters: true }));
        } else if (/^(order|only|ignore|sort|maxPrice|allowFallbacks|requireParameters)/.test(field)) {
          setFolds((current) => ({ ...current, provider: true }));
        }
      } else {
        setServerError(error);
      }
    }
  };

  const numberField = (field: NumberField, placeholder: string) => (
    <Field key={field} label={t(`form.params.${field}`)} error={fieldError(field)} optional>
      <Input
        inputMode="decimal"
        className="font-mono"
        placeholder={placeholder}
        value={draft[field]}
        onChange={(event) => set(field, event.target.value)}
        autoComplete="off"
      />
    </Field>
  );

  const name = draft.name.trim();
  return (
    <Drawer
      open={open}
      onClose={saving ? () => {} : onClose}
      width="max-w-2xl"
      title={editing ? t('form.editTitle', { name: editing.name }) : t('form.createTitle')}
      description={editing?.shared || (!editing && draft.shared) ? t('form.sharedDescription') : t('form.description')}
      footer={
        <FormFooter
          formId={formId}
          saving={saving}
          onCancel={onClose}
          submit={editing ? t('common:actions.saveChanges') : t('form.create')}
        />
      }
    >
      <form id={formId} onSubmit={submit} noValidate className="space-y-5 pb-2">
        {serverError !== null && <Alert variant="danger">{errorMessage(serverError)}</Alert>}

        <div className="grid gap-5 sm:grid-cols-2">
          <Field
            label={t('form.name')}
            hint={name ? t('form.nameCall', { model: presetModel(name) }) : t('form.nameHint')}
            error={fieldError('name')}
            required
          >
            <Input
              className="font-mono"
              value={draft.name}
              onChange={(event) => set('name', event.target.value)}
              placeholder="support-bot"
              maxLength={64}
              spellCheck={false}
              autoComplete="off"
              data-autofocus
            />
          </Field>
          <Field label={t('form.descriptionField')} error={fieldError('description')} optional>
            <Input
              value={draft.description}
              onChange={(event) => set('description', event.target.value)}
              placeholder={t('form.descriptionPlaceholder')}
              maxLength={500}
              autoComplete="off"
            />
          </Field>
        </div>

        {admin && !editing && (
          <div className="flex items-start justify-between gap-4 rounded-xl border border-border px-4 py-3">
            <div className="space-y-0.5">
              <label htmlFor={`${ids}-shared`} className="cursor-pointer text-sm font-medium">
                {t('form.shared')}
              </label>
              <p className="text-xs text-muted-foreground">{t('form.sharedHint')}</p>
            </div>
            <Switch id={`${ids}-shared`} checked={draft.shared} onCheckedChange={(on) => set('shared', on)} />
          </div>
        )}

        <Field label={t('form.models')} hint={t('form.modelsHint')} error={fieldError('models')} required>
          <OrderedModelList
            label={t('form.models')}
            models={draft.models}
            onChange={setModels}
            suggestions={modelSuggestions}
            max={MAX_PRESET_MODELS}
            errors={modelErrors}
          />
        </Field>

        <Field label={t('form.system')} hint={t('form.systemHint')} error={fieldError('system')} optional>
          <Textarea
            rows={5}
            value={draft.system}
            onChange={(event) => set('system', event.target.value)}
            placeholder={t('form.systemPlaceholder')}
            maxLength={100_000}
          />
        </Field>

        <Fold
          title={t('form.parameters')}
          hint={t('form.parametersHint')}
          open={folds.parameters}
          onToggle={() => setFolds((current) => ({ ...current, parameters: !current.parameters }))}
        >
          <div className="grid gap-4 sm:grid-cols-3">
            {numberField('temperature', '0–2')}
            {numberField('topP', '0–1')}
            {numberField('topK', '40')}
            {numberField('maxTokens', '1024')}
            {numberField('frequencyPenalty', '-2–2')}
            {numberField('presencePenalty', '-2–2')}
            {numberField('seed', '42')}
            <Field label={t('form.params.reasoningEffort')} error={fieldError('reasoningEffort')} optional>
              <Select
                value={draft.reasoningEffort}
                onChange={(event) => set('reasoningEffort', event.target.value as PresetDraft['reasoningEffort'])}
                options={[
                  { value: '', label: t('form.params.effortDefault') },
                  ...REASONING_EFFORTS.map((effort) => ({ value: effort, label: t(`form.params.effort.${effort}`) })),
                ]}
              />
            </Field>
          </div>
          <Field label={t('form.params.stop')} hint={t('form.params.stopHint')} error={fieldError('stop')} optional>
            <Textarea
              rows={2}
              className="font-mono"
              value={draft.stop}
              onChange={(event) => set('stop', event.target.value)}
              spellCheck={false}
            />
          </Field>
        </Fold>

        <Fold
          title={t('form.provider')}
          hint={t('form.providerHint')}
          open={folds.provider}
          onToggle={() => setFolds((current) => ({ ...current, provider: !current.provider }))}
        >
          {PROVIDER_LISTS.map((list) => (
            <Field
              key={list}
              label={t(`form.providerFields.${list}`)}
              hint={t(`form.providerFields.${list}Hint`)}
              error={fieldError(list)}
              optional
            >
              <ChipInput
                values={draft[list]}
                onChange={(values) => set(list, values)}
                suggestions={vendorSuggestions}
                placeholder={t('form.providerFields.vendorPlaceholder')}
                removeLabel={(value) => t('form.providerFields.remove', { value })}
                suggestionsLabel={t('form.providerFields.suggestions')}
              />
            </Field>
          ))}
          <div className="grid gap-4 sm:grid-cols-3">
            <Field label={t('form.providerFields.sort')} error={fieldError('sort')} optional>
              <Select
                value={draft.sort}
                onChange={(event) => set('sort', event.target.value as PresetDraft['sort'])}
                options={[
                  { value: '', label: t('form.providerFields.sortDefault') },
                  ...PROVIDER_SORTS.map((sort) => ({ value: sort, label: t(`form.providerFields.sorts.${sort}`) })),
                ]}
              />
            </Field>
            <Field
              label={t('form.providerFields.maxPrompt')}
              error={fieldError('maxPricePrompt')}
              hint={t('form.providerFields.perMillion')}
              optional
            >
              <Input
                inputMode="decimal"
                leading={<span className="text-sm">$</span>}
                value={draft.maxPricePrompt}
                onChange={(event) => set('maxPricePrompt', event.target.value)}
                autoComplete="off"
              />
            </Field>
            <Field
              label={t('form.providerFields.maxCompletion')}
              error={fieldError('maxPriceCompletion')}
              hint={t('form.providerFields.perMillion')}
              optional
            >
              <Input
                inputMode="decimal"
                leading={<span className="text-sm">$</span>}
                value={draft.maxPriceCompletion}
                onChange={(event) => set('maxPriceCompletion', event.target.value)}
                autoComplete="off"
              />
            </Field>
          </div>
          <div className="flex items-start justify-between gap-4">
            <div className="space-y-0.5">
              <label htmlFor={`${ids}-fallbacks`} className="cursor-pointer text-sm font-medium">
                {t('form.providerFields.allowFallbacks')}
              </label>
              <p className="text-xs text-muted-foreground">{t('form.providerFields.allowFallbacksHint')}</p>
            </div>
            <Switch
              id={`${ids}-fallbacks`}
              checked={draft.allowFallbacks}
              onCheckedChange={(on) => set('allowFallbacks', on)}
            />
          </div>
          <div className="flex items-start justify-between gap-4">
            <div className="space-y-0.5">
              <label htmlFor={`${ids}-require`} className="cursor-pointer text-sm font-medium">
                {t('form.providerFields.requireParameters')}
              </label>
              <p className="text-xs text-muted-foreground">{t('form.providerFields.requireParametersHint')}</p>
            </div>
            <Switch
              id={`${ids}-require`}
              checked={draft.requireParameters}
              onCheckedChange={(on) => set('requireParameters', on)}
            />
          </div>
        </Fold>

        <Fold
          title={t('form.advanced')}
          hint={t('form.advancedHint')}
          open={folds.advanced}
          onToggle={() => setFolds((current) => ({ ...current, advanced: !current.advanced }))}
        >
          <Field
            label={t('form.advancedField')}
            hint={t('form.advancedFieldHint')}
            error={fieldError('advanced')}
            optional
          >
            <Textarea
              rows={6}
              className="font-mono text-xs"
              value={draft.advanced}
              onChange={(event) => set('advanced', event.target.value)}
              placeholder={
                '{\n  "params": { "response_format": { "type": "json_object" } },\n  "provider": { "data_collection": "deny" }\n}'
              }
              spellCheck={false}
            />
          </Field>
        </Fold>
      </form>
    </Drawer>
  );
}
