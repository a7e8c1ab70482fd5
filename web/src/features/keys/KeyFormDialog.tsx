import { ChevronDown } from 'lucide-react';
import { type FormEvent, useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Dialog, Field, FormFooter, Input, Select } from '../../components/ui';
import { ApiError } from '../../lib/api';
import { cn } from '../../lib/cn';
import { useRoutableModels } from '../models/models-api';
import { ChipInput } from './ChipInput';
import { keyErrorMessage } from './key-errors';
import {
  createBody,
  daysFromNow,
  EMPTY_FORM,
  fieldOfParam,
  isIpRule,
  isModelPattern,
  type KeyFormErrors,
  type KeyFormValues,
  patchBody,
  toDateInput,
  validateKeyForm,
  valuesFromKey,
} from './key-form';
import { formatMultiplier, useCreateKey, useKeyGroups, useUpdateKey } from './keys-api';
import type { ApiKey, CreatedKey } from './types';

export interface KeyFormDialogProps {
  open: boolean;
  onClose: () => void;
  /** Editing this key; creating a new one when absent. */
  editing?: ApiKey;
  /** After a creation: the secret, to show once. */
  onCreated: (created: CreatedKey) => void;
  onSaved?: (key: ApiKey) => void;
}

const EXPIRY_SHORTCUTS = [7, 30, 90, 365] as const;
const LIMIT_FIELDS = ['rpmLimit', 'tpmLimit', 'concurrencyLimit'] as const;

