import { Plus, Trash2 } from 'lucide-react';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Alert,
  Badge,
  Button,
  Card,
  CardContent,
  CardFooter,
  CardHeader,
  Field,
  Input,
  Skeleton,
  useToast,
} from '../../../components/ui';
import { ApiError } from '../../../lib/api';
import { errorMessage } from '../../../lib/errors';
import { useSavePriceRules } from './api';
import { PercentInput } from './PercentInput';
import { PPM, type PriceRules, parsePercent, ppmToPercentText } from './pricing';

interface GroupRow {
  /** Stable React key (names can be edited). */
  key: number;
  name: string;
  percent: string;
}

interface Draft {
  global: string;
  groups: GroupRow[];
}

let rowKeys = 0;

function draftOf(rules: PriceRules): Draft {
  return {
    global: ppmToPercentText(rules.globalMultiplierPpm),
    groups: Object.entries(rules.groups)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, ppm]) => ({ key: ++rowKeys, name, percent: ppmToPercentText(ppm) })),
  };
}

function sameDraft(a: Draft, b: Draft): boolean {
  if (a.global !== b.global || a.groups.length !== b.groups.length) return false;
  return a.groups.every((row, index) => row.name === b.groups[index]?.name && row.percent === b.groups[index]?.percent);
}

/** A multiplier as a short phrase: "list price", "30% off", "1.5× list". */
export function MultiplierBadge({ ppm }: { ppm: number }) {
  const { t } = useTranslation('manage');
  if (ppm === PPM) return <Badge variant="neutral">{t('prices.multipliers.atList')}</Badge>;
  if (ppm < PPM) {
    return (
      <Badge variant="success">{t('prices.multipliers.discount', { percent: ppmToPercentText(PPM - ppm) })}</Badge>
    );
  }
  return <Badge variant="warning">{t('prices.multipliers.markup', { percent: ppmToPercentText(ppm - PPM) })}</Badge>;
}

