import { createContext, type LabelHTMLAttributes, type ReactNode, useContext, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { cn } from '../../lib/cn';

interface FieldContextValue {
  id: string;
  describedBy?: string;
  invalid: boolean;
  required?: boolean;
}

const FieldContext = createContext<FieldContextValue | undefined>(undefined);

/** Inside a <Field>: the control's id, aria-describedby and aria-invalid (Input, Textarea, Select, Switch read it). */
export function useFieldControl(props: { id?: string; 'aria-describedby'?: string; 'aria-invalid'?: unknown }) {
  const field = useContext(FieldContext);
  return {
    id: props.id ?? field?.id,
    'aria-describedby': props['aria-describedby'] ?? field?.describedBy,
    'aria-invalid': (props['aria-invalid'] as boolean | undefined) ?? (field?.invalid || undefined),
    required: field?.required,
  };
}

export function Label({ className, ...props }: LabelHTMLAttributes<HTMLLabelElement>) {
  // biome-ignore lint/a11y/noLabelWithoutControl: htmlFor is passed by the caller or by <Field>.
  return <label className={cn('text-sm font-medium text-foreground', className)} {...props} />;
}

export interface FieldProps {
  label: ReactNode;
  /** Shown under the control, unless there is an error. */
  hint?: ReactNode;
  /** An error message: shown in red, and marks the control aria-invalid. */
  error?: ReactNode;
  required?: boolean;
  /** Shows "(optional)" after the label. */
  optional?: boolean;
  /** The control's id; generated when missing. */
  id?: string;
  /** Content at the right of the label (a "Forgot?" link, a counter). */
  labelAside?: ReactNode;
  className?: string;
  children: ReactNode;
}

/** A labelled form control with hint and error text, wired for screen readers. */
export function Field({ label, hint, error, required, optional, id, labelAside, className, children }: FieldProps) {
  const { t } = useTranslation();
  const generated = useId();
  const controlId = id ?? generated;
  const messageId = `${controlId}-message`;
  const message = error || hint;
  return (
    <FieldContext.Provider
      value={{ id: controlId, describedBy: message ? messageId : undefined, invalid: Boolean(error), required }}
    >
      <div className={cn('flex flex-col gap-1.5', className)}>
        <div className="flex items-baseline justify-between gap-2">
          <Label htmlFor={controlId}>
            {label}
            {optional && <span className="ml-1 font-normal text-muted-foreground">({t('fields.optional')})</span>}
          </Label>
          {labelAside}
        </div>
        {children}
        {message && (
          <p
            id={messageId}
            className={cn('text-xs', error ? 'text-destructive' : 'text-muted-foreground')}
            role={error ? 'alert' : undefined}
          >
            {message}
          </p>
        )}
      </div>
    </FieldContext.Provider>
  );
}
