import { Save } from 'lucide-react';
import { type FormEvent, useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Alert,
  Drawer,
  Field,
  FormFooter,
  Input,
  SegmentedControl,
  Switch,
  Textarea,
  useToast,
} from '../../../components/ui';
import { ApiError } from '../../../lib/api';
import { ChipInput } from '../../keys/ChipInput';
import { isModelPattern } from '../../keys/key-form';
import { useRoutableModels } from '../../models/models-api';
import { SwitchRow } from '../settings/SettingsSection';
import { AllowanceEditor } from './AllowanceEditor';
import { type Plan, useCreatePlan, useUpdatePlan } from './api';
import { planErrorMessage } from './plan-errors';
import {
  EMPTY_PLAN_FORM,
  fieldOfParam,
  hasErrors,
  LIMITS,
  PERIOD_KINDS,
  type PeriodKind,
  type PlanFormErrors,
  type PlanFormValues,
  planBody,
  validatePlanForm,
  valuesFromPlan,
} from './plan-form';

export interface PlanFormDrawerProps {
  open: boolean;
  onClose: () => void;
  /** The plan to edit; none: a new plan. */
  editing?: Plan;
}

/** Create or edit a plan: the server's fields, checked the server's way before sending. */
export function PlanFormDrawer({ open, onClose, editing }: PlanFormDrawerProps) {
  const { t } = useTranslation(['plansAdmin', 'common']);
  const toast = useToast();
  const create = useCreatePlan();
  const update = useUpdatePlan();
  const routable = useRoutableModels();
  const formId = useId();
  const [values, setValues] = useState<PlanFormValues>(EMPTY_PLAN_FORM);
  const [errors, setErrors] = useState<PlanFormErrors>({});
  const [pendingModel, setPendingModel] = useState('');
  const [serverError, setServerError] = useState<unknown>(null);
  const saving = create.isPending || update.isPending;

  // A refetched plan (same id) must not reset what is being typed.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the form starts over only on open or another plan.
  useEffect(() => {
    if (!open) return;
    setValues(editing ? valuesFromPlan(editing) : EMPTY_PLAN_FORM);
    setErrors({});
    setPendingModel('');
    setServerError(null);
  }, [open, editing?.id]);

  const modelSuggestions = useMemo(() => {
    const ids = [...new Set((routable.data ?? []).map((model) => model.id))].sort();
    const families = [...new Set(ids.map((id) => /^([a-z]+)-/i.exec(id)?.[1]).filter(Boolean))].map(
      (family) => `${family}-*`,
    );
    return ['*', ...families, ...ids];
  }, [routable.data]);

  const set = <Key extends keyof PlanFormValues>(key: Key, value: PlanFormValues[Key]) => {
    setValues((current) => ({ ...current, [key]: value }));
    if (key in errors) setErrors((current) => ({ ...current, [key]: undefined }));
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found = validatePlanForm(values);
    if (pendingModel && !found.models) found.models = 'pendingEntry';
    setErrors(found);
    setServerError(null);
    if (hasErrors(found)) return;
    const onError = setServerError;
    const body = planBody(values);
    if (editing) {
      update.mutate(
        { id: editing.id, body },
        {
          onSuccess: () => {
            toast.success(t('form.saved'));
            onClose();
          },
          onError,
        },
      );
    } else {
      create.mutate(body, {
        onSuccess: (plan) => {
          toast.success(t('form.created', { name: plan.name }));
          onClose();
        },
        onError,
      });
    }
  };

  // A server refusal that names a field shows under it (client checks catch most before sending).
  const serverPlace = fieldOfParam(serverError instanceof ApiError ? serverError.param : null, values);
  const message = (field: Exclude<keyof PlanFormErrors, 'allowances'>) => {
    const error = errors[field];
    if (error) return t(`form.errors.${error}`);
    if (serverPlace && 'field' in serverPlace && serverPlace.field === field) return planErrorMessage(serverError);
    return undefined;
  };
  const rowErrors = serverPlace && 'rowId' in serverPlace ? { [serverPlace.rowId]: planErrorMessage(serverError) } : {};

  return (
    <Drawer
      open={open}
      onClose={saving ? () => {} : onClose}
      width="max-w-2xl"
      title={editing ? t('form.editTitle', { name: editing.name }) : t('form.createTitle')}
      description={editing ? t('form.editNote') : undefined}
      footer={
        <FormFooter
          formId="plan-form"
          saving={saving}
          onCancel={onClose}
          submit={
            <>
              {!saving && <Save />}
              {editing ? t('form.save') : t('form.create')}
            </>
          }
        />
      }
    >
      <form id="plan-form" className="space-y-5" onSubmit={onSubmit} noValidate>
        {serverError !== null && !serverPlace && <Alert variant="danger">{planErrorMessage(serverError)}</Alert>}
        <Field label={t('form.name')} error={message('name')} required>
          <Input
            value={values.name}
            maxLength={LIMITS.name + 20}
            placeholder={t('form.namePlaceholder')}
            onChange={(event) => set('name', event.target.value)}
            autoFocus
          />
        </Field>
        <Field label={t('form.description')} hint={t('form.descriptionHint')} error={message('description')} optional>
          <Textarea rows={2} value={values.description} onChange={(event) => set('description', event.target.value)} />
        </Field>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label={t('form.price')} hint={t('form.priceHint')} error={message('price')} required>
            <Input
              inputMode="decimal"
              leading={<span className="text-sm">$</span>}
              placeholder="20.00"
              value={values.price}
              onChange={(event) => set('price', event.target.value)}
            />
          </Field>
          <div className="space-y-1.5">
            <p className="text-sm font-medium">{t('form.period')}</p>
            <SegmentedControl<PeriodKind>
              label={t('form.period')}
              value={values.periodKind}
              onChange={(kind) => set('periodKind', kind)}
              options={PERIOD_KINDS.map((kind) => ({ value: kind, label: t(`form.periodKinds.${kind}`) }))}
            />
          </div>
        </div>
        {values.periodKind === 'days' && (
          <Field label={t('form.days')} error={message('periodDays')} required>
            <Input
              type="number"
              inputMode="numeric"
              min={1}
              max={LIMITS.days}
              value={values.periodDays}
              onChange={(event) => set('periodDays', event.target.value)}
            />
          </Field>
        )}
        <Field label={t('form.models')} hint={t('form.modelsHint')} error={message('models')} required>
          <ChipInput
            values={values.models}
            onChange={(models) => set('models', models)}
            onPendingChange={(text) => {
              setPendingModel(text);
              if (errors.models === 'pendingEntry') setErrors((current) => ({ ...current, models: undefined }));
            }}
            suggestions={modelSuggestions}
            isValid={isModelPattern}
            placeholder={t('form.modelsPlaceholder')}
            removeLabel={(value) => t('form.remove', { value })}
            suggestionsLabel={t('form.modelSuggestions')}
          />
        </Field>
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium">{t('form.allowances')}</legend>
          <p className="text-xs text-muted-foreground">{t('form.allowancesHint')}</p>
          <AllowanceEditor
            rows={values.allowances}
            onChange={(rows) => {
              setValues((current) => ({ ...current, allowances: rows }));
              setErrors((current) => ({ ...current, allowances: undefined }));
            }}
            errors={errors.allowances}
            serverErrors={rowErrors}
          />
        </fieldset>
        <Field label={t('form.rpm')} hint={t('form.rpmHint')} error={message('requestsPerMinute')} optional>
          <Input
            type="number"
            inputMode="numeric"
            min={1}
            value={values.requestsPerMinute}
            onChange={(event) => set('requestsPerMinute', event.target.value)}
          />
        </Field>
        <SwitchRow
          id={`${formId}-overflow`}
          label={t('form.overflow')}
          description={t('form.overflowHint')}
          control={
            <Switch
              id={`${formId}-overflow`}
              checked={values.overflowToBalance}
              onCheckedChange={(checked) => set('overflowToBalance', checked)}
            />
          }
        />
      </form>
    </Drawer>
  );
}
