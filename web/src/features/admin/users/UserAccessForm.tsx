import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, ConfirmDialog, Field, Input, Select, useToast } from '../../../components/ui';
import { ApiError, api } from '../../../lib/api';
import { useAuth } from '../../../lib/auth';
import { errorMessage } from '../../../lib/errors';
import type { User } from '../../../lib/types';
import { BOOTSTRAP_ADMIN_ID, type UserPatch, useUpdateUser } from './api';

interface Draft {
  displayName: string;
  role: User['role'];
  group: string;
  rpmLimit: string;
  tpmLimit: string;
  concurrencyLimit: string;
}

const LIMITS = ['rpmLimit', 'tpmLimit', 'concurrencyLimit'] as const;

function draftOf(user: User): Draft {
  return {
    displayName: user.displayName ?? '',
    role: user.role,
    group: user.group,
    rpmLimit: user.rpmLimit === null ? '' : String(user.rpmLimit),
    tpmLimit: user.tpmLimit === null ? '' : String(user.tpmLimit),
    concurrencyLimit: user.concurrencyLimit === null ? '' : String(user.concurrencyLimit),
  };
}

/** Group names worth suggesting: those with a price multiplier. */
function useKnownGroups() {
  return useQuery({
    queryKey: ['admin', 'prices'],
    queryFn: ({ signal }) => api.get<{ groups: Record<string, number> }>('/api/admin/prices', { signal }),
    select: (rules) => Object.keys(rules.groups),
    staleTime: 60_000,
  });
}

/** Display name, role, pricing group and per-user rate limits; saved together, role changes confirmed. */
export function UserAccessForm({ user }: { user: User }) {
  const { t } = useTranslation(['manage', 'common']);
  const toast = useToast();
  const { user: me } = useAuth();
  const update = useUpdateUser(user.id);
  const groups = useKnownGroups();
  const groupListId = useId();
  const [draft, setDraft] = useState<Draft>(() => draftOf(user));
  const [problems, setProblems] = useState<Partial<Record<keyof Draft, string>>>({});
  const [confirmRole, setConfirmRole] = useState(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: start over when another user (or a saved version) arrives.
  useEffect(() => {
    setDraft(draftOf(user));
    setProblems({});
  }, [user.id, user.updatedAt]);

  const original = draftOf(user);
  const dirty = (Object.keys(draft) as (keyof Draft)[]).some((key) => draft[key] !== original[key]);
  const roleLocked = user.id === BOOTSTRAP_ADMIN_ID || user.id === me?.id;
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((current) => ({ ...current, [key]: value }));

  const buildPatch = (): UserPatch | undefined => {
    const next: Partial<Record<keyof Draft, string>> = {};
    const patch: UserPatch = {};
    if (draft.displayName !== original.displayName) patch.displayName = draft.displayName.trim() || null;
    if (draft.role !== original.role) patch.role = draft.role;
    if (draft.group !== original.group) {
      if (!/^[A-Za-z0-9._-]{1,64}$/.test(draft.group.trim())) next.group = t('users.access.errors.group');
      else patch.group = draft.group.trim();
    }
    for (const key of LIMITS) {
      if (draft[key] === original[key]) continue;
      const text = draft[key].trim();
      if (text === '') patch[key] = null;
      else if (/^\d+$/.test(text) && Number(text) >= 1) patch[key] = Number(text);
      else next[key] = t('users.access.errors.limit');
    }
    setProblems(next);
    return Object.keys(next).length ? undefined : patch;
  };

  const save = (patch: UserPatch) =>
    update.mutate(patch, {
      onSuccess: () => {
        setConfirmRole(false);
        toast.success(t('users.access.saved'));
      },
      onError: () => setConfirmRole(false),
    });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const patch = buildPatch();
    if (!patch) return;
    if (patch.role) setConfirmRole(true);
    else save(patch);
  };

  const param = update.error instanceof ApiError ? update.error.param : null;
  const fieldError = (key: keyof Draft) => problems[key] ?? (param === key ? errorMessage(update.error) : undefined);
  const formError = update.error && !(param && param in draft) ? update.error : undefined;

  return (
    <form className="space-y-5" onSubmit={onSubmit} noValidate>
      {formError && <Alert variant="danger">{errorMessage(formError)}</Alert>}
      <section className="grid gap-4 sm:grid-cols-2">
        <Field
          label={t('users.access.displayName')}
          optional
          error={fieldError('displayName')}
          className="sm:col-span-2"
        >
          <Input
            value={draft.displayName}
            maxLength={100}
            onChange={(event) => set('displayName', event.target.value)}
          />
        </Field>
        <Field
          label={t('users.access.role')}
          hint={roleLocked ? t('users.access.roleLocked') : t('users.access.roleHint')}
          error={fieldError('role')}
        >
          <Select
            value={draft.role}
            disabled={roleLocked}
            onChange={(event) => set('role', event.target.value as User['role'])}
            options={[
              { value: 'user', label: t('users.roles.user') },
              { value: 'admin', label: t('users.roles.admin') },
            ]}
          />
        </Field>
        <Field label={t('users.access.group')} hint={t('users.access.groupHint')} error={fieldError('group')}>
          <Input
            value={draft.group}
            list={groupListId}
            maxLength={64}
            spellCheck={false}
            className="font-mono"
            onChange={(event) => set('group', event.target.value)}
          />
        </Field>
        <datalist id={groupListId}>
          {groups.data?.map((group) => (
            <option key={group} value={group} />
          ))}
        </datalist>
      </section>

      <section className="space-y-3">
        <div className="space-y-0.5">
          <h3 className="text-sm font-semibold">{t('users.access.limitsTitle')}</h3>
          <p className="text-xs text-muted-foreground">{t('users.access.limitsHint')}</p>
        </div>
        <div className="grid gap-4 sm:grid-cols-3">
          {LIMITS.map((key) => (
            <Field key={key} label={t(`users.access.${key}`)} error={fieldError(key)}>
              <Input
                inputMode="numeric"
                placeholder={t('users.access.noLimit')}
                value={draft[key]}
                onChange={(event) => set(key, event.target.value)}
              />
            </Field>
          ))}
        </div>
      </section>

      <div className="flex justify-end gap-2 border-t border-border pt-4">
        <Button variant="ghost" type="button" disabled={!dirty || update.isPending} onClick={() => setDraft(original)}>
          {t('common:actions.cancel')}
        </Button>
        <Button type="submit" disabled={!dirty} loading={update.isPending && !confirmRole}>
          {t('common:actions.saveChanges')}
        </Button>
      </div>

      <ConfirmDialog
        open={confirmRole}
        onClose={() => setConfirmRole(false)}
        onConfirm={() => {
          const patch = buildPatch();
          if (patch) save(patch);
        }}
        loading={update.isPending}
        danger={draft.role === 'user'}
        title={draft.role === 'admin' ? t('users.access.promoteTitle') : t('users.access.demoteTitle')}
        description={
          draft.role === 'admin'
            ? t('users.access.promoteText', { user: user.email })
            : t('users.access.demoteText', { user: user.email })
        }
        confirmLabel={draft.role === 'admin' ? t('users.access.promote') : t('users.access.demote')}
      />
    </form>
  );
}
