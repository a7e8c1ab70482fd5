import { KeyRound } from 'lucide-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PickerModel } from '../../components/ModelPicker';
import { CopyButton, Dialog, SegmentedControl, TabPanel, Tabs } from '../../components/ui';
import { API_KEY_ENV, buildSnippet, SNIPPET_LANGUAGES, type SnippetLanguage } from './code-snippets';
import { HighlightedCode } from './highlight';
import { apiBaseUrl, buildConversation } from './request';
import { type Column, newId, type PlaygroundSettings, type Turn } from './types';

const LANGUAGE_STORAGE_KEY = 'aihub.playground.snippet';

function savedLanguage(): SnippetLanguage {
  try {
    const saved = localStorage.getItem(LANGUAGE_STORAGE_KEY);
    if (SNIPPET_LANGUAGES.some((language) => language.id === saved)) return saved as SnippetLanguage;
  } catch {
    // Private mode.
  }
  return 'curl';
}

/**
 * "View code": the conversation on screen (plus the message being typed) as a program in curl,
 * Python or Node, against this server's /v1 with the key read from AIHUB_API_KEY. Image data is
 * shortened on screen; Copy gives the runnable text.
 */
export function CodeDialog({
  open,
  onClose,
  columns,
  settings,
  models,
  draft,
}: {
  open: boolean;
  onClose: () => void;
  columns: Column[];
  settings: PlaygroundSettings;
  models: Map<string, PickerModel>;
  /** The composer's text, sent as the next user message. */
  draft: string;
}) {
  const { t } = useTranslation('playground');
  const [language, setLanguage] = useState<SnippetLanguage>(savedLanguage);
  const [columnIndex, setColumnIndex] = useState(0);
  const column = columns[Math.min(columnIndex, columns.length - 1)] ?? columns[0];

  const conversation = useMemo(() => {
    if (!column?.model) return null;
    const turns: Turn[] = [...column.turns];
    if (draft.trim()) turns.push({ id: newId('d'), role: 'user', content: draft, attachments: [] });
    if (!turns.some((turn) => turn.role === 'user')) {
      turns.push({ id: newId('d'), role: 'user', content: t('code.sampleMessage'), attachments: [] });
    }
    return buildConversation({
      baseUrl: apiBaseUrl(),
      model: column.model,
      modelInfo: models.get(column.model),
      settings,
      turns,
    });
  }, [column, draft, models, settings, t]);

  const info = SNIPPET_LANGUAGES.find((entry) => entry.id === language) ?? SNIPPET_LANGUAGES[0]!;
  const shown = conversation ? buildSnippet(language, conversation, { imageDataUrls: 'placeholder' }) : '';
  const runnable = conversation ? buildSnippet(language, conversation) : '';

  const choose = (next: SnippetLanguage) => {
    setLanguage(next);
    try {
      localStorage.setItem(LANGUAGE_STORAGE_KEY, next);
    } catch {
      // Private mode.
    }
  };

  return (
    <Dialog open={open} onClose={onClose} size="xl" title={t('code.title')} description={t('code.description')}>
      <div className="space-y-3">
        {columns.length > 1 && (
          <SegmentedControl
            label={t('code.column')}
            size="sm"
            value={String(Math.min(columnIndex, columns.length - 1))}
            onChange={(value) => setColumnIndex(Number(value))}
            options={columns.map((item, index) => ({
              value: String(index),
              label: `${index + 1}. ${item.model ?? '—'}`,
            }))}
          />
        )}
        <Tabs
          label={t('code.languages')}
          value={language}
          onChange={choose}
          tabs={SNIPPET_LANGUAGES.map((entry) => ({ value: entry.id, label: entry.label }))}
        />
        <TabPanel className="pt-1">
          {conversation ? (
            <div className="relative" data-testid="code-snippet">
              <div className="absolute top-1.5 right-1.5 z-10">
                <CopyButton value={runnable} label={t('code.copy')} variant="outline" />
              </div>
              <HighlightedCode
                code={shown}
                language={info.highlight}
                className="max-h-[50dvh] rounded-lg border border-border bg-muted/50 p-4 pr-28"
              />
            </div>
          ) : (
            <p className="py-8 text-center text-sm text-muted-foreground">{t('code.noModel')}</p>
          )}
        </TabPanel>
        <div className="flex flex-col gap-1 rounded-lg border border-border bg-muted/40 px-3 py-2.5 text-xs text-muted-foreground sm:flex-row sm:items-center sm:justify-between">
          <p>
            <KeyRound className="mr-1.5 inline size-3.5 align-[-2px]" aria-hidden />
            {t('code.keyHint', { env: API_KEY_ENV, file: info.fileName })}
          </p>
          <Link to="/keys" className="font-medium text-primary underline-offset-2 hover:underline" onClick={onClose}>
            {t('code.manageKeys')}
          </Link>
        </div>
      </div>
    </Dialog>
  );
}
