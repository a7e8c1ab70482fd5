import { useEffect, useState } from 'react';
import { cn } from '../../../lib/cn';

export interface ProgressBarProps {
  /** 0..1; undefined while estimating (see `estimateMs`). */
  value?: number;
  /** While `running`, the bar advances along this estimate (easing towards 95%) until `value` is given. */
  estimateMs?: number;
  running?: boolean;
  label: string;
  className?: string;
}

/** A thin progress bar (role="progressbar"); for one long request it follows an estimate of its duration. */
export function ProgressBar({ value, estimateMs = 2000, running = true, label, className }: ProgressBarProps) {
  const [estimated, setEstimated] = useState(0);
  useEffect(() => {
    if (!running || value !== undefined) return;
    const started = performance.now();
    let frame = 0;
    const tick = () => {
      const elapsed = performance.now() - started;
      // Reaches ~63% at the estimate and never passes 95% before the answer.
      setEstimated(0.95 * (1 - Math.exp(-elapsed / estimateMs)));
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [running, value, estimateMs]);
  const shown = value ?? estimated;
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(shown * 100)}
      className={cn('h-1.5 w-full overflow-hidden rounded-full bg-muted', className)}
    >
      <div
        className="h-full rounded-full bg-primary transition-[width] duration-200"
        style={{ width: `${shown * 100}%` }}
      />
    </div>
  );
}
