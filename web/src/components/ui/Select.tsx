import { ChevronDown } from 'lucide-react';
import type { Ref, SelectHTMLAttributes } from 'react';
import { cn } from '../../lib/cn';
import { useFieldControl } from './Field';
import { controlClasses } from './Input';

export interface SelectOption {
  value: string;
  label: string;
  disabled?: boolean;
}

export interface SelectProps extends SelectHTMLAttributes<HTMLSelectElement> {
  /** The choices; or pass <option> children. */
  options?: SelectOption[];
  /** A first, empty choice ("All models"). */
  placeholder?: string;
  ref?: Ref<HTMLSelectElement>;
}

/** A native select, styled: accessible and right on phones. */
export function Select({ className, options, placeholder, children, ...props }: SelectProps) {
  const control = useFieldControl(props);
  return (
    <div className={cn('relative', className)}>
      <select
        className={cn(controlClasses, 'h-9 cursor-pointer appearance-none pr-9')}
        {...props}
        {...control}
        required={props.required ?? control.required}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options?.map((option) => (
          <option key={option.value} value={option.value} disabled={option.disabled}>
            {option.label}
          </option>
        ))}
        {children}
      </select>
      <ChevronDown
        className="pointer-events-none absolute top-1/2 right-3 size-4 -translate-y-1/2 text-muted-foreground"
        aria-hidden
      />
    </div>
  );
}
