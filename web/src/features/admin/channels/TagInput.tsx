import { Asterisk, X } from 'lucide-react';
import { type ClipboardEvent, type KeyboardEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFieldControl } from '../../../components/ui';
import { cn } from '../../../lib/cn';
import { splitList } from './form-state';

export interface TagInputProps {
  values: string[];
  onChange: (values: string[]) => void;
  placeholder?: string;
  /** Marks chips that fail it (shown red); they are still kept so the admin can fix them. */
  isValid?: (value: string) => boolean;
  /** Globs (`gpt-*`) get a small asterisk icon. */
  markGlobs?: boolean;
  disabled?: boolean;
  id?: string;
  /** Accessible name of the text box (when not inside a <Field>). */
  'aria-label'?: string;
}

/**
 * A list of short values typed as chips: Enter, comma or space adds what was typed, Backspace on
 * an empty box removes the last chip, a pasted list becomes several chips.
 */
export function TagInput({ values, onChange, placeholder, isValid, markGlobs, disabled, ...props }: TagInputProps) {
  const { t } = useTranslation('channels');
  const control = useFieldControl(props);
  const [text, setText] = useState('');

  const add = (raw: string) => {
    const items = splitList(raw).filter((item) => !values.includes(item));
    if (items.length > 0) onChange([...values, ...items]);
    setText('');
  };
  const remove = (value: string) => onChange(values.filter((item) => item !== value));

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if ((event.key === 'Enter' || event.key === ',' || event.key === ' ') && text.trim()) {
      event.preventDefault();
      add(text);
    } else if (event.key === 'Enter') {
      event.preventDefault();
    } else if (event.key === 'Backspace' && !text && values.length > 0) {
      onChange(values.slice(0, -1));
    }
  };
  const onPaste = (event: ClipboardEvent<HTMLInputElement>) => {
    const pasted = event.clipboardData.getData('text');
    if (/[\s,;]/.test(pasted.trim())) {
      event.preventDefault();
      add(text + pasted);
    }
  };

  return (
    <div
      className={cn(
        'flex min-h-9 w-full flex-wrap items-center gap-1.5 rounded-lg border border-input bg-card px-2 py-1.5 shadow-soft transition-colors',
        'focus-within:border-ring focus-within:ring-3 focus-within:ring-ring/25',
        control['aria-invalid'] && 'border-destructive',
        disabled && 'opacity-60',
      )}
    >
      {values.map((value) => {
        const invalid = isValid ? !isValid(value) : false;
        return (
          <span
            key={value}
            className={cn(
              'inline-flex max-w-full items-center gap-1 rounded-md py-0.5 pr-1 pl-2 font-mono text-xs',
              invalid ? 'bg-destructive-soft text-destructive' : 'bg-muted text-foreground',
            )}
          >
            {markGlobs && value.includes('*') && <Asterisk className="size-3 text-primary" aria-hidden />}
            <span className="truncate">{value}</span>
            {!disabled && (
              <button
                type="button"
                onClick={() => remove(value)}
                className="cursor-pointer rounded p-0.5 text-muted-foreground hover:bg-accent hover:text-foreground"
                aria-label={t('form.removeItem', { item: value })}
              >
                <X className="size-3" />
              </button>
            )}
          </span>
        );
      })}
      <input
        {...control}
        aria-label={props['aria-label']}
        value={text}
        disabled={disabled}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
        onPaste={onPaste}
        onBlur={() => text.trim() && add(text)}
        placeholder={values.length === 0 ? placeholder : undefined}
        className="h-6 min-w-32 flex-1 bg-transparent px-1 text-sm outline-none placeholder:text-muted-foreground/70"
      />
    </div>
  );
}
