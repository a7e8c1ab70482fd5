import { Brain, ChevronRight, RotateCcw } from 'lucide-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PickerModel } from '../../components/ModelPicker';
import { Button, Field, Input, SegmentedControl, Textarea } from '../../components/ui';
import { cn } from '../../lib/cn';
import { formatNumber } from '../../lib/format';
import { acceptsTemperature, parseTools, supportsReasoning } from './request';
import { type PlaygroundSettings, REASONING_EFFORTS, type ReasoningEffort, type ReasoningMode } from './types';

const EXAMPLE_TOOLS = JSON.stringify(
  [
    {
      type: 'function',
      function: {
        name: 'get_weather',
        description: 'Current weather for a city',
        parameters: {
          type: 'object',
          properties: { city: { type: 'string', description: 'City name' } },
          required: ['city'],
        },
      },
    },
  ],
  null,
  2,
);

function SectionTitle({ children }: { children: string }) {
  return <h3 className="text-xs font-semibold tracking-wide text-muted-foreground uppercase">{children}</h3>;
}

/** System prompt and sampling parameters, shared by every column. */
export function SettingsPanel({
  settings,
  onChange,
  models,
}: {
  settings: PlaygroundSettings;
  onChange: (patch: Partial<PlaygroundSettings>) => void;
  /** The chosen models (one, or one per compare column). */
  models: Array<PickerModel | undefined>;
}) {
  const { t } = useTranslation('playground');
  const temperatureId = useId();
  const [toolsOpen, setToolsOpen] = useState(Boolean(settings.toolsJson.trim()));
  const reasoningModels = models.filter(supportsReasoning) as PickerModel[];
  const fixedTemperature = models.filter((model): model is PickerModel => Boolean(model) && !acceptsTemperature(model));
  const temperatureOff = fixedTemperature.length > 0 && fixedTemperature.length === models.filter(Boolean).length;
  const maxOutput = Math.min(...models.map((model) => model?.maxOutputTokens ?? Number.POSITIVE_INFINITY));
  const tools = parseTools(settings.toolsJson);
  const toolsUnsupported = models.some((model) => model?.inCatalog && !model.capabilities.tools);
  const maxTokensInvalid =
    settings.maxTokens !== null &&
    (settings.maxTokens < 1 || (Number.isFinite(maxOutput) && settings.maxTokens > maxOutput));

  return (
    <div className="space-y-6">
      <section className="space-y-2">
        <Field label={t('settings.systemPrompt')} hint={t('settings.systemPromptHint')}>
          <Textarea
            rows={5}
            value={settings.systemPrompt}
            placeholder={t('settings.systemPromptPlaceholder')}
            onChange={(event) => onChange({ systemPrompt: event.target.value })}
            className="max-h-72 text-[13px]"
          />
        </Field>
      </section>

      <section className="space-y-4">
        <SectionTitle>{t('settings.parameters')}</SectionTitle>
        <div className="space-y-2">
          <div className="flex items-center justify-between gap-2">
            <label htmlFor={temperatureId} className="text-sm font-medium">
              {t('settings.temperature')}
            </label>
            <div className="flex items-center gap-1">
              <span className="text-xs text-muted-foreground tabular-nums" data-testid="temperature-value">
                {settings.temperature === null ? t('settings.default') : settings.temperature.toFixed(1)}
              </span>
              {settings.temperature !== null && (
                <Button
                  variant="ghost"
                  size="icon-sm"
                  className="size-6"
                  onClick={() => onChange({ temperature: null })}
                  aria-label={t('settings.resetTemperature')}
                  title={t('settings.resetTemperature')}
                >
                  <RotateCcw className="size-3.5" />
                </Button>
              )}
            </div>
          </div>
          <input
            id={temperatureId}
            type="range"
            min={0}
            max={2}
            step={0.1}
            value={settings.temperature ?? 1}
            disabled={temperatureOff}
            onChange={(event) => onChange({ temperature: Number(event.target.value) })}
            className={cn(
              'w-full cursor-pointer accent-primary disabled:cursor-not-allowed',
              (settings.temperature === null || temperatureOff) && 'opacity-50',
            )}
            aria-valuetext={settings.temperature === null ? t('settings.default') : String(settings.temperature)}
          />
          <p className="text-xs text-muted-foreground" data-testid="temperature-hint">
            {fixedTemperature.length > 0
              ? t('settings.temperatureFixed', { models: fixedTemperature.map((model) => model.id).join(', ') })
              : t('settings.temperatureHint')}
          </p>
        </div>

        <Field
          label={t('settings.maxTokens')}
          error={maxTokensInvalid ? t('settings.maxTokensInvalid', { max: formatNumber(maxOutput) }) : undefined}
          hint={
            Number.isFinite(maxOutput)
              ? t('settings.maxTokensHintLimit', { max: formatNumber(maxOutput) })
              : t('settings.maxTokensHint')
          }
        >
          <Input
            type="number"
            inputMode="numeric"
            min={1}
            step={1}
            placeholder={t('settings.default')}
            value={settings.maxTokens ?? ''}
            onChange={(event) => {
              const value = event.target.value.trim();
              onChange({ maxTokens: value === '' ? null : Math.max(0, Math.floor(Number(value))) });
            }}
          />
        </Field>
      </section>

      <section className="space-y-3">
        <SectionTitle>{t('settings.reasoning')}</SectionTitle>
        {reasoningModels.length === 0 ? (
          <p className="flex items-start gap-2 text-xs text-muted-foreground">
            <Brain className="mt-0.5 size-3.5 shrink-0" aria-hidden />
            {t('settings.reasoningUnsupported')}
          </p>
        ) : (
          <>
            <SegmentedControl<ReasoningMode>
              label={t('settings.reasoning')}
              size="sm"
              value={settings.reasoningMode}
              onChange={(reasoningMode) => onChange({ reasoningMode })}
              options={[
                { value: 'default', label: t('settings.reasoningDefault') },
                { value: 'effort', label: t('settings.reasoningEffort') },
                { value: 'budget', label: t('settings.thinkingBudget') },
              ]}
            />
            {settings.reasoningMode === 'effort' && (
              <SegmentedControl<ReasoningEffort>
                label={t('settings.reasoningEffort')}
                size="sm"
                value={settings.reasoningEffort}
                onChange={(reasoningEffort) => onChange({ reasoningEffort })}
                options={REASONING_EFFORTS.map((effort) => ({ value: effort, label: t(`settings.effort.${effort}`) }))}
              />
            )}
            {settings.reasoningMode === 'budget' && (
              <Field label={t('settings.thinkingBudgetTokens')} hint={t('settings.thinkingBudgetHint')}>
                <Input
                  type="number"
                  inputMode="numeric"
                  min={1024}
                  step={1024}
                  value={settings.thinkingBudget}
                  onChange={(event) =>
                    onChange({ thinkingBudget: Math.max(0, Math.floor(Number(event.target.value) || 0)) })
                  }
                />
              </Field>
            )}
            <p className="text-xs text-muted-foreground">
              {models.length > 1 && reasoningModels.length < models.length
                ? t('settings.reasoningSome', { models: reasoningModels.map((model) => model.id).join(', ') })
                : t('settings.reasoningHint')}
            </p>
          </>
        )}
      </section>

      <section className="space-y-3">
        <button
          type="button"
          aria-expanded={toolsOpen}
          onClick={() => setToolsOpen(!toolsOpen)}
          className="flex w-full cursor-pointer items-center justify-between text-left"
        >
          <SectionTitle>{t('settings.tools')}</SectionTitle>
          <ChevronRight className={cn('size-4 text-muted-foreground transition-transform', toolsOpen && 'rotate-90')} />
        </button>
        {toolsOpen && (
          <Field
            label={t('settings.toolsJson')}
            error={
              tools.ok
                ? undefined
                : t(tools.error === 'json' ? 'settings.toolsInvalidJson' : 'settings.toolsInvalidShape')
            }
            hint={toolsUnsupported ? t('settings.toolsUnsupported') : t('settings.toolsHint')}
            labelAside={
              !settings.toolsJson.trim() ? (
                <Button
                  variant="link"
                  size="sm"
                  className="h-auto text-xs"
                  onClick={() => onChange({ toolsJson: EXAMPLE_TOOLS })}
                >
                  {t('settings.toolsExample')}
                </Button>
              ) : (
                <Button variant="link" size="sm" className="h-auto text-xs" onClick={() => onChange({ toolsJson: '' })}>
                  {t('settings.toolsClear')}
                </Button>
              )
            }
          >
            <Textarea
              rows={8}
              spellCheck={false}
              value={settings.toolsJson}
              placeholder='[{"type": "function", "function": {"name": "…"}}]'
              onChange={(event) => onChange({ toolsJson: event.target.value })}
              className="font-mono text-xs"
            />
          </Field>
        )}
      </section>
    </div>
  );
}
