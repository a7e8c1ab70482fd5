import { CopyPlus, Ellipsis, Pencil, Trash2 } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge, CopyButton, DropdownMenu, MenuItem, MenuSeparator, Tooltip } from '../../components/ui';
import { formatDate, formatDateTime } from '../../lib/format';
import { presetSummary } from './preset-form';
import { modelsOf, type Preset, presetModel } from './types';

export interface PresetItemProps {
  preset: Preset;
  /** The viewer may change it: their own, or the operator's for an administrator. */
  editable: boolean;
  /** A preset of the viewer's own with the same name is called instead of this shared one. */
  shadowed: boolean;
  onEdit: () => void;
  onCopy: () => void;
  onDelete: () => void;
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0 space-y-1">
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className="text-sm">{children}</dd>
    </div>
  );
}

/** One preset: name, whose it is, how to call it; its models, prompt and settings; its actions. */
export function PresetItem({ preset, editable, shadowed, onEdit, onCopy, onDelete }: PresetItemProps) {
  const { t } = useTranslation(['presets', 'common']);
  const models = modelsOf(preset);
  const settings = presetSummary(preset);
  const headingId = `preset-${preset.id}-name`;
  const call = presetModel(preset.name);

  return (
    <li className="space-y-4 px-4 py-4 sm:px-5" aria-labelledby={headingId} data-testid="preset-item">
      <div className="flex items-start justify-between gap-3">
        <div className="min-w-0 space-y-1">
          <div className="flex flex-wrap items-center gap-2">
            <h3 id={headingId} className="truncate font-mono text-sm font-semibold">
              {preset.name}
            </h3>
            {preset.shared ? (
              <Badge variant="info">{t('item.shared')}</Badge>
            ) : (
              <Badge variant="outline">{t('item.own')}</Badge>
            )}
            {shadowed && (
              <Tooltip content={t('item.shadowedHint')}>
                <Badge variant="warning" tabIndex={0}>
                  {t('item.shadowed')}
                </Badge>
              </Tooltip>
            )}
          </div>
          {/* The owner's own words, shown as written. */}
          {preset.description && (
            <p className="text-sm text-muted-foreground" translate="no">
              {preset.description}
            </p>
          )}
        </div>
        <DropdownMenu
          trigger={(props) => (
            <button
              type="button"
              {...props}
              aria-label={t('item.actions', { name: preset.name })}
              className="flex size-8 shrink-0 cursor-pointer items-center justify-center rounded-md text-muted-foreground hover:bg-accent hover:text-foreground"
            >
              <Ellipsis className="size-4" />
            </button>
          )}
        >
          {editable && (
            <MenuItem icon={<Pencil />} onSelect={onEdit}>
              {t('common:actions.edit')}
            </MenuItem>
          )}
          <MenuItem icon={<CopyPlus />} onSelect={onCopy}>
            {t('item.duplicate')}
          </MenuItem>
          {editable && (
            <>
              <MenuSeparator />
              <MenuItem icon={<Trash2 />} onSelect={onDelete} danger>
                {t('common:actions.delete')}
              </MenuItem>
            </>
          )}
        </DropdownMenu>
      </div>

      <div className="flex min-w-0 items-center gap-2 rounded-lg border border-border bg-muted/40 py-1 pr-1 pl-3">
        <span className="shrink-0 text-xs text-muted-foreground">{t('item.callAs')}</span>
        <code className="min-w-0 truncate font-mono text-xs" data-testid="preset-call">
          "model": "{call}"
        </code>
        <CopyButton value={call} className="ml-auto size-7 shrink-0" />
      </div>

      <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-3">
        <Fact label={t('item.models')}>
          <ol className="flex flex-wrap items-center gap-1">
            {models.map((model, index) => (
              <li key={model} className="flex items-center gap-1">
                {index > 0 && (
                  <span className="text-xs text-muted-foreground" aria-hidden>
                    →
                  </span>
                )}
                <span className="rounded-md bg-muted px-1.5 py-0.5 font-mono text-xs">{model}</span>
              </li>
            ))}
          </ol>
        </Fact>
        <Fact label={t('item.settings')}>
          {settings.length === 0 && !preset.system ? (
            <span className="text-muted-foreground">{t('item.noSettings')}</span>
          ) : (
            <ul className="flex flex-wrap gap-1">
              {preset.system && (
                <li>
                  <Tooltip
                    content={
                      <span className="line-clamp-6 whitespace-pre-wrap" translate="no">
                        {preset.system}
                      </span>
                    }
                  >
                    <Badge variant="primary" tabIndex={0}>
                      {t('item.systemPrompt')}
                    </Badge>
                  </Tooltip>
                </li>
              )}
              {settings.map((item) => (
                <li key={item.key} className="rounded-md bg-muted px-1.5 py-0.5 font-mono text-xs">
                  {item.key}: {item.value}
                </li>
              ))}
            </ul>
          )}
        </Fact>
        <Fact label={t('item.updated')}>
          <span title={formatDateTime(preset.updatedAt)}>{formatDate(preset.updatedAt)}</span>
        </Fact>
      </dl>
    </li>
  );
}
