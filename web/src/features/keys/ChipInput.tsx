import { X } from 'lucide-react';
import { type KeyboardEvent, useId, useMemo, useRef, useState } from 'react';
import { useFieldControl } from '../../components/ui';
import { cn } from '../../lib/cn';

export interface ChipInputProps {
  values: string[];
  onChange: (values: string[]) => void;
  /** Offered while typing (filtered by the text, best matches first). */
  suggestions?: readonly string[];
  /** False marks a chip as invalid (red, aria-invalid); the form reports it. */
  isValid?: (value: string) => boolean;
  placeholder?: string;
  /** Accessible name of the text box (when not inside a <Field>). */
  'aria-label'?: string;
  /** "Remove {{value}}" for a chip's remove button. */
  removeLabel: (value: string) => string;
  /** Accessible name of the suggestion list. */
  suggestionsLabel?: string;
  /** How many suggestions to show at most (default 8). */
  maxSuggestions?: number;
  /** The text typed but not yet added (a form refuses to send while there is some). */
  onPendingChange?: (text: string) => void;
}

const SEPARATORS = /[\s,;]+/;

/**
 * A list of short values as chips: type and press Enter (or comma, space, Tab) to add, paste a
 * list to add all of it, Backspace on an empty box removes the last chip. With `suggestions`,
 * a combobox: arrow keys pick, Enter adds, Escape closes. Leaving the box does not add what was
 * typed (half a model name would restrict a key to nothing): `onPendingChange` tells the form.
 */
export function ChipInput({
  values,
  onChange,
  suggestions = [],
  isValid,
  placeholder,
  removeLabel,
  suggestionsLabel,
  maxSuggestions = 8,
  onPendingChange,
  ...props
}: ChipInputProps) {
  const control = useFieldControl({});
  const [text, setTextState] = useState('');
  const setText = (value: string) => {
    setTextState(value);
    onPendingChange?.(value.trim());
  };
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();

  const matches = useMemo(() => {
    if (suggestions.length === 0) return [];
    const needle = text.trim().toLowerCase();
    const taken = new Set(values);
    const starts: string[] = [];
    const contains: string[] = [];
    for (const suggestion of suggestions) {
      if (taken.has(suggestion)) continue;
      const lower = suggestion.toLowerCase();
      if (!needle || lower.startsWith(needle)) starts.push(suggestion);
      else if (lower.includes(needle)) contains.push(suggestion);
      if (starts.length >= maxSuggestions) break;
    }
    return [...starts, ...contains].slice(0, maxSuggestions);
  }, [suggestions, text, values, maxSuggestions]);
  const showList = open && matches.length > 0;
  // With suggestions, the text box is a combobox that owns the list below it.
  const combobox =
    suggestions.length > 0
      ? {
          role: 'combobox',
          'aria-expanded': showList,
          'aria-controls': listId,
          'aria-autocomplete': 'list' as const,
          'aria-activedescendant': showList && active >= 0 ? `${listId}-${active}` : undefined,
        }
      : {};

  const add = (raw: string) => {
    const added = raw
      .split(SEPARATORS)
      .map((value) => value.trim())
      .filter((value) => value && !values.includes(value));
    if (added.length > 0) onChange([...values, ...new Set(added)]);
    setText('');
    setActive(-1);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' && matches.length > 0) {
      event.preventDefault();
      setOpen(true);
      setActive((index) => (index + 1) % matches.length);
    } else if (event.key === 'ArrowUp' && matches.length > 0) {
      event.preventDefault();
      setOpen(true);
      setActive((index) => (index <= 0 ? matches.length - 1 : index - 1));
    } else if (event.key === 'Enter') {
      if (showList && active >= 0 && matches[active]) {
        event.preventDefault();
        add(matches[active]);
      } else if (text.trim()) {
        event.preventDefault();
        add(text);
      }
    } else if ((event.key === ',' || event.key === ' ' || event.key === ';') && text.trim()) {
      event.preventDefault();
      add(text);
    } else if (event.key === 'Tab' && text.trim()) {
      add(text);
    } else if (event.key === 'Escape' && showList) {
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
    } else if (event.key === 'Backspace' && !text && values.length > 0) {
      onChange(values.slice(0, -1));
    }
  };

  return (
    <div className="relative">
      {/* biome-ignore lint/a11y/useKeyWithClickEvents lint/a11y/noStaticElementInteractions: a click on the box focuses its text input, which has the keyboard. */}
      <div
        className={cn(
          'flex min-h-9 w-full cursor-text flex-wrap items-center gap-1.5 rounded-lg border border-input bg-card px-2 py-1.5 shadow-soft transition-colors',
          'focus-within:border-ring focus-within:ring-3 focus-within:ring-ring/25',
          control['aria-invalid'] && 'border-destructive',
        )}
        onClick={() => input.current?.focus()}
      >
        {values.map((value) => {
          const invalid = isValid ? !isValid(value) : false;
          return (
            <span
              key={value}
              className={cn(
                'inline-flex max-w-full items-center gap-1 rounded-md py-0.5 pr-0.5 pl-2 font-mono text-xs',
                invalid ? 'bg-destructive-soft text-destructive line-through' : 'bg-muted text-foreground',
              )}
              aria-invalid={invalid || undefined}
            >
              <span className="truncate">{value}</span>
              <button
                type="button"
                onClick={(event) => {
                  event.stopPropagation();
                  onChange(values.filter((other) => other !== value));
                }}
                aria-label={removeLabel(value)}
                className="flex size-5 cursor-pointer items-center justify-center rounded text-muted-foreground hover:bg-accent hover:text-foreground"
              >
                <X className="size-3" />
              </button>
            </span>
          );
        })}
        <input
          ref={input}
          id={control.id}
          aria-describedby={control['aria-describedby']}
          aria-invalid={control['aria-invalid']}
          aria-label={props['aria-label']}
          {...combobox}
          value={text}
          placeholder={values.length === 0 ? placeholder : undefined}
          onChange={(event) => {
            setText(event.target.value);
            setOpen(true);
            setActive(-1);
          }}
          onPaste={(event) => {
            const pasted = event.clipboardData.getData('text');
            if (SEPARATORS.test(pasted.trim())) {
              event.preventDefault();
              add(`${text}${pasted}`);
            }
          }}
          onKeyDown={onKeyDown}
          onFocus={() => setOpen(true)}
          onBlur={() => setOpen(false)}
          className="h-6 min-w-32 flex-1 bg-transparent px-1 font-mono text-sm text-foreground outline-none placeholder:font-sans placeholder:text-muted-foreground/70"
          autoComplete="off"
          spellCheck={false}
          autoCapitalize="off"
        />
      </div>
      {suggestions.length > 0 && (
        <div
          id={listId}
          role="listbox"
          aria-label={suggestionsLabel}
          hidden={!showList}
          className="absolute top-full right-0 left-0 z-30 mt-1 max-h-64 overflow-y-auto rounded-xl border border-border bg-popover p-1 text-popover-foreground shadow-pop"
        >
          {matches.map((match, index) => (
            <div
              key={match}
              id={`${listId}-${index}`}
              role="option"
              tabIndex={-1}
              aria-selected={index === active}
              // mousedown, not click: the input must not blur (and close the list) first.
              onMouseDown={(event) => {
                event.preventDefault();
                add(match);
              }}
              className={cn(
                'cursor-pointer truncate rounded-md px-2.5 py-1.5 font-mono text-xs',
                index === active ? 'bg-accent text-foreground' : 'text-muted-foreground hover:bg-accent',
              )}
            >
              {match}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