/** The global multiplier and the per-group ones, edited together and saved as one change. */
export function MultipliersCard({ rules, loading }: { rules: PriceRules | undefined; loading: boolean }) {
  const { t } = useTranslation(['manage', 'common']);
  const toast = useToast();
  const save = useSavePriceRules();
  const [draft, setDraft] = useState<Draft>({ global: '100', groups: [] });
  const [problems, setProblems] = useState<Record<string, string>>({});

  // biome-ignore lint/correctness/useExhaustiveDependencies: start from the stored rules when they (re)load.
  useEffect(() => {
    if (rules) setDraft(draftOf(rules));
  }, [rules?.globalMultiplierPpm, JSON.stringify(rules?.groups)]);

  const original = rules ? draftOf(rules) : draft;
  const dirty = rules !== undefined && !sameDraft(draft, original);
  const globalPpm = parsePercent(draft.global);

  const updateRow = (key: number, change: Partial<GroupRow>) =>
    setDraft((current) => ({
      ...current,
      groups: current.groups.map((row) => (row.key === key ? { ...row, ...change } : row)),
    }));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!rules) return;
    const next: Record<string, string> = {};
    if (globalPpm === undefined) next.global = t('prices.multipliers.errors.percent');
    const groups: Record<string, number> = {};
    for (const row of draft.groups) {
      const name = row.name.trim();
      const ppm = parsePercent(row.percent);
      if (!/^[A-Za-z0-9._-]{1,64}$/.test(name)) next[`name-${row.key}`] = t('prices.multipliers.errors.group');
      else if (name in groups) next[`name-${row.key}`] = t('prices.multipliers.errors.duplicate');
      if (ppm === undefined) next[`percent-${row.key}`] = t('prices.multipliers.errors.percent');
      if (ppm !== undefined) groups[name] = ppm;
    }
    setProblems(next);
    if (Object.keys(next).length || globalPpm === undefined) return;
    save.mutate(
      { ...rules, globalMultiplierPpm: globalPpm, groups },
      { onSuccess: () => toast.success(t('prices.multipliers.saved')) },
    );
  };

  const serverParam = save.error instanceof ApiError ? save.error.param : null;
  const globalError = problems.global ?? (serverParam === 'globalMultiplierPpm' ? errorMessage(save.error) : undefined);

  return (
    <Card>
      <form onSubmit={onSubmit} noValidate>
        <CardHeader title={t('prices.multipliers.title')} description={t('prices.multipliers.description')} />
        <CardContent className="space-y-6">
          {loading ? (
            <Skeleton className="h-24 w-full" />
          ) : (
            <>
              {save.error && serverParam !== 'globalMultiplierPpm' && (
                <Alert variant="danger">{errorMessage(save.error)}</Alert>
              )}
              <div className="grid gap-4 sm:grid-cols-[minmax(0,14rem)_1fr] sm:items-start">
                <Field label={t('prices.multipliers.global')} error={globalError}>
                  <PercentInput
                    value={draft.global}
                    onChange={(event) => setDraft({ ...draft, global: event.target.value })}
                  />
                </Field>
                <div className="space-y-1.5 text-sm text-muted-foreground sm:pt-7">
                  {globalPpm !== undefined && <MultiplierBadge ppm={globalPpm} />}
                  <p>{t('prices.multipliers.globalHint')}</p>
                </div>
              </div>

              <div className="space-y-3">
                <div className="flex flex-wrap items-end justify-between gap-2">
                  <div className="space-y-0.5">
                    <h3 className="text-sm font-semibold">{t('prices.multipliers.groups')}</h3>
                    <p className="text-xs text-muted-foreground">{t('prices.multipliers.groupsHint')}</p>
                  </div>
                  <Button
                    variant="outline"
                    size="sm"
                    onClick={() =>
                      setDraft({ ...draft, groups: [...draft.groups, { key: ++rowKeys, name: '', percent: '100' }] })
                    }
                  >
                    <Plus />
                    {t('prices.multipliers.addGroup')}
                  </Button>
                </div>
                {draft.groups.length === 0 ? (
                  <p className="rounded-lg border border-dashed border-border px-4 py-5 text-center text-sm text-muted-foreground">
                    {t('prices.multipliers.noGroups')}
                  </p>
                ) : (
                  <ul className="space-y-2" aria-label={t('prices.multipliers.groups')}>
                    {draft.groups.map((row) => {
                      const ppm = parsePercent(row.percent);
                      return (
                        <li
                          key={row.key}
                          className="grid grid-cols-[1fr_8rem_auto] items-start gap-2 sm:grid-cols-[minmax(0,16rem)_9rem_1fr_auto]"
                        >
                          <Field
                            label={t('prices.multipliers.groupName')}
                            error={problems[`name-${row.key}`]}
                            className="[&>div:first-child]:sr-only"
                          >
                            <Input
                              value={row.name}
                              placeholder={t('prices.multipliers.groupPlaceholder')}
                              className="font-mono"
                              spellCheck={false}
                              onChange={(event) => updateRow(row.key, { name: event.target.value })}
                            />
                          </Field>
                          <Field
                            label={t('prices.multipliers.groupPercent', { group: row.name || '—' })}
                            error={problems[`percent-${row.key}`]}
                            className="[&>div:first-child]:sr-only"
                          >
                            <PercentInput
                              value={row.percent}
                              onChange={(event) => updateRow(row.key, { percent: event.target.value })}
                            />
                          </Field>
                          <div className="hidden h-9 items-center sm:flex">
                            {ppm !== undefined && <MultiplierBadge ppm={ppm} />}
                          </div>
                          <Button
                            variant="ghost"
                            size="icon"
                            aria-label={t('prices.multipliers.removeGroup', { group: row.name || '—' })}
                            onClick={() =>
                              setDraft({ ...draft, groups: draft.groups.filter((item) => item.key !== row.key) })
                            }
                          >
                            <Trash2 />
                          </Button>
                        </li>
                      );
                    })}
                  </ul>
                )}
              </div>
            </>
          )}
        </CardContent>
        <CardFooter>
          {dirty && <span className="mr-auto text-xs text-warning">{t('prices.unsaved')}</span>}
          <Button
            variant="ghost"
            disabled={!dirty || save.isPending}
            onClick={() => {
              setDraft(original);
              setProblems({});
              save.reset();
            }}
          >
            {t('prices.discard')}
          </Button>
          <Button type="submit" disabled={!dirty} loading={save.isPending}>
            {t('common:actions.saveChanges')}
          </Button>
        </CardFooter>
      </form>
    </Card>
  );
}
