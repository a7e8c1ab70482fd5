import { useQueryClient } from '@tanstack/react-query';
import { Code, Columns2, ImagePlus, PanelRight, Plus, SlidersHorizontal, SquarePen } from 'lucide-react';
import { type DragEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ModelPicker } from '../../components/ModelPicker';
import { Alert, Button, Drawer, Tooltip } from '../../components/ui';
import { meQueryKey, useCurrentUser } from '../../lib/auth';
import { cn } from '../../lib/cn';
import { errorMessage } from '../../lib/errors';
import { useDocumentTitle } from '../../lib/site';
import { type AttachmentProblem, readImages } from './attachments';
import { ChatColumn } from './ChatColumn';
import { CodeDialog } from './CodeDialog';
import { Composer } from './Composer';
import { EmptyChat } from './EmptyChat';
import { parseTools, supportsVision } from './request';
import { playgroundSession } from './runner';
import { SettingsPanel } from './SettingsPanel';
import {
  addColumn,
  clearConversation,
  createPlaygroundStore,
  rememberedModel,
  removeColumn,
  setCompare,
  setModel,
  setSettings,
  usePlaygroundState,
} from './store';
import { type Attachment, MAX_COLUMNS } from './types';
import { defaultModel, usePlaygroundModels } from './use-playground-models';

const WIDE = '(min-width: 1024px)';

/**
 * The playground: chat with any routable model through the real /v1 API (billed like any call),
 * or compare two or three models on the same prompt. Settings sit in a side panel (a drawer on
 * narrow screens); "View code" turns the conversation into a program.
 */
