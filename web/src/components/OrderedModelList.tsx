import { ArrowDown, ArrowUp, Plus, X } from 'lucide-react';
import { useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { cn } from '../lib/cn';
import { Badge, Button, Input } from './ui';

export interface OrderedModelListProps {
  /** The model ids in order: the first serves, the others are fallbacks tried in turn. */
  models: string[];
  onChange: (models: string[]) => void;
  /** Model ids offered while typing (a datalist). */
  suggestions?: readonly string[];
  /** At most this many entries (the add button hides at the limit). */
  max?: number;
  /** Per-entry errors, by index. */
  errors?: Record<number, string | undefined>;
  /** Names the list for screen readers ("Models of fast"). */
  label: string;
  className?: string;
}

/**
 * An ordered list of model ids, edited in place: type a model per row, move rows up and down,
 * remove them, add another. The first row is the first choice, the rest its fallbacks in order.
 * Used by presets and model aliases, whose server schemas take the same kind of list.
 */
export function OrderedModelList({
  models,
  onChange,
  suggestions = [],
  max = 8,
  errors = {},
  label,
  className,
}: OrderedModelListProps) {
  const { t } = useTranslation();
  const listId = useId();
  // Stable keys per row, so moving a row keeps its input (and focus) with it.
  const keys = useRef<number[]>([]);
  const nextKey = useRef(0);
  while (keys.current.length < models.length) keys.current.push(++nextKey.current);
  if (keys.current.length > models.length) keys.current.length = models.length;

  const update = (next: string[], nextKeys: number[]) => {
    keys.current = nextKeys;
    onChange(next);
  };
  const move = (from: number, to: number) => {
    const next = [...models];
    const nextKeys = [...keys.current];
    [next[from], next[to]] = [next[to] as string, next[from] as string];
    [nextKeys[from], nextKeys[to]] = [nextKeys[to] as number, nextKeys[from] as number];
    update(next, nextKeys);
  };
  const remove = (index: number) =>
    update(
      models.filter((_, position) => position !== index),
      keys.current.filter((_, position) => position !== index),
    );
  const name = (index: number) => models[index]?.trim() || t('orderedModels.entry', { position: index + 1 });

  return (
    <div className={cn('space-y-2', className)}>
      {suggestions.length > 0 && (
        <datalist id={listId}>
          {suggestions.map((model) => (
            <option key={model} value={model} />
          ))}
        </datalist>
      )}
      <ol className="space-y-2" aria-label={label}>
        {models.map((model, index) => (
          <li key={keys.current[index]} className="space-y-1">
            <div className="flex items-center gap-1.5">
              <Badge
                variant={index === 0 ? 'primary' : 'outline'}
                className="hidden w-20 justify-center sm:inline-flex"
                aria-hidden
              >
                {index === 0 ? t('orderedModels.first') : t('orderedModels.fallback', { position: index })}
              </Badge>
              <Input
                aria-label={
                  index === 0
                    ? t('orderedModels.firstLabel', { list: label })
                    : t('orderedModels.fallbackLabel', { list: label, position: index })
                }
                aria-invalid={errors[index] ? true : undefined}
                className="font-mono"
                list={suggestions.length > 0 ? listId : undefined}
                placeholder={t('orderedModels.placeholder')}
                spellCheck={false}
                autoComplete="off"
                value={model}
                onChange={(event) =>
                  update(
                    models.map((item, position) => (position === index ? event.target.value : item)),
                    keys.current,
                  )
                }
              />
              <Button
                variant="ghost"
                size="icon-sm"
                aria-label={t('orderedModels.moveUp', { model: name(index) })}
                disabled={index === 0}
                onClick={() => move(index, index - 1)}
              >
                <ArrowUp />
              </Button>
              <Button
                variant="ghost"
                size="icon-sm"
                aria-label={t('orderedModels.moveDown', { model: name(index) })}
                disabled={index === models.length - 1}
                onClick={() => move(index, index + 1)}
              >
                <ArrowDown />
              </Button>
              <Button
                variant="ghost"
                size="icon-sm"
                aria-label={t('orderedModels.remove', { model: name(index) })}
                onClick={() => remove(index)}
              >
                <X />
              </Button>
            </div>
            {errors[index] && (
              <p className="text-xs text-destructive sm:pl-[5.375rem]" role="alert">
                {errors[index]}
              </p>
            )}
          </li>
        ))}
      </ol>
      {models.length < max ? (
        <Button
          variant="outline"
          size="sm"
          onClick={() => update([...models, ''], [...keys.current, ++nextKey.current])}
        >
          <Plus />
          {models.length === 0 ? t('orderedModels.addFirst') : t('orderedModels.addFallback')}
        </Button>
      ) : (
        <p className="text-xs text-muted-foreground">{t('orderedModels.max', { count: max })}</p>
      )}
    </div>
  );
}
