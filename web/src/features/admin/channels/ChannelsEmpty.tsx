import { Network, Plus } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui';
import { useVendors } from '../../../lib/vendors';

/** No channel at all: how to add one here, or with environment variables at start. */
export function ChannelsEmpty({ onAdd }: { onAdd: () => void }) {
  const { t } = useTranslation('channels');
  const { envKeys } = useVendors();
  return (
    <div className="flex flex-col items-center gap-5 px-6 py-14 text-center">
      <div className="flex size-12 items-center justify-center rounded-xl border border-border bg-muted/60 text-muted-foreground">
        <Network className="size-6" aria-hidden />
      </div>
      <div className="max-w-md space-y-1.5">
        <p className="text-base font-semibold">{t('empty.title')}</p>
        <p className="text-sm text-muted-foreground">{t('empty.text')}</p>
      </div>
      <Button onClick={onAdd}>
        <Plus />
        {t('empty.action')}
      </Button>
      <div className="w-full max-w-lg rounded-xl border border-border bg-muted/40 p-4 text-left">
        <p className="text-sm font-medium">{t('empty.envTitle')}</p>
        <p className="mt-1 text-xs text-muted-foreground">{t('empty.envText')}</p>
        <pre className="mt-3 overflow-x-auto rounded-lg bg-card px-3 py-2 font-mono text-xs leading-relaxed text-foreground">
          {'OPENAI_API_KEY=sk-...\nANTHROPIC_API_KEY=sk-ant-...\n# '}
          {t('empty.envMore', { list: envKeys.slice(2, 7).join(', ') })}
        </pre>
      </div>
    </div>
  );
}
