import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Globe } from 'lucide-react';
import { type ChangeEvent, type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card, Field, Input, SegmentedControl, Textarea, useToast } from '../../../components/ui';
import { api } from '../../../lib/api';
import { errorMessage } from '../../../lib/errors';
import { parseMoney } from '../../../lib/money';
import { siteQueryKey } from '../../../lib/site';
import { type Settings, settingsKey } from './api';
import { moneyText } from './form';

/** Uploaded logos are kept in the settings as a data: URL; the server refuses larger ones. */
const MAX_LOGO_BYTES = 64 * 1024;
const LOGO_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/svg+xml'];
const VISIBILITIES = ['prices', 'list', 'hidden'] as const;

interface Draft {
  name: string;
  logoUrl: string;
  taglineEn: string;
  taglineZh: string;
  footerEn: string;
  footerZh: string;
  publicModels: Settings['publicModels'];
  inviteFixed: string;
  invitePercent: string;
}

function draftOf(settings: Settings): Draft {
  return {
    name: settings.site.name,
    logoUrl: settings.site.logoUrl,
    taglineEn: settings.site.tagline.en,
    taglineZh: settings.site.tagline.zh,
    footerEn: settings.site.footer.en,
    footerZh: settings.site.footer.zh,
    publicModels: settings.publicModels,
    inviteFixed: moneyText(settings.inviteReward.fixedUnits),
    invitePercent: String(settings.inviteReward.percent),
  };
}

function readAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/** The operator's brand, what visitors see of the models, and the invite reward: saved on their own. */
export function SiteSettingsCard({ stored }: { stored: Settings }) {
  const { t } = useTranslation(['site', 'common']);
  const toast = useToast();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState(() => draftOf(stored));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: (patch: Pick<Settings, 'site' | 'publicModels' | 'inviteReward'>) =>
      api.patch<Settings>('/api/admin/settings', patch),
    onSuccess: (saved) => {
      queryClient.setQueryData(settingsKey, saved);
      void queryClient.invalidateQueries({ queryKey: siteQueryKey });
      setDraft(draftOf(saved));
      toast.success(t('siteSettings.saved'));
    },
  });
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((current) => ({ ...current, [key]: value }));

  const onLogoFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    if (!LOGO_TYPES.includes(file.type)) return setErrors({ logoUrl: t('siteSettings.logoBadType') });
    if (file.size > MAX_LOGO_BYTES) return setErrors({ logoUrl: t('siteSettings.logoTooBig') });
    setErrors(({ logoUrl: _, ...rest }) => rest);
    set('logoUrl', await readAsDataUrl(file));
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    const fixedUnits = parseMoney(draft.inviteFixed);
    if (fixedUnits === undefined || fixedUnits < 0) problems.inviteFixed = t('siteSettings.errors.money');
    const percent = Number(draft.invitePercent.trim());
    if (!draft.invitePercent.trim() || !Number.isFinite(percent) || percent < 0 || percent > 100) {
      problems.invitePercent = t('siteSettings.errors.percent');
    }
    if (!draft.name.trim()) problems.name = t('siteSettings.errors.name');
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    save.mutate({
      site: {
        name: draft.name.trim(),
        logoUrl: draft.logoUrl.trim(),
        tagline: { en: draft.taglineEn, zh: draft.taglineZh },
        footer: { en: draft.footerEn, zh: draft.footerZh },
      },
      publicModels: draft.publicModels,
      inviteReward: { fixedUnits: fixedUnits ?? 0, percent },
    });
  };

  return (
    <Card className="mt-6 p-5 md:p-6">
      <form onSubmit={onSubmit} noValidate className="space-y-5" aria-labelledby="site-settings-title">
        <div className="space-y-1">
          <h2 id="site-settings-title" className="flex items-center gap-2 font-semibold">
            <Globe className="size-4 text-primary" aria-hidden />
            {t('siteSettings.title')}
          </h2>
          <p className="text-sm text-muted-foreground">{t('siteSettings.description')}</p>
        </div>
        {save.error && <Alert variant="danger">{errorMessage(save.error)}</Alert>}
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label={t('siteSettings.name')} hint={t('siteSettings.nameHint')} error={errors.name}>
            <Input value={draft.name} maxLength={60} onChange={(event) => set('name', event.target.value)} />
          </Field>
          <Field label={t('siteSettings.logo')} hint={t('siteSettings.logoHint')} error={errors.logoUrl}>
            <div className="flex items-center gap-2">
              {draft.logoUrl && (
                <img src={draft.logoUrl} alt="" className="size-9 shrink-0 rounded-md object-contain" />
              )}
              <Input
                value={draft.logoUrl.startsWith('data:') ? '' : draft.logoUrl}
                placeholder={draft.logoUrl.startsWith('data:') ? t('siteSettings.logoUpload') : 'https://'}
                onChange={(event) => set('logoUrl', event.target.value)}
              />
              <label className="shrink-0 cursor-pointer rounded-md border border-border px-2.5 py-1.5 text-xs hover:bg-accent">
                {t('siteSettings.logoUpload')}
                <input type="file" accept={LOGO_TYPES.join(',')} className="sr-only" onChange={onLogoFile} />
              </label>
              {draft.logoUrl && (
                <Button type="button" variant="ghost" size="sm" onClick={() => set('logoUrl', '')}>
                  {t('siteSettings.logoRemove')}
                </Button>
              )}
            </div>
          </Field>
          <Field label={t('siteSettings.taglineEn')}>
            <Input value={draft.taglineEn} maxLength={200} onChange={(event) => set('taglineEn', event.target.value)} />
          </Field>
          <Field label={t('siteSettings.taglineZh')}>
            <Input value={draft.taglineZh} maxLength={200} onChange={(event) => set('taglineZh', event.target.value)} />
          </Field>
          <Field label={t('siteSettings.footerEn')}>
            <Textarea rows={3} value={draft.footerEn} onChange={(event) => set('footerEn', event.target.value)} />
          </Field>
          <Field label={t('siteSettings.footerZh')}>
            <Textarea rows={3} value={draft.footerZh} onChange={(event) => set('footerZh', event.target.value)} />
          </Field>
        </div>
        <div className="space-y-1.5">
          <p className="text-sm font-medium">{t('siteSettings.publicModels')}</p>
          <SegmentedControl
            label={t('siteSettings.publicModels')}
            value={draft.publicModels}
            onChange={(value) => set('publicModels', value)}
            options={VISIBILITIES.map((value) => ({ value, label: t(`siteSettings.publicModelsOptions.${value}`) }))}
          />
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label={t('siteSettings.inviteFixed')} error={errors.inviteFixed}>
            <Input
              inputMode="decimal"
              value={draft.inviteFixed}
              onChange={(event) => set('inviteFixed', event.target.value)}
            />
          </Field>
          <Field label={t('siteSettings.invitePercent')} error={errors.invitePercent}>
            <Input
              inputMode="decimal"
              value={draft.invitePercent}
              onChange={(event) => set('invitePercent', event.target.value)}
            />
          </Field>
        </div>
        <p className="text-xs text-muted-foreground">{t('siteSettings.inviteHint')}</p>
        <div className="flex justify-end">
          <Button type="submit" loading={save.isPending}>
            {t('common:actions.save')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
