import { CalendarRange } from 'lucide-react';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Input, SegmentedControl } from '../../components/ui';
import { cn } from '../../lib/cn';
import {
  customRangeProblem,
  localDayKey,
  RANGE_PRESETS,
  type RangePreset,
  type RangeWindow,
  type UsageRange,
} from './usage-range';

export interface RangePickerProps {
  range: UsageRange;
  /** The window on screen (to pre-fill the custom dates). */
  window: RangeWindow;
  onChange: (range: UsageRange) => void;
  className?: string;
}

type Choice = RangePreset | 'custom';

/** 7 / 30 / 90 days, or two dates (inclusive, local days). */
export function RangePicker({ range, window, onChange, className }: RangePickerProps) {
  const { t } = useTranslation('usage');
  const [choice, setChoice] = useState<Choice>(range.kind === 'custom' ? 'custom' : range.preset);
  const [fromDay, setFromDay] = useState(window.days[0] ?? localDayKey(new Date()));
  const [toDay, setToDay] = useState(window.days[window.days.length - 1] ?? localDayKey(new Date()));
  const [submitted, setSubmitted] = useState(false);

  // Follow the URL (back/forward) when it changes the range.
  const rangeKey = range.kind === 'custom' ? `${range.fromDay}/${range.toDay}` : range.preset;
  // biome-ignore lint/correctness/useExhaustiveDependencies: rangeKey stands for range.
  useEffect(() => {
    setChoice(range.kind === 'custom' ? 'custom' : range.preset);
    if (range.kind === 'custom') {
      setFromDay(range.fromDay);
      setToDay(range.toDay);
    }
  }, [rangeKey]);

  const problem = customRangeProblem(fromDay, toDay);
  const today = localDayKey(new Date());

  const choose = (next: Choice) => {
    setChoice(next);
    setSubmitted(false);
    if (next !== 'custom') onChange({ kind: 'preset', preset: next });
  };

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (!problem) onChange({ kind: 'custom', fromDay, toDay });
  };

  return (
    <div className={cn('flex flex-col items-stretch gap-2 sm:items-end', className)}>
      <SegmentedControl<Choice>
        label={t('range.label')}
        value={choice}
        onChange={choose}
        options={[
          ...RANGE_PRESETS.map((preset) => ({ value: preset, label: t(`range.${preset}`) })),
          { value: 'custom' as const, label: t('range.custom'), icon: CalendarRange },
        ]}
      />
      {choice === 'custom' && (
        <form className="flex flex-wrap items-center gap-2" onSubmit={apply} noValidate>
          <Input
            type="date"
            aria-label={t('range.from')}
            value={fromDay}
            max={toDay || today}
            onChange={(event) => setFromDay(event.target.value)}
            className="w-[9.5rem]"
            aria-invalid={submitted && Boolean(problem)}
          />
          <span className="text-sm text-muted-foreground" aria-hidden>
            –
          </span>
          <Input
            type="date"
            aria-label={t('range.to')}
            value={toDay}
            min={fromDay}
            max={today}
            onChange={(event) => setToDay(event.target.value)}
            className="w-[9.5rem]"
            aria-invalid={submitted && Boolean(problem)}
          />
          <Button type="submit" size="sm" variant="outline">
            {t('range.apply')}
          </Button>
          {submitted && problem && (
            <p className="w-full text-xs text-destructive sm:text-right" role="alert">
              {t(`range.problem.${problem}`)}
            </p>
          )}
        </form>
      )}
    </div>
  );
}
