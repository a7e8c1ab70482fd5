import { cn } from '../../lib/cn';
import { useFieldControl } from './Field';

export interface SwitchProps {
  checked: boolean;
  onCheckedChange: (checked: boolean) => void;
  disabled?: boolean;
  /** Required unless the switch sits in a <Field> or has a visible <label htmlFor>. */
  'aria-label'?: string;
  id?: string;
  className?: string;
}

/** An on/off toggle (role="switch"). */
export function Switch({ checked, onCheckedChange, disabled, className, ...props }: SwitchProps) {
  const control = useFieldControl(props);
  return (
    <button
      type="button"
      role="switch"
      aria-checked={checked}
      aria-label={props['aria-label']}
      id={control.id}
      aria-describedby={control['aria-describedby']}
      disabled={disabled}
      onClick={() => onCheckedChange(!checked)}
      className={cn(
        'relative inline-flex h-5 w-9 shrink-0 cursor-pointer items-center rounded-full transition-colors',
        'disabled:cursor-not-allowed disabled:opacity-50',
        checked ? 'bg-primary' : 'bg-input',
        className,
      )}
    >
      <span
        className={cn(
          'inline-block size-4 rounded-full bg-white shadow-soft transition-transform',
          checked ? 'translate-x-4.5' : 'translate-x-0.5',
        )}
      />
    </button>
  );
}
