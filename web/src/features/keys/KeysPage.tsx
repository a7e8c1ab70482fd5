import { KeyRound, Plus, ShieldAlert } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import {
  Button,
  Card,
  ConfirmDialog,
  CopyButton,
  EmptyState,
  ErrorState,
  Skeleton,
  useToast,
} from '../../components/ui';
import { useLogout } from '../../lib/auth';
import { baseUrl, KeyCreatedDialog } from './KeyCreatedDialog';
import { KeyFormDialog } from './KeyFormDialog';
import { KeyItem } from './KeyItem';
import { isSessionRequired, keyErrorMessage } from './key-errors';
import { useDeleteKey, useKeys, useUpdateKey } from './keys-api';
import type { ApiKey, CreatedKey } from './types';

function BaseUrl() {
  const { t } = useTranslation('keys');
  return (
    <div className="flex min-w-0 items-center gap-2 rounded-lg border border-border bg-muted/40 py-1 pr-1 pl-3">
      <span className="shrink-0 text-xs text-muted-foreground">{t('baseUrl')}</span>
      <code className="min-w-0 truncate font-mono text-xs">{baseUrl()}</code>
      <CopyButton value={baseUrl()} className="size-7 shrink-0" />
    </div>
  );
}

function ListSkeleton() {
  return (
    <ul className="divide-y divide-border" aria-hidden>
      {[0, 1, 2].map((index) => (
        <li key={index} className="space-y-4 px-5 py-5">
          <div className="space-y-2">
            <Skeleton className="h-4 w-40" />
            <Skeleton className="h-3 w-28" />
          </div>
          <div className="grid grid-cols-2 gap-6 lg:grid-cols-4">
            {[0, 1, 2, 3].map((cell) => (
              <Skeleton key={cell} className="h-8 w-full max-w-40" />
            ))}
          </div>
        </li>
      ))}
    </ul>
  );
}

export function KeysPage() {
  const { t } = useTranslation(['keys', 'common']);
  const toast = useToast();
  const keys = useKeys();
  const update = useUpdateKey();
  const remove = useDeleteKey();
  const logout = useLogout();
  const [form, setForm] = useState<{ open: boolean; editing?: ApiKey }>({ open: false });
  // The new secret: held here only while its dialog is open, then dropped for good.
  const [created, setCreated] = useState<CreatedKey | null>(null);
  const [deleting, setDeleting] = useState<ApiKey | null>(null);

  const openCreate = () => setForm({ open: true });

  const toggle = (apiKey: ApiKey) => {
    const status = apiKey.status === 'enabled' ? 'disabled' : 'enabled';
    update.mutate(
      { id: apiKey.id, patch: { status } },
      {
        onSuccess: () =>
          toast.success(
            status === 'disabled'
              ? t('toast.disabled', { name: apiKey.name })
              : t('toast.enabled', { name: apiKey.name }),
          ),
        onError: (error) => toast.error(keyErrorMessage(error)),
      },
    );
  };

  const confirmDelete = () => {
    if (!deleting) return;
    const { id, name } = deleting;
    remove.mutate(id, {
      onSuccess: () => {
        setDeleting(null);
        toast.success(t('toast.deleted', { name }));
      },
      onError: (error) => toast.error(keyErrorMessage(error)),
    });
  };

  const list = keys.data?.data;
  let body: React.ReactNode;
  if (keys.isPending) {
    body = <ListSkeleton />;
  } else if (keys.isError && isSessionRequired(keys.error)) {
    body = (
      <EmptyState
        icon={ShieldAlert}
        title={t('sessionRequired.title')}
        description={t('sessionRequired.text')}
        action={
          <Button variant="outline" onClick={() => logout.mutate()} loading={logout.isPending}>
            {t('sessionRequired.action')}
          </Button>
        }
      />
    );
  } else if (keys.isError) {
    body = <ErrorState error={keys.error} onRetry={() => keys.refetch()} retrying={keys.isRefetching} />;
  } else if (!list || list.length === 0) {
    body = (
      <EmptyState
        icon={KeyRound}
        title={t('empty.title')}
        description={t('empty.text')}
        action={
          <div className="flex flex-col items-center gap-4">
            <Button onClick={openCreate}>
              <Plus />
              {t('empty.action')}
            </Button>
            <BaseUrl />
          </div>
        }
      />
    );
  } else {
    body = (
      <ul className="divide-y divide-border" aria-label={t('listLabel')}>
        {list.map((apiKey) => (
          <KeyItem
            key={apiKey.id}
            apiKey={apiKey}
            toggling={update.isPending && update.variables?.id === apiKey.id}
            onEdit={() => setForm({ open: true, editing: apiKey })}
            onToggle={() => toggle(apiKey)}
            onDelete={() => setDeleting(apiKey)}
          />
        ))}
      </ul>
    );
  }

  const hasKeys = Boolean(list && list.length > 0);
  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('subtitle')}
        actions={
          hasKeys && (
            <Button onClick={openCreate}>
              <Plus />
              {t('create')}
            </Button>
          )
        }
      />
      {hasKeys && (
        <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
          <p className="text-sm text-muted-foreground">{t('count', { count: keys.data?.total ?? 0 })}</p>
          <BaseUrl />
        </div>
      )}
      <Card className="overflow-visible">{body}</Card>

      <KeyFormDialog
        open={form.open}
        editing={form.editing}
        onClose={() => setForm({ open: false })}
        onCreated={(result) => {
          setForm({ open: false });
          setCreated(result);
        }}
        onSaved={(saved) => {
          setForm({ open: false });
          toast.success(t('toast.saved', { name: saved.name }));
        }}
      />
      <KeyCreatedDialog created={created} onClose={() => setCreated(null)} />
      <ConfirmDialog
        open={deleting !== null}
        onClose={() => setDeleting(null)}
        onConfirm={confirmDelete}
        loading={remove.isPending}
        danger
        title={t('delete.title', { name: deleting?.name ?? '' })}
        description={t('delete.text')}
        confirmLabel={t('delete.confirm')}
      />
    </>
  );
}
