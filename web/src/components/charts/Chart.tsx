import { BarChart3, type LucideIcon } from 'lucide-react';
import { type ReactNode, useEffect, useId, useMemo, useRef } from 'react';
import { cn } from '../../lib/cn';
import { type ChartTheme, echartsTheme, useChartTheme } from './chart-theme';
import { type ChartOption, type EChartsType, echarts } from './echarts';

export interface ChartProps {
  /**
   * The ECharts option (series, axes, tooltip...), or a function of the theme's colours for
   * series that need a specific one (errors in `theme.destructive`). Axes, legend, tooltip and
   * palette are themed already.
   */
  option: ChartOption | ((theme: ChartTheme) => ChartOption);
  /** Accessible name of the chart (it is an image to screen readers). */
  label: string;
  /** A text summary for screen readers ("Spend over 30 days: $12.30, mostly gpt-4o"). */
  description?: string;
  /** Height in pixels (default 260). */
  height?: number;
  /** Shows a placeholder instead of the chart. */
  loading?: boolean;
  /** Nothing to draw: shows `emptyText` instead of an empty grid. */
  empty?: boolean;
  emptyText?: ReactNode;
  emptyIcon?: LucideIcon;
  className?: string;
}

/**
 * An ECharts chart that follows the console theme (colours from the CSS variables, redrawn when
 * light/dark switches), resizes with its container, and has loading and empty states.
 *
 * `<Chart label="Spend per day" option={(theme) => ({ xAxis: {...}, yAxis: {...}, series: [...] })} />`
 */
export function Chart({
  option,
  label,
  description,
  height = 260,
  loading,
  empty,
  emptyText,
  emptyIcon: EmptyIcon = BarChart3,
  className,
}: ChartProps) {
  const theme = useChartTheme();
  const resolvedOption = useMemo(() => (typeof option === 'function' ? option(theme) : option), [option, theme]);
  const showChart = !loading && !empty;

  return (
    <div className={cn('relative w-full', className)} style={{ height }}>
      {loading && (
        <div className="flex h-full flex-col justify-end gap-2" role="status" aria-busy="true" aria-label={label}>
          <div className="flex h-full items-end gap-1.5 px-2 pb-6">
            {BAR_HEIGHTS.map((value, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: placeholder bars have no identity.
              <div key={index} className="flex-1 animate-pulse rounded-sm bg-muted" style={{ height: `${value}%` }} />
            ))}
          </div>
        </div>
      )}
      {!loading && empty && (
        <div
          className="flex h-full flex-col items-center justify-center gap-2 rounded-lg border border-dashed border-border text-center text-sm text-muted-foreground"
          role="img"
          aria-label={label}
        >
          <EmptyIcon className="size-5" aria-hidden />
          {emptyText && <p className="max-w-xs px-4">{emptyText}</p>}
        </div>
      )}
      {showChart && <ChartCanvas option={resolvedOption} theme={theme} label={label} description={description} />}
    </div>
  );
}

/** Charts draw without transitions for people who ask for less motion (unless the option says otherwise). */
function withMotion(option: ChartOption): ChartOption {
  if ('animation' in option) return option;
  const reduce =
    typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  return { ...option, animation: !reduce };
}

const BAR_HEIGHTS = [35, 55, 40, 70, 50, 85, 60, 45, 75, 65, 90, 55];

function ChartCanvas({
  option,
  theme,
  label,
  description,
}: {
  option: ChartOption;
  theme: ChartTheme;
  label: string;
  description?: string;
}) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const latestOption = useRef(option);
  latestOption.current = option;

  // One ECharts instance per theme: a theme is fixed at init, so a switch re-creates it.
  useEffect(() => {
    const node = element.current;
    if (!node) return;
    const instance = echarts.init(node, echartsTheme(theme), { renderer: 'svg' });
    instance.setOption(withMotion(latestOption.current), { notMerge: true });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(node);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [theme]);

  useEffect(() => {
    chart.current?.setOption(withMotion(option), { notMerge: true });
  }, [option]);

  const descriptionId = useId();
  return (
    <>
      <div
        ref={element}
        className="h-full w-full"
        role="img"
        aria-label={label}
        aria-describedby={description ? descriptionId : undefined}
      />
      {description && (
        <p id={descriptionId} className="sr-only">
          {description}
        </p>
      )}
    </>
  );
}
