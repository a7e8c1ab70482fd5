import type { LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';
import { Card } from '../../../components/ui';

/** A group of settings: title and explanation at the left (above on phones), the fields at the right. */
export function SettingsSection({
  icon: Icon,
  title,
  description,
  titleId,
  children,
}: {
  icon: LucideIcon;
  title: string;
  description: string;
  /** The heading's id, for a form or region it names. */
  titleId?: string;
  children: ReactNode;
}) {
  return (
    <Card className="grid gap-6 p-5 md:grid-cols-[16rem_1fr] md:gap-10 md:p-6">
      <div className="space-y-2">
        <div className="flex items-center gap-2">
          <span className="flex size-7 items-center justify-center rounded-lg bg-primary-soft text-primary">
            <Icon className="size-4" aria-hidden />
          </span>
          <h2 id={titleId} className="text-base font-semibold">
            {title}
          </h2>
        </div>
        <p className="text-sm text-muted-foreground">{description}</p>
      </div>
      <div className="min-w-0 space-y-5">{children}</div>
    </Card>
  );
}

/** A setting that is a switch: label and description at the left, the switch at the right. */
export function SwitchRow({
  id,
  label,
  description,
  control,
}: {
  id: string;
  label: string;
  description: ReactNode;
  control: ReactNode;
}) {
  return (
    <div className="flex items-start justify-between gap-4">
      <div className="space-y-0.5">
        <label htmlFor={id} className="cursor-pointer text-sm font-medium">
          {label}
        </label>
        <p id={`${id}-description`} className="text-sm text-muted-foreground">
          {description}
        </p>
      </div>
      <div className="pt-0.5">{control}</div>
    </div>
  );
}