export function PlaygroundPage() {
  const { t } = useTranslation(['playground', 'common']);
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  const models = usePlaygroundModels(user.id);
  const onBalanceChanged = useCallback(
    () => void queryClient.invalidateQueries({ queryKey: meQueryKey }),
    [queryClient],
  );
  const { store, runner } = playgroundSession(user.id, createPlaygroundStore, {
    userId: user.id,
    models: models.byId,
    onBalanceChanged,
  });
  const state = usePlaygroundState(store);
  const { columns, compare, settings } = state;

  const [draft, setDraft] = useState('');
  const [attachments, setAttachments] = useState<Attachment[]>([]);
  const [problems, setProblems] = useState<AttachmentProblem[]>([]);
  const [panelOpen, setPanelOpen] = useState(true);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [codeOpen, setCodeOpen] = useState(false);
  const [dragging, setDragging] = useState(false);
  const composer = useRef<HTMLTextAreaElement>(null);

  useDocumentTitle(t('common:nav.playground'));

  // Save before the page goes away (the store otherwise saves shortly after each change).
  useEffect(() => {
    const save = () => store.flush();
    window.addEventListener('pagehide', save);
    return () => {
      window.removeEventListener('pagehide', save);
      save();
    };
  }, [store]);

  // The first visit: the model chosen last time, or a good default.
  useEffect(() => {
    if (!models.models) return;
    for (const column of store.get().columns) {
      if (column.model) continue;
      const model = defaultModel(models.models, rememberedModel());
      if (model) store.update((current) => setModel(current, column.id, model));
    }
  }, [models.models, store]);

  const busy = columns.some((column) =>
    column.turns.some((turn) => turn.role === 'assistant' && turn.status === 'streaming'),
  );
  const chosen = columns.map((column) => (column.model ? models.byId.get(column.model) : undefined));
  const vision = chosen.length > 0 && chosen.every((model) => supportsVision(model));
  const tools = parseTools(settings.toolsJson);
  const empty = columns.every((column) => column.turns.length === 0);

  const blockedReason = useMemo(() => {
    if (columns.some((column) => !column.model)) return t('composer.blocked.noModel');
    if (!tools.ok) return t('composer.blocked.tools');
    if (settings.maxTokens !== null && settings.maxTokens < 1) return t('composer.blocked.maxTokens');
    if (attachments.length > 0 && !vision) {
      const model = columns.find((column) => !supportsVision(models.byId.get(column.model ?? '')))?.model ?? '';
      return t('composer.blocked.vision', { model });
    }
    return null;
  }, [columns, tools.ok, settings.maxTokens, attachments.length, vision, models.byId, t]);

  const addFiles = useCallback(
    async (files: File[]) => {
      if (files.length === 0) return;
      const result = await readImages(files, attachments.length);
      setAttachments((current) => [...current, ...result.added]);
      setProblems(result.problems);
    },
    [attachments.length],
  );

  const send = () => {
    if (busy || blockedReason || (!draft.trim() && attachments.length === 0)) return;
    runner.send(draft.trim(), attachments);
    setDraft('');
    setAttachments([]);
    setProblems([]);
  };

  const sendExample = (prompt: string) => {
    if (busy || blockedReason) return;
    runner.send(prompt, []);
  };

  const newChat = () => {
    runner.stop();
    store.update(clearConversation);
    setDraft('');
    setAttachments([]);
    setProblems([]);
    composer.current?.focus();
  };

  const openSettings = () => {
    if (window.matchMedia(WIDE).matches) setPanelOpen((open) => !open);
    else setDrawerOpen(true);
  };

  const onDragOver = (event: DragEvent) => {
    if (![...event.dataTransfer.types].includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = vision ? 'copy' : 'none';
    setDragging(true);
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    if (!vision) {
      setProblems([]);
      return;
    }
    void addFiles([...event.dataTransfer.files]);
  };

  const settingsPanel = (
    <SettingsPanel
      settings={settings}
      onChange={(patch) => store.update((current) => setSettings(current, patch))}
      models={chosen}
    />
  );

  const pickerProps = {
    models: models.models,
    loading: models.isLoading,
    error: models.error,
    onRetry: models.refetch,
  };

  return (
    <div className="flex min-h-0 flex-1 overflow-hidden">
      <h1 className="sr-only">{t('common:nav.playground')}</h1>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: a drop target for images; the keyboard path is the attach button */}
      <div
        className="relative flex min-w-0 flex-1 flex-col"
        onDragOver={onDragOver}
        onDragLeave={(event) => {
          if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
        }}
        onDrop={onDrop}
      >
        {/* Toolbar */}
        <div className="flex h-12 shrink-0 items-center gap-1.5 border-b border-border px-2 sm:gap-2 sm:px-4">
          {!compare && (
            <ModelPicker
              {...pickerProps}
              className="w-full max-w-72 min-w-0 sm:w-72"
              value={columns[0]?.model ?? null}
              onChange={(model) => store.update((current) => setModel(current, columns[0]!.id, model))}
            />
          )}
          <Button
            variant={compare ? 'secondary' : 'ghost'}
            size="sm"
            aria-pressed={compare}
            onClick={() => store.update((current) => setCompare(current, !compare))}
            title={t('toolbar.compareHint')}
            className="shrink-0"
          >
            <Columns2 />
            <span className="hidden sm:inline">{t('toolbar.compare')}</span>
            <span className="sr-only sm:hidden">{t('toolbar.compare')}</span>
          </Button>
          {compare && columns.length < MAX_COLUMNS && (
            <Button
              variant="ghost"
              size="sm"
              onClick={() => store.update((current) => addColumn(current, columns[columns.length - 1]?.model ?? null))}
              className="shrink-0"
            >
              <Plus />
              <span className="hidden sm:inline">{t('toolbar.addModel')}</span>
              <span className="sr-only sm:hidden">{t('toolbar.addModel')}</span>
            </Button>
          )}
          <div className="flex-1" />
          <Button variant="ghost" size="sm" onClick={() => setCodeOpen(true)} className="shrink-0">
            <Code />
            <span className="hidden md:inline">{t('toolbar.viewCode')}</span>
            <span className="sr-only md:hidden">{t('toolbar.viewCode')}</span>
          </Button>
          <Button variant="ghost" size="sm" onClick={newChat} disabled={empty && !busy} className="shrink-0">
            <SquarePen />
            <span className="hidden md:inline">{t('toolbar.newChat')}</span>
            <span className="sr-only md:hidden">{t('toolbar.newChat')}</span>
          </Button>
          <Tooltip content={t('toolbar.settings')} side="bottom">
            <Button
              variant="ghost"
              size="icon-sm"
              onClick={openSettings}
              aria-label={t('toolbar.settings')}
              className="shrink-0"
              aria-expanded={drawerOpen || undefined}
            >
              <SlidersHorizontal className="lg:hidden" />
              <PanelRight className="hidden lg:block" />
            </Button>
          </Tooltip>
        </div>

        {/* Conversation(s) */}
        {compare ? (
          <div
            className={cn(
              'flex min-h-0 flex-1 snap-x snap-mandatory gap-3 overflow-x-auto p-3 sm:grid sm:overflow-x-visible',
              columns.length === 3 ? 'sm:grid-cols-3' : 'sm:grid-cols-2',
            )}
          >
            {columns.map((column, index) => (
              <div key={column.id} className="flex w-[85vw] shrink-0 snap-center flex-col sm:w-auto sm:min-w-0">
                <ChatColumn
                  column={column}
                  runner={runner}
                  compare
                  index={index}
                  models={models.models}
                  modelsLoading={models.isLoading}
                  modelsError={models.error}
                  onRetryModels={models.refetch}
                  onModelChange={(model) => store.update((current) => setModel(current, column.id, model))}
                  onRemove={
                    columns.length > 1 ? () => store.update((current) => removeColumn(current, column.id)) : undefined
                  }
                />
              </div>
            ))}
          </div>
        ) : (
          <div className="flex min-h-0 flex-1 flex-col">
            {columns[0] && (
              <ChatColumn
                column={columns[0]}
                runner={runner}
                compare={false}
                index={0}
                models={models.models}
                modelsLoading={models.isLoading}
                modelsError={models.error}
                onRetryModels={models.refetch}
                onModelChange={(model) => store.update((current) => setModel(current, columns[0]!.id, model))}
                empty={
                  <EmptyChat balance={user.balance} onExample={sendExample} disabled={busy || Boolean(blockedReason)} />
                }
              />
            )}
          </div>
        )}

        {/* Composer */}
        <div className="shrink-0 px-3 pt-1 pb-3 sm:px-4 sm:pb-4">
          <div className={cn('mx-auto w-full', compare ? 'max-w-5xl' : 'max-w-3xl')}>
            {models.error ? (
              <Alert
                variant="danger"
                className="mb-2"
                title={t('modelPicker.loadFailed')}
                action={
                  <Button variant="outline" size="sm" onClick={models.refetch}>
                    {t('common:actions.retry')}
                  </Button>
                }
              >
                {errorMessage(models.error)}
              </Alert>
            ) : null}
            <Composer
              textareaRef={composer}
              value={draft}
              onChange={setDraft}
              attachments={attachments}
              onAddFiles={(files) => void addFiles(files)}
              onRemoveAttachment={(id) => setAttachments((current) => current.filter((file) => file.id !== id))}
              problems={problems}
              onDismissProblems={() => setProblems([])}
              onSend={send}
              onStop={() => runner.stop()}
              busy={busy}
              blockedReason={blockedReason}
              vision={vision}
            />
            <p className="mt-1.5 text-center text-[11px] text-muted-foreground">
              {compare ? t('composer.billedCompare', { count: columns.length }) : t('composer.billed')}
            </p>
          </div>
        </div>

        {dragging && (
          <div className="pointer-events-none absolute inset-2 z-20 flex flex-col items-center justify-center gap-2 rounded-2xl border-2 border-dashed border-primary/50 bg-background/85 text-sm font-medium backdrop-blur-sm">
            <ImagePlus className="size-8 text-primary" aria-hidden />
            {vision ? t('composer.dropHere') : t('composer.noVision')}
          </div>
        )}
      </div>

      {panelOpen && (
        <aside
          className="hidden w-80 shrink-0 overflow-y-auto border-l border-border bg-card/30 px-5 py-5 lg:block"
          aria-label={t('toolbar.settings')}
        >
          {settingsPanel}
        </aside>
      )}
      <Drawer open={drawerOpen} onClose={() => setDrawerOpen(false)} title={t('toolbar.settings')} width="max-w-sm">
        {settingsPanel}
      </Drawer>

      {codeOpen && (
        <CodeDialog
          open
          onClose={() => setCodeOpen(false)}
          columns={columns}
          settings={settings}
          models={models.byId}
          draft={draft}
        />
      )}
    </div>
  );
}
