import { Bookmark, Plus } from 'lucide-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { Button, Card, ConfirmDialog, EmptyState, ErrorState, Skeleton, useToast } from '../../components/ui';
import { useAuth } from '../../lib/auth';
import { errorMessage } from '../../lib/errors';
import { PresetFormDrawer } from './PresetFormDrawer';
import { PresetItem } from './PresetItem';
import { PresetUsageCard } from './PresetUsageCard';
import { draftForCopy, draftOfPreset, type PresetDraft } from './preset-form';
import { useDeletePreset, usePresets } from './presets-api';
import type { Preset } from './types';

function ListSkeleton() {
  return (
    <ul className="divide-y divide-border" aria-hidden>
      {[0, 1, 2].map((index) => (
        <li key={index} className="space-y-4 px-5 py-5">
          <Skeleton className="h-4 w-40" />
          <Skeleton className="h-8 w-full" />
          <div className="grid grid-cols-3 gap-6">
            {[0, 1, 2].map((cell) => (
              <Skeleton key={cell} className="h-8 w-full max-w-40" />
            ))}
          </div>
        </li>
      ))}
    </ul>
  );
}

/** A name for a copy that is not taken yet: `name-copy`, `name-copy-2`... */
function copyName(name: string, taken: Set<string>): string {
  const base = `${name.slice(0, 59)}-copy`;
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/**
 * /presets: the person's presets and the operator's shared ones. A preset saves a model (with
 * fallbacks), a system prompt, parameters and provider preferences under a name that any API
 * takes as `model: "@preset/<name>"`. Administrators also save and change the shared ones.
 */
export function PresetsPage() {
  const { t } = useTranslation(['presets', 'common']);
  const toast = useToast();
  const { isAdmin } = useAuth();
  const presets = usePresets();
  const remove = useDeletePreset();
  const [form, setForm] = useState<{ open: boolean; editing?: Preset; initial?: PresetDraft }>({ open: false });
  const [deleting, setDeleting] = useState<Preset | null>(null);

  const list = presets.data;
  const own = useMemo(() => new Set((list ?? []).filter((p) => !p.shared).map((p) => p.name)), [list]);
  const shared = useMemo(() => new Set((list ?? []).filter((p) => p.shared).map((p) => p.name)), [list]);
  const names = useMemo(() => [...new Set((list ?? []).map((preset) => preset.name))], [list]);

  const openCreate = () => setForm({ open: true });
  const openCopy = (preset: Preset) => {
    const draft = draftForCopy(preset);
    // A user's copy of a shared preset may keep its name (theirs is then called instead).
    const name = preset.shared && !own.has(preset.name) ? preset.name : copyName(preset.name, own);
    setForm({ open: true, initial: { ...draft, name } });
  };

  const confirmDelete = () => {
    if (!deleting) return;
    const { id, name } = deleting;
    remove.mutate(id, {
      onSuccess: () => {
        setDeleting(null);
        toast.success(t('toast.deleted', { name }));
      },
      onError: (error) => toast.error(errorMessage(error)),
    });
  };

  let body: React.ReactNode;
  if (presets.isPending) {
    body = <ListSkeleton />;
  } else if (presets.isError) {
    body = <ErrorState error={presets.error} onRetry={() => presets.refetch()} retrying={presets.isRefetching} />;
  } else if (!list || list.length === 0) {
    body = (
      <EmptyState
        icon={Bookmark}
        title={t('empty.title')}
        description={t('empty.text')}
        action={
          <Button onClick={openCreate}>
            <Plus />
            {t('empty.action')}
          </Button>
        }
      />
    );
  } else {
    body = (
      <ul className="divide-y divide-border" aria-label={t('listLabel')}>
        {list.map((preset) => (
          <PresetItem
            key={preset.id}
            preset={preset}
            editable={!preset.shared || isAdmin}
            shadowed={preset.shared && own.has(preset.name)}
            onEdit={() => setForm({ open: true, editing: preset, initial: draftOfPreset(preset) })}
            onCopy={() => openCopy(preset)}
            onDelete={() => setDeleting(preset)}
          />
        ))}
      </ul>
    );
  }

  const hasPresets = Boolean(list && list.length > 0);
  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('subtitle')}
        actions={
          hasPresets && (
            <Button onClick={openCreate}>
              <Plus />
              {t('create')}
            </Button>
          )
        }
      />
      <div className="space-y-4">
        <PresetUsageCard names={names} />
        {hasPresets && (
          <p className="text-sm text-muted-foreground">
            {t('count', { count: own.size })}
            {shared.size > 0 && ` · ${t('sharedCount', { count: shared.size })}`}
          </p>
        )}
        <Card className="overflow-visible">{body}</Card>
      </div>

      <PresetFormDrawer
        open={form.open}
        editing={form.editing}
        initial={form.initial}
        admin={isAdmin}
        namesInUse={(forShared) => (forShared ? shared : own)}
        onClose={() => setForm((current) => ({ ...current, open: false }))}
        onSaved={(saved, created) => {
          setForm((current) => ({ ...current, open: false }));
          toast.success(created ? t('toast.created', { name: saved.name }) : t('toast.saved', { name: saved.name }));
        }}
      />
      <ConfirmDialog
        open={deleting !== null}
        onClose={() => setDeleting(null)}
        onConfirm={confirmDelete}
        loading={remove.isPending}
        danger
        title={t('delete.title', { name: deleting?.name ?? '' })}
        description={deleting?.shared ? t('delete.sharedText') : t('delete.text')}
        confirmLabel={t('delete.confirm')}
      />
    </>
  );
}
