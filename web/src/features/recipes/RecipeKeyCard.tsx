import { KeyRound, Plus } from 'lucide-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Alert, Button, Card, Input, useToast } from '../../components/ui';
import { keyErrorMessage } from '../keys/key-errors';
import { useCreateKey } from '../keys/keys-api';
import { KEY_PLACEHOLDER } from './recipes';

/** The key the snippets carry: one created here (shown this once) or one pasted. */
export interface RecipeKey {
  value: string;
  /** The name of the key created on this page, when it was. */
  createdName?: string;
}

/**
 * Keys are shown only when created, so the page offers to create one named after the client, or
 * to paste one the user saved. The key lives in the page's state only: never stored, never sent.
 */
export function RecipeKeyCard({
  clientLabel,
  value,
  onChange,
}: {
  clientLabel: string;
  value: RecipeKey | null;
  onChange: (key: RecipeKey | null) => void;
}) {
  const { t } = useTranslation('recipes');
  const toast = useToast();
  const create = useCreateKey();
  const pasteId = useId();

  const createKey = () =>
    create.mutate(
      { name: clientLabel },
      {
        onSuccess: (created) => onChange({ value: created.key, createdName: created.apiKey.name }),
        onError: (error) => toast.error(keyErrorMessage(error)),
      },
    );

  return (
    <Card className="space-y-4 p-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 className="flex items-center gap-2 text-base font-semibold">
          <KeyRound className="size-4 text-muted-foreground" aria-hidden />
          {t('key.title')}
        </h2>
        <div className="flex flex-wrap items-center gap-2">
          <Button onClick={createKey} loading={create.isPending}>
            <Plus aria-hidden />
            {t('key.create', { client: clientLabel })}
          </Button>
          <Link to="/keys" className="text-sm font-medium text-primary underline-offset-2 hover:underline">
            {t('key.manage')}
          </Link>
        </div>
      </div>
      <div className="flex flex-col gap-1.5">
        <label htmlFor={pasteId} className="text-sm font-medium">
          {t('key.pasteLabel')}
        </label>
        <div className="flex gap-2">
          <Input
            id={pasteId}
            value={value?.createdName ? '' : (value?.value ?? '')}
            onChange={(event) => onChange(event.target.value.trim() ? { value: event.target.value.trim() } : null)}
            placeholder={t('key.pastePlaceholder')}
            autoComplete="off"
            spellCheck={false}
            className="font-mono"
          />
          {value && (
            <Button variant="outline" onClick={() => onChange(null)}>
              {t('key.clear')}
            </Button>
          )}
        </div>
        <p className="text-xs text-muted-foreground">{t('key.pasteHint')}</p>
      </div>
      {value?.createdName ? (
        <Alert variant="success" className="[overflow-wrap:anywhere]">
          {t('key.created', { name: value.createdName })}
        </Alert>
      ) : value ? (
        <Alert variant="info">{t('key.filled')}</Alert>
      ) : (
        <Alert variant="warning">{t('key.none', { placeholder: KEY_PLACEHOLDER })}</Alert>
      )}
    </Card>
  );
}
