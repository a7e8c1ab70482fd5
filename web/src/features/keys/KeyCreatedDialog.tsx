import { Info } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, CopyButton, Dialog } from '../../components/ui';
import { useRoutableModels } from '../models/models-api';
import type { CreatedKey } from './types';

/** The gateway's OpenAI-compatible base URL, as SDKs take it. */
export function baseUrl(): string {
  return `${window.location.origin}/v1`;
}

/** A model for the example: one the key may call and the gateway routes, else a common one. */
function exampleModel(created: CreatedKey, routable: string[]): string {
  const allowed = created.apiKey.allowedModels;
  const exact = allowed?.find((model) => !model.includes('*'));
  if (exact) return exact;
  const matches = (id: string) =>
    !allowed ||
    allowed.some((pattern) =>
      new RegExp(
        `^${pattern
          .split('*')
          .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
          .join('.*')}$`,
        'i',
      ).test(id),
    );
  const candidates = routable.filter(matches);
  const preferred = ['gpt-4o-mini', 'gpt-4.1-mini', 'claude-haiku-4-5', 'gemini-2.5-flash', 'deepseek-chat'];
  return preferred.find((id) => candidates.includes(id)) ?? candidates[0] ?? 'gpt-4o-mini';
}

export function curlExample(key: string, model: string): string {
  return [
    `curl ${baseUrl()}/chat/completions \\`,
    `  -H "Authorization: Bearer ${key}" \\`,
    `  -H "Content-Type: application/json" \\`,
    `  -d '{"model": "${model}", "messages": [{"role": "user", "content": "Hello!"}]}'`,
  ].join('\n');
}

/**
 * The new key, shown this once: a copy button, a warning, and a curl call that uses it. Closing
 * before copying asks first. The secret lives only in this dialog's props; the parent drops it
 * when the dialog closes.
 */
export function KeyCreatedDialog({ created, onClose }: { created: CreatedKey | null; onClose: () => void }) {
  const { t } = useTranslation(['keys', 'common']);
  const routable = useRoutableModels();
  const [copied, setCopied] = useState(false);
  const [confirmingClose, setConfirmingClose] = useState(false);

  useEffect(() => {
    if (created) {
      setCopied(false);
      setConfirmingClose(false);
    }
  }, [created]);

  if (!created) return null;
  const requestClose = () => (copied || confirmingClose ? onClose() : setConfirmingClose(true));
  const example = curlExample(
    created.key,
    exampleModel(
      created,
      (routable.data ?? []).map((model) => model.id),
    ),
  );

  return (
    <Dialog
      open
      onClose={requestClose}
      dismissible={false}
      size="lg"
      title={t('created.title')}
      description={t('created.description', { name: created.apiKey.name })}
      footer={
        confirmingClose && !copied ? (
          <>
            <Button variant="outline" onClick={() => setConfirmingClose(false)}>
              {t('created.goBack')}
            </Button>
            <Button variant="danger" onClick={onClose}>
              {t('created.closeAnyway')}
            </Button>
          </>
        ) : (
          <Button onClick={requestClose}>{t('created.done')}</Button>
        )
      }
    >
      <div className="space-y-5 pb-2">
        {confirmingClose && !copied ? (
          <Alert variant="danger" title={t('created.notCopiedTitle')}>
            {t('created.notCopiedText')}
          </Alert>
        ) : (
          <Alert variant="warning" title={t('created.warningTitle')}>
            {t('created.warningText')}
          </Alert>
        )}
        <div className="space-y-2">
          <div className="flex items-center justify-between gap-2">
            <p className="text-sm font-medium" id="new-key-label">
              {t('created.keyLabel')}
            </p>
            <CopyButton
              variant="outline"
              value={created.key}
              label={t('created.copyKey')}
              onCopied={() => setCopied(true)}
            />
          </div>
          <output
            aria-labelledby="new-key-label"
            data-testid="new-key"
            className="block rounded-lg border border-border bg-muted/60 px-3 py-2.5 font-mono text-[13px] break-all select-all"
          >
            {created.key}
          </output>
        </div>
        <div className="space-y-2">
          <div className="flex items-center justify-between gap-2">
            <p className="text-sm font-medium">{t('created.tryIt')}</p>
            <CopyButton
              variant="outline"
              value={example}
              label={t('created.copyCommand')}
              onCopied={() => setCopied(true)}
            />
          </div>
          <pre className="overflow-x-auto rounded-lg border border-border bg-muted/60 px-3 py-2.5 font-mono text-xs leading-relaxed">
            <code>{example}</code>
          </pre>
          <p className="flex items-start gap-1.5 text-xs text-muted-foreground">
            <Info className="mt-0.5 size-3.5 shrink-0" aria-hidden />
            {t('created.sdkHint', { baseUrl: baseUrl() })}
          </p>
        </div>
      </div>
    </Dialog>
  );
}
