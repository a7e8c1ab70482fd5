import { Eye, EyeOff } from 'lucide-react';
import { type InputHTMLAttributes, type ReactNode, type Ref, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cn } from '../../lib/cn';
import { useFieldControl } from './Field';

export const controlClasses =
  'w-full rounded-lg border border-input bg-card px-3 text-sm text-foreground shadow-soft transition-colors ' +
  'placeholder:text-muted-foreground/70 focus-visible:border-ring focus-visible:outline-none focus-visible:ring-3 focus-visible:ring-ring/25 ' +
  'disabled:cursor-not-allowed disabled:opacity-60 aria-invalid:border-destructive aria-invalid:ring-destructive/20';

export interface InputProps extends InputHTMLAttributes<HTMLInputElement> {
  /** An icon or text inside the box, before the value (a search icon, "$"). */
  leading?: ReactNode;
  /** An icon or button inside the box, after the value. */
  trailing?: ReactNode;
  ref?: Ref<HTMLInputElement>;
}

export function Input({ className, leading, trailing, ...props }: InputProps) {
  const control = useFieldControl(props);
  const input = (
    <input
      className={cn(controlClasses, 'h-9', leading ? 'pl-9' : '', trailing ? 'pr-10' : '', className)}
      {...props}
      {...control}
      required={props.required ?? control.required}
    />
  );
  if (!leading && !trailing) return input;
  return (
    <div className="relative">
      {leading && (
        <span className="pointer-events-none absolute inset-y-0 left-3 flex items-center text-muted-foreground [&_svg]:size-4">
          {leading}
        </span>
      )}
      {input}
      {trailing && <span className="absolute inset-y-0 right-1.5 flex items-center">{trailing}</span>}
    </div>
  );
}

/** A password input with a show/hide toggle. */
export function PasswordInput(props: Omit<InputProps, 'type' | 'trailing'>) {
  const { t } = useTranslation();
  const [visible, setVisible] = useState(false);
  return (
    <Input
      {...props}
      type={visible ? 'text' : 'password'}
      trailing={
        <button
          type="button"
          className="flex size-7 cursor-pointer items-center justify-center rounded-md text-muted-foreground hover:bg-accent hover:text-foreground"
          aria-label={visible ? t('fields.hidePassword') : t('fields.showPassword')}
          aria-pressed={visible}
          onClick={() => setVisible((value) => !value)}
        >
          {visible ? <EyeOff className="size-4" /> : <Eye className="size-4" />}
        </button>
      }
    />
  );
}
