import { KeyRound, Trash2 } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card, CardContent, CardHeader, Field, Input, Skeleton, useToast } from '../../components/ui';
import { errorMessage } from '../../lib/errors';
import { formatDate } from '../../lib/format';
import { isWebAuthnCancel, useDeletePasskey, usePasskeys, useRegisterPasskey } from './mfa-api';

/** Passkeys for signing in without a password: add one (named), see them, delete one. */
export function PasskeysCard() {
  const { t } = useTranslation('account');
  const toast = useToast();
  const passkeys = usePasskeys();
  const register = useRegisterPasskey();
  const remove = useDeletePasskey();
  const [name, setName] = useState('');

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    register.mutate(name.trim() || t('passkeys.defaultName'), {
      onSuccess: () => {
        setName('');
        toast.success(t('passkeys.added'));
      },
    });
  };
  const error = register.error ?? remove.error;

  return (
    <Card>
      <CardHeader title={t('passkeys.title')} description={t('passkeys.description')} />
      <CardContent className="space-y-4">
        {passkeys.isPending && <Skeleton className="h-10 w-full" />}
        {passkeys.error && <Alert variant="danger">{errorMessage(passkeys.error)}</Alert>}
        {passkeys.data && passkeys.data.data.length === 0 && (
          <p className="text-sm text-muted-foreground">{t('passkeys.none')}</p>
        )}
        {passkeys.data && passkeys.data.data.length > 0 && (
          <ul className="divide-y divide-border" data-testid="passkey-list">
            {passkeys.data.data.map((passkey) => (
              <li key={passkey.id} className="flex items-center gap-3 py-2">
                <KeyRound className="size-4 text-muted-foreground" />
                <div className="min-w-0 flex-1">
                  <p className="truncate text-sm font-medium">{passkey.name}</p>
                  <p className="text-xs text-muted-foreground">
                    {t('passkeys.added_at', { date: formatDate(passkey.createdAt) })}
                    {passkey.lastUsedAt !== null &&
                      ` · ${t('passkeys.lastUsed', { date: formatDate(passkey.lastUsedAt) })}`}
                  </p>
                </div>
                <Button
                  variant="ghost"
                  size="icon-sm"
                  aria-label={t('passkeys.delete', { name: passkey.name })}
                  loading={remove.isPending && remove.variables === passkey.id}
                  onClick={() => remove.mutate(passkey.id)}
                >
                  <Trash2 />
                </Button>
              </li>
            ))}
          </ul>
        )}
        {error && (
          <Alert variant="danger">{isWebAuthnCancel(error) ? t('passkeys.cancelled') : errorMessage(error)}</Alert>
        )}
        <form className="flex flex-wrap items-end gap-2" onSubmit={onSubmit} noValidate>
          <Field label={t('passkeys.name')} className="min-w-48 flex-1">
            <Input
              name="passkeyName"
              maxLength={64}
              placeholder={t('passkeys.namePlaceholder')}
              value={name}
              onChange={(event) => setName(event.target.value)}
            />
          </Field>
          <Button type="submit" variant="outline" loading={register.isPending}>
            <KeyRound />
            {t('passkeys.add')}
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}
