import { KeyRound, RotateCcw } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Badge, Button, Field, Input, PasswordInput, Select, Textarea } from '../../../components/ui';
import i18n from '../../../lib/i18n';
import { type FieldDraft, fieldKind, shownText } from './provider-form';
import type { PaymentMethod, ProviderField } from './types';

/** A field's label from payments-admin:providers.fields, else its name as the server gives it. */
function fieldLabel(method: PaymentMethod, name: string): string {
  for (const key of [`providers.fields.${method}.${name}`, `providers.fields.${name}`]) {
    if (i18n.exists(key, { ns: 'paymentsAdmin' })) return i18n.t(key as 'title', { ns: 'paymentsAdmin' });
  }
  return name;
}

interface Props {
  method: PaymentMethod;
  field: ProviderField;
  draft: FieldDraft;
  onChange: (draft: FieldDraft) => void;
  error?: string;
}

/**
 * One provider field. A secret shows only whether it is set (and where from), with Replace and
 * Clear; a value from the environment is read-only until the operator chooses to override it.
 */
export function ProviderFieldInput({ method, field, draft, onChange, error }: Props) {
  const { t } = useTranslation('paymentsAdmin');
  const label = fieldLabel(method, field.name);
  const fromEnv = field.source === 'env';
  const source =
    field.source === 'env' ? (
      <Badge variant="info">{t('providers.source.env', { name: field.envName ?? '' })}</Badge>
    ) : field.source === 'console' ? (
      <Badge variant="outline">{t('providers.source.console')}</Badge>
    ) : null;
  const hint = field.envName && !fromEnv ? t('providers.envHint', { name: field.envName }) : undefined;
  const set = (text: string) => onChange({ action: 'set', text });

  if (field.secret) {
    const isSet = field.source !== null;
    const editing = draft.action === 'set' || !isSet;
    return (
      <Field label={label} error={error} hint={hint} labelAside={source}>
        {draft.action === 'clear' ? (
          <div className="flex items-center justify-between gap-2 rounded-lg border border-dashed border-border px-3 py-2 text-sm">
            <span className="text-muted-foreground">{t('providers.secret.willClear')}</span>
            <Button size="sm" variant="ghost" onClick={() => onChange({ action: 'keep' })}>
              <RotateCcw />
              {t('providers.secret.undo')}
            </Button>
          </div>
        ) : editing ? (
          <div className="flex gap-2">
            <div className="min-w-0 flex-1">
              <PasswordInput
                autoComplete="new-password"
                placeholder={isSet ? t('providers.secret.newValue') : t('providers.secret.notSet')}
                value={draft.action === 'set' ? draft.text : ''}
                onChange={(event) => set(event.target.value)}
              />
            </div>
            {isSet && (
              <Button variant="ghost" onClick={() => onChange({ action: 'keep' })}>
                {t('providers.secret.keep')}
              </Button>
            )}
          </div>
        ) : (
          <div className="flex flex-wrap items-center gap-2 rounded-lg border border-border px-3 py-1.5">
            <KeyRound className="size-4 text-muted-foreground" aria-hidden />
            <span className="text-sm" data-secret-state="set">
              {t('providers.secret.set')}
            </span>
            <span className="ml-auto flex gap-1">
              <Button size="sm" variant="outline" onClick={() => set('')}>
                {t('providers.secret.replace')}
              </Button>
              {field.source === 'console' && (
                <Button size="sm" variant="ghost" onClick={() => onChange({ action: 'clear' })}>
                  {t('providers.secret.clear')}
                </Button>
              )}
            </span>
          </div>
        )}
      </Field>
    );
  }

  const kind = fieldKind(field.name);
  const locked = fromEnv && draft.action === 'keep';
  const value = shownText(field, draft);
  const override = locked ? (
    <Button size="sm" variant="outline" onClick={() => set(field.value ?? '')}>
      {t('providers.override')}
    </Button>
  ) : fromEnv ? (
    <Button size="sm" variant="ghost" onClick={() => onChange({ action: 'keep' })}>
      {t('providers.useEnv')}
    </Button>
  ) : null;
  const control =
    kind.type === 'choice' ? (
      <Select
        value={value}
        disabled={locked}
        placeholder={t('providers.default')}
        onChange={(event) => set(event.target.value)}
        options={kind.options.map((option) => ({ value: option, label: option }))}
      />
    ) : kind.type === 'multiline' ? (
      <Textarea
        value={value}
        disabled={locked}
        spellCheck={false}
        className="font-mono text-xs"
        onChange={(event) => set(event.target.value)}
      />
    ) : (
      <Input
        type={kind.type === 'url' ? 'url' : 'text'}
        value={value}
        disabled={locked}
        spellCheck={false}
        placeholder={field.source === null ? t('providers.notSet') : undefined}
        onChange={(event) => set(event.target.value)}
      />
    );
  return (
    <Field
      label={label}
      error={error}
      hint={hint}
      labelAside={source}
      className={kind.type === 'multiline' ? 'sm:col-span-2' : undefined}
    >
      <div className="flex items-start gap-2">
        <div className="min-w-0 flex-1">{control}</div>
        {override}
      </div>
    </Field>
  );
}
