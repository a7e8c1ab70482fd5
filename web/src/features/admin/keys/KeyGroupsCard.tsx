import { Plus, Trash2 } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card, ErrorState, Input, Skeleton, Switch, useToast } from '../../../components/ui';
import { errorMessage } from '../../../lib/errors';
import { useAdminKeyGroups, useSaveKeyGroups } from './api';
import { emptyRow, groupsBody, type KeyGroupRow, type KeyGroupRowError, rowsFromGroups } from './key-group-draft';

/**
 * The groups users may pick for their keys (令牌分组): name, description, price multiplier (the
 * group price rule) and whether users may pick it. A user's own group needs no row.
 */
export function KeyGroupsCard() {
  const { t } = useTranslation('manage');
  const toast = useToast();
  const groups = useAdminKeyGroups();
  const save = useSaveKeyGroups();
  const [rows, setRows] = useState<KeyGroupRow[]>([]);
  const [errors, setErrors] = useState<Record<number, KeyGroupRowError>>({});

  useEffect(() => {
    if (groups.data) setRows(rowsFromGroups(groups.data.data));
  }, [groups.data]);

  const change = (id: number, patch: Partial<KeyGroupRow>) =>
    setRows((current) => current.map((row) => (row.id === id ? { ...row, ...patch } : row)));

  const submit = async () => {
    const { body, errors: found } = groupsBody(rows);
    setErrors(found);
    if (!body) return;
    try {
      await save.mutateAsync(body);
      toast.success(t('keyGroups.saved'));
    } catch {
      // Shown below from the mutation's error.
    }
  };

  return (
    <Card className="p-4">
      <div className="mb-3 flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 className="text-base font-semibold">{t('keyGroups.title')}</h2>
          <p className="text-sm text-muted-foreground">{t('keyGroups.description')}</p>
        </div>
        <Button variant="outline" size="sm" onClick={() => setRows((current) => [...current, emptyRow()])}>
          <Plus aria-hidden /> {t('keyGroups.add')}
        </Button>
      </div>
      {groups.isPending ? (
        <Skeleton className="h-20 w-full" />
      ) : groups.error ? (
        <ErrorState error={groups.error} onRetry={() => void groups.refetch()} retrying={groups.isFetching} />
      ) : (
        <div className="space-y-3">
          {rows.length === 0 && <p className="text-sm text-muted-foreground">{t('keyGroups.empty')}</p>}
          {rows.map((row) => (
            <div key={row.id} className="space-y-1" data-testid="key-group-row">
              <div className="grid items-center gap-2 sm:grid-cols-[10rem_1fr_7rem_auto_auto]">
                <Input
                  aria-label={t('keyGroups.name')}
                  placeholder={t('keyGroups.name')}
                  value={row.name}
                  onChange={(event) => change(row.id, { name: event.target.value })}
                />
                <Input
                  aria-label={t('keyGroups.descriptionField')}
                  placeholder={t('keyGroups.descriptionField')}
                  value={row.description}
                  maxLength={200}
                  onChange={(event) => change(row.id, { description: event.target.value })}
                />
                <Input
                  aria-label={t('keyGroups.multiplier')}
                  inputMode="decimal"
                  leading={<span className="text-sm">×</span>}
                  value={row.multiplier}
                  onChange={(event) => change(row.id, { multiplier: event.target.value })}
                />
                <div className="flex items-center gap-2 text-sm whitespace-nowrap">
                  <Switch
                    checked={row.selectable}
                    onCheckedChange={(selectable) => change(row.id, { selectable })}
                    aria-label={t('keyGroups.selectable')}
                  />
                  <span aria-hidden>{t('keyGroups.selectable')}</span>
                </div>
                <Button
                  variant="ghost"
                  size="sm"
                  aria-label={t('keyGroups.remove', { name: row.name })}
                  onClick={() => setRows((current) => current.filter((other) => other.id !== row.id))}
                >
                  <Trash2 aria-hidden />
                </Button>
              </div>
              {errors[row.id] && <p className="text-xs text-destructive">{t(`keyGroups.errors.${errors[row.id]!}`)}</p>}
            </div>
          ))}
          {save.error && <Alert variant="danger">{errorMessage(save.error)}</Alert>}
          <div className="flex items-center justify-between gap-3">
            <p className="text-xs text-muted-foreground">{t('keyGroups.hint')}</p>
            <Button size="sm" onClick={() => void submit()} loading={save.isPending}>
              {t('keyGroups.save')}
            </Button>
          </div>
        </div>
      )}
    </Card>
  );
}
