import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ModelPicker } from '../../components/ModelPicker';
import { Label } from '../../components/ui';
import type { MediaModelMode } from './mode-models';
import { useModeModels } from './use-mode-models';

export interface ModeModelPickerProps {
  userId: string;
  mode: MediaModelMode;
  value: string | null;
  onChange: (model: string) => void;
}

/** The model picker of a media mode: only models of its kind; the first one is chosen when none is. */
export function ModeModelPicker({ userId, mode, value, onChange }: ModeModelPickerProps) {
  const { t } = useTranslation('media');
  const models = useModeModels(userId, mode);
  useEffect(() => {
    const list = models.models;
    if (!list || (value && list.some((model) => model.id === value))) return;
    const first = list.find((model) => model.pricesKnown) ?? list[0];
    if (first) onChange(first.id);
  }, [models.models, value, onChange]);
  return (
    <div className="flex flex-col gap-1.5">
      <Label>{t('fields.model')}</Label>
      <ModelPicker
        models={models.models}
        value={value}
        onChange={onChange}
        loading={models.isLoading}
        error={models.error}
        onRetry={models.refetch}
        className="w-full"
      />
      {models.models && models.models.length === 0 && (
        <p className="text-xs text-muted-foreground" data-testid="no-models">
          {t(`noModels.${mode}`)}
        </p>
      )}
    </div>
  );
}
