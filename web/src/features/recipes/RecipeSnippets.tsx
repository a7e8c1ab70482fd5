import { useTranslation } from 'react-i18next';
import { Alert, CopyButton } from '../../components/ui';
import { HighlightedCode, type HighlightLanguage } from '../playground/highlight';
import {
  type CodeSnippet,
  type FieldsSnippet,
  KEY_PLACEHOLDER,
  type Recipe,
  type RecipeNote,
  type SnippetLanguage,
} from './recipes';

const HIGHLIGHT: Record<SnippetLanguage, HighlightLanguage> = {
  bash: 'bash',
  json: 'json',
  toml: 'ini',
  python: 'python',
  javascript: 'javascript',
};

const NOTE_VARIANT: Record<RecipeNote, 'info' | 'warning'> = {
  'claude-onboarding': 'info',
  'codex-config-order': 'info',
  'gemini-https': 'warning',
  'cherry-other-types': 'info',
  'key-placeholder': 'warning',
};

function CodeBlock({ snippet }: { snippet: CodeSnippet }) {
  const { t } = useTranslation('recipes');
  return (
    <section className="space-y-2" data-testid={`recipe-snippet-${snippet.id}`}>
      <h3 className="text-sm font-medium">{t(`snippets.${snippet.id}`, { path: snippet.path })}</h3>
      <div className="relative">
        <div className="absolute top-1.5 right-1.5 z-10">
          <CopyButton value={snippet.code} label={t('copy')} variant="outline" />
        </div>
        <HighlightedCode
          code={snippet.code}
          language={HIGHLIGHT[snippet.language]}
          className="rounded-lg border border-border bg-muted/50 p-4 pr-24"
        />
      </div>
    </section>
  );
}

/** An app's settings form (Cherry Studio): one row per field, each with its own copy button. */
function FieldsBlock({ snippet }: { snippet: FieldsSnippet }) {
  const { t } = useTranslation('recipes');
  return (
    <section className="space-y-2" data-testid={`recipe-snippet-${snippet.id}`}>
      <h3 className="text-sm font-medium">{t(`snippets.${snippet.id}`)}</h3>
      <dl className="divide-y divide-border rounded-lg border border-border bg-muted/40">
        {snippet.fields.map((field) => (
          <div key={field.name} className="flex items-center gap-3 px-3 py-2">
            <dt className="w-40 shrink-0 text-xs text-muted-foreground sm:w-56">{t(`fields.${field.name}`)}</dt>
            <dd className="min-w-0 flex-1 truncate font-mono text-sm">{field.value}</dd>
            <CopyButton value={field.value} className="size-7 shrink-0" />
          </div>
        ))}
      </dl>
    </section>
  );
}

/** A recipe's snippets in order, then what the user must know for it to work. */
export function RecipeSnippets({ recipe }: { recipe: Recipe }) {
  const { t } = useTranslation('recipes');
  return (
    <div className="space-y-5">
      {recipe.snippets.map((snippet) =>
        snippet.kind === 'code' ? (
          <CodeBlock key={snippet.id} snippet={snippet} />
        ) : (
          <FieldsBlock key={snippet.id} snippet={snippet} />
        ),
      )}
      {recipe.notes.map((note) => (
        <Alert key={note} variant={NOTE_VARIANT[note]}>
          {t(`notes.${note}`, { placeholder: KEY_PLACEHOLDER })}
        </Alert>
      ))}
    </div>
  );
}
