import { CloudDownload } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Alert, Button } from '../../../components/ui';
import { useUpstreamModels } from './tools-api';

/**
 * "Fetch from upstream": asks the upstream for its own model list and offers it as a checklist;
 * ticking a model adds it to the channel's models, unticking removes it.
 */
export function UpstreamModelPicker({
  channelId,
  selected,
  onChange,
}: {
  channelId: string;
  selected: string[];
  onChange: (models: string[]) => void;
}) {
  const { t } = useTranslation('channels');
  const fetchModels = useUpstreamModels();
  const answer = fetchModels.data;
  const toggle = (model: string, on: boolean) =>
    onChange(on ? [...selected, model] : selected.filter((item) => item !== model));
  return (
    <div className="space-y-2">
      <Button
        type="button"
        variant="outline"
        size="sm"
        loading={fetchModels.isPending}
        onClick={() => fetchModels.mutate(channelId)}
      >
        <CloudDownload />
        {t('tools.fetchModels')}
      </Button>
      {fetchModels.isError && <Alert variant="danger">{t('tools.fetchModelsFailed')}</Alert>}
      {answer && !answer.ok && (
        <Alert variant="danger" title={t('tools.fetchModelsFailed')}>
          {answer.error?.message}
        </Alert>
      )}
      {answer?.ok && (
        <fieldset className="rounded-lg border border-border p-3" data-testid="upstream-models">
          <legend className="px-1 text-xs text-muted-foreground">
            {t('tools.upstreamModels', { count: answer.models?.length ?? 0 })}
          </legend>
          <div className="flex items-center gap-2 pb-2">
            <Button
              type="button"
              variant="ghost"
              size="sm"
              onClick={() => onChange([...new Set([...selected, ...(answer.models ?? [])])])}
            >
              {t('tools.selectAll')}
            </Button>
          </div>
          <ul className="grid max-h-56 gap-1 overflow-y-auto sm:grid-cols-2">
            {(answer.models ?? []).map((model) => (
              <li key={model}>
                <label className="flex cursor-pointer items-center gap-2 font-mono text-xs">
                  <input
                    type="checkbox"
                    checked={selected.includes(model)}
                    onChange={(event) => toggle(model, event.target.checked)}
                  />
                  <span className="truncate">{model}</span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      )}
    </div>
  );
}

/** Served models with no price: metered users are refused them (model_price_unknown). */
export function UnpricedAlert({ models }: { models: string[] }) {
  const { t } = useTranslation('channels');
  if (models.length === 0) return null;
  return (
    <Alert variant="warning" title={t('tools.unpricedTitle', { count: models.length })}>
      <span className="font-mono text-xs">{models.join(', ')}</span>
    </Alert>
  );
}