/** Create or edit an API key: name, quota, expiry, allowed models and addresses, rate limits. */
export function KeyFormDialog({ open, onClose, editing, onCreated, onSaved }: KeyFormDialogProps) {
  const { t } = useTranslation(['keys', 'common']);
  const create = useCreateKey();
  const update = useUpdateKey();
  const routable = useRoutableModels();
  const keyGroups = useKeyGroups(open);
  const [values, setValues] = useState<KeyFormValues>(EMPTY_FORM);
  const [errors, setErrors] = useState<KeyFormErrors>({});
  const [serverError, setServerError] = useState<unknown>(null);
  const [showLimits, setShowLimits] = useState(false);
  // Text typed in a chip box but not added with Enter.
  const [pending, setPending] = useState<{ allowedModels: string; allowedIps: string }>({
    allowedModels: '',
    allowedIps: '',
  });
  const limitsId = useId();
  const initialExpiresOn = editing?.expiresAt != null ? toDateInput(editing.expiresAt) : undefined;

  // A fresh form each time the dialog opens.
  useEffect(() => {
    if (!open) return;
    const initial = editing ? valuesFromKey(editing) : EMPTY_FORM;
    setValues(initial);
    setErrors({});
    setServerError(null);
    setPending({ allowedModels: '', allowedIps: '' });
    setShowLimits(LIMIT_FIELDS.some((field) => initial[field] !== ''));
  }, [open, editing]);

  const modelSuggestions = useMemo(() => {
    const ids = [...new Set((routable.data ?? []).map((model) => model.id))].sort();
    // Handy globs for each family (`claude-*`), then the ids themselves.
    const families = [...new Set(ids.map((id) => /^([a-z]+)-/i.exec(id)?.[1]).filter(Boolean))].map(
      (family) => `${family}-*`,
    );
    return [...families, ...ids];
  }, [routable.data]);

  // The person's own group is the empty choice (a key without a group follows its owner's group).
  const groupOptions = useMemo(() => {
    const groups = keyGroups.data?.data ?? [];
    const options = groups.map((group) => ({
      value: group.own ? '' : group.name,
      label: group.own
        ? t('form.groupOwn', { name: group.name, multiplier: formatMultiplier(group.multiplierPpm) })
        : t(group.description ? 'form.groupOptionDescribed' : 'form.groupOption', {
            name: group.name,
            multiplier: formatMultiplier(group.multiplierPpm),
            description: group.description,
          }),
    }));
    if (values.group !== '' && !options.some((option) => option.value === values.group)) {
      options.push({ value: values.group, label: t('form.groupUnavailable', { name: values.group }) });
    }
    return options;
  }, [keyGroups.data, values.group, t]);

  const set = <Field extends keyof KeyFormValues>(field: Field, value: KeyFormValues[Field]) => {
    setValues((current) => ({ ...current, [field]: value }));
    if (errors[field]) setErrors((current) => ({ ...current, [field]: undefined }));
  };

  const saving = create.isPending || update.isPending;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = validateKeyForm(values, { initialExpiresOn });
    if (pending.allowedModels) found.allowedModels = 'pendingEntry';
    if (pending.allowedIps) found.allowedIps = 'pendingEntry';
    setErrors(found);
    setServerError(null);
    if (Object.values(found).some(Boolean)) {
      const first = Object.keys(found)[0];
      if (first === 'rpmLimit' || first === 'tpmLimit' || first === 'concurrencyLimit') setShowLimits(true);
      return;
    }
    try {
      if (editing) {
        const patch = patchBody(editing, values);
        const saved = Object.keys(patch).length > 0 ? await update.mutateAsync({ id: editing.id, patch }) : editing;
        onSaved?.(saved);
      } else {
        const result = await create.mutateAsync(createBody(values));
        // The secret goes to the "shown once" dialog only, not kept in the mutation's state.
        create.reset();
        onCreated(result);
      }
    } catch (error) {
      const field = error instanceof ApiError && error.code === 'invalid_value' ? fieldOfParam(error.param) : undefined;
      if (field) setErrors((current) => ({ ...current, [field]: 'serverRefused' as never }));
      setServerError(error);
    }
  };

  const fieldError = (field: keyof KeyFormValues) => {
    const error = errors[field] as string | undefined;
    if (!error) return undefined;
    if (error === 'serverRefused') return serverError instanceof ApiError ? serverError.message : undefined;
    if (error === 'pendingEntry') {
      return t('form.errors.pendingEntry', { value: pending[field as 'allowedModels' | 'allowedIps'] });
    }
    return t(`form.errors.${error}` as 'form.errors.nameRequired');
  };
  const formId = useId();

  return (
    <Dialog
      open={open}
      onClose={saving ? () => {} : onClose}
      dismissible={false}
      size="lg"
      title={editing ? t('form.editTitle', { name: editing.name }) : t('form.createTitle')}
      description={editing ? t('form.editDescription') : t('form.createDescription')}
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
        {serverError !== null && !Object.values(errors).includes('serverRefused' as never) && (
          <Alert variant="danger">{keyErrorMessage(serverError)}</Alert>
        )}
        <Field label={t('form.name')} hint={t('form.nameHint')} error={fieldError('name')} required>
          <Input
            value={values.name}
            onChange={(event) => set('name', event.target.value)}
            placeholder={t('form.namePlaceholder')}
            maxLength={100}
            autoComplete="off"
            data-autofocus
          />
        </Field>

        <div className="grid gap-5 sm:grid-cols-2">
          <Field label={t('form.quota')} hint={t('form.quotaHint')} error={fieldError('quota')} optional>
            <Input
              value={values.quota}
              onChange={(event) => set('quota', event.target.value)}
              inputMode="decimal"
              placeholder={t('form.quotaPlaceholder')}
              leading={<span className="text-sm">$</span>}
              autoComplete="off"
            />
          </Field>
          <Field
            label={t('form.expiry')}
            hint={values.expiresOn ? t('form.expiryHintSet') : t('form.expiryHint')}
            error={fieldError('expiresOn')}
            optional
          >
            <Input
              type="date"
              value={values.expiresOn}
              min={daysFromNow(0)}
              onChange={(event) => set('expiresOn', event.target.value)}
            />
          </Field>
        </div>
        <div className="-mt-3 flex flex-wrap items-center gap-1.5 sm:justify-end">
          <span className="text-xs text-muted-foreground">{t('form.expiresIn')}</span>
          {EXPIRY_SHORTCUTS.map((days) => (
            <button
              key={days}
              type="button"
              onClick={() => set('expiresOn', daysFromNow(days))}
              className={cn(
                'h-6 cursor-pointer rounded-full border px-2 text-xs transition-colors',
                values.expiresOn === daysFromNow(days)
                  ? 'border-primary/40 bg-primary-soft text-primary'
                  : 'border-border text-muted-foreground hover:bg-accent hover:text-foreground',
              )}
            >
              {t('form.days', { count: days })}
            </button>
          ))}
          <button
            type="button"
            onClick={() => set('expiresOn', '')}
            className={cn(
              'h-6 cursor-pointer rounded-full border px-2 text-xs transition-colors',
              values.expiresOn === ''
                ? 'border-primary/40 bg-primary-soft text-primary'
                : 'border-border text-muted-foreground hover:bg-accent hover:text-foreground',
            )}
          >
            {t('form.never')}
          </button>
        </div>

        {groupOptions.length > 1 && (
          <Field label={t('form.group')} hint={t('form.groupHint')} error={fieldError('group')}>
            <Select
              value={values.group}
              onChange={(event) => set('group', event.target.value)}
              options={groupOptions}
              data-testid="key-group"
            />
          </Field>
        )}

        <Field label={t('form.models')} hint={t('form.modelsHint')} error={fieldError('allowedModels')} optional>
          <ChipInput
            values={values.allowedModels}
            onChange={(list) => set('allowedModels', list)}
            onPendingChange={(text) => {
              setPending((current) => ({ ...current, allowedModels: text }));
              if (errors.allowedModels === 'pendingEntry')
                setErrors((current) => ({ ...current, allowedModels: undefined }));
            }}
            suggestions={modelSuggestions}
            isValid={isModelPattern}
            placeholder={t('form.modelsPlaceholder')}
            removeLabel={(value) => t('form.remove', { value })}
            suggestionsLabel={t('form.modelSuggestions')}
          />
        </Field>

        <Field label={t('form.ips')} hint={t('form.ipsHint')} error={fieldError('allowedIps')} optional>
          <ChipInput
            values={values.allowedIps}
            onChange={(list) => set('allowedIps', list)}
            onPendingChange={(text) => {
              setPending((current) => ({ ...current, allowedIps: text }));
              if (errors.allowedIps === 'pendingEntry') setErrors((current) => ({ ...current, allowedIps: undefined }));
            }}
            isValid={isIpRule}
            placeholder={t('form.ipsPlaceholder')}
            removeLabel={(value) => t('form.remove', { value })}
          />
        </Field>

        <div className="rounded-xl border border-border">
          <button
            type="button"
            aria-expanded={showLimits}
            aria-controls={limitsId}
            onClick={() => setShowLimits((value) => !value)}
            className="flex w-full cursor-pointer items-center justify-between gap-3 rounded-xl px-4 py-3 text-left hover:bg-muted/50"
          >
            <span>
              <span className="block text-sm font-medium">{t('form.limits')}</span>
              <span className="block text-xs text-muted-foreground">{t('form.limitsHint')}</span>
            </span>
            <ChevronDown
              className={cn('size-4 shrink-0 text-muted-foreground transition-transform', showLimits && 'rotate-180')}
              aria-hidden
            />
          </button>
          <div
            id={limitsId}
            hidden={!showLimits}
            className="grid gap-4 border-t border-border px-4 py-4 sm:grid-cols-3"
          >
            {LIMIT_FIELDS.map((field) => (
              <Field key={field} label={t(`form.${field}`)} error={fieldError(field)}>
                <Input
                  value={values[field]}
                  onChange={(event) => set(field, event.target.value)}
                  inputMode="numeric"
                  placeholder={t('form.noLimit')}
                  autoComplete="off"
                />
              </Field>
            ))}
          </div>
        </div>
      </form>
    </Dialog>
  );
}
