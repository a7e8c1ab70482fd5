import type { Ref, TextareaHTMLAttributes } from 'react';
import { cn } from '../../lib/cn';
import { useFieldControl } from './Field';
import { controlClasses } from './Input';

export interface TextareaProps extends TextareaHTMLAttributes<HTMLTextAreaElement> {
  ref?: Ref<HTMLTextAreaElement>;
}

export function Textarea({ className, ...props }: TextareaProps) {
  const control = useFieldControl(props);
  return (
    <textarea
      className={cn(controlClasses, 'min-h-20 py-2 leading-relaxed', className)}
      {...props}
      {...control}
      required={props.required ?? control.required}
    />
  );
}
