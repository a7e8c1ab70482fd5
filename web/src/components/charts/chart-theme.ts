import { useEffect, useState } from 'react';
import { useTheme } from '../../app/theme';

/**
 * The console's colours for charts, read from the CSS variables of styles.css (so charts follow
 * the light and dark themes) and turned into `rgba(...)`: ECharts cannot parse `oklch(...)`.
 */
export interface ChartTheme {
  mode: 'light' | 'dark';
  foreground: string;
  muted: string;
  mutedForeground: string;
  border: string;
  card: string;
  popover: string;
  primary: string;
  success: string;
  warning: string;
  destructive: string;
  info: string;
  /** Series colours, most important first. Override with `--chart-1` … `--chart-8` in CSS. */
  palette: string[];
  /** For "other" / remainder series. */
  neutral: string;
}

/** Fallback series palette (OKLCH; similar lightness, distinct hues), per theme. */
const PALETTE = {
  light: [
    'oklch(0.55 0.2 272)',
    'oklch(0.66 0.13 200)',
    'oklch(0.7 0.15 150)',
    'oklch(0.76 0.14 80)',
    'oklch(0.63 0.19 25)',
    'oklch(0.6 0.19 320)',
    'oklch(0.6 0.1 240)',
    'oklch(0.68 0.15 120)',
  ],
  dark: [
    'oklch(0.68 0.17 274)',
    'oklch(0.74 0.12 200)',
    'oklch(0.76 0.14 150)',
    'oklch(0.82 0.13 80)',
    'oklch(0.7 0.17 25)',
    'oklch(0.72 0.16 320)',
    'oklch(0.72 0.1 240)',
    'oklch(0.78 0.14 120)',
  ],
};

let probe: CanvasRenderingContext2D | null | undefined;

/** Any CSS colour → `rgba(r, g, b, a)`, by painting one pixel (works for oklch, color-mix...). */
export function toRgba(color: string, fallback = 'rgba(128, 128, 128, 1)'): string {
  const value = color.trim();
  if (!value) return fallback;
  if (probe === undefined) {
    const canvas = document.createElement('canvas');
    canvas.width = 1;
    canvas.height = 1;
    probe = canvas.getContext('2d', { willReadFrequently: true });
  }
  if (!probe) return fallback;
  probe.clearRect(0, 0, 1, 1);
  probe.fillStyle = '#000';
  probe.fillStyle = value;
  probe.fillRect(0, 0, 1, 1);
  const [r, g, b, a] = probe.getImageData(0, 0, 1, 1).data;
  return `rgba(${r}, ${g}, ${b}, ${Math.round((a / 255) * 1000) / 1000})`;
}

/** `rgba(r, g, b, a)` with another alpha. */
export function withAlpha(rgba: string, alpha: number): string {
  return rgba.replace(/rgba\(([^,]+),([^,]+),([^,]+),[^)]+\)/, `rgba($1,$2,$3, ${alpha})`);
}

function readTheme(mode: 'light' | 'dark'): ChartTheme {
  const style = getComputedStyle(document.documentElement);
  const read = (name: string) => toRgba(style.getPropertyValue(`--${name}`));
  const palette = PALETTE[mode].map((fallback, index) => {
    const custom = style.getPropertyValue(`--chart-${index + 1}`).trim();
    return toRgba(custom || fallback);
  });
  return {
    mode,
    foreground: read('foreground'),
    muted: read('muted'),
    mutedForeground: read('muted-foreground'),
    border: read('border'),
    card: read('card'),
    popover: read('popover'),
    primary: read('primary'),
    success: read('success'),
    warning: read('warning'),
    destructive: read('destructive'),
    info: read('info'),
    palette,
    neutral: toRgba(mode === 'dark' ? 'oklch(0.45 0.01 264)' : 'oklch(0.8 0.008 264)'),
  };
}

function currentMode(): 'light' | 'dark' {
  return document.documentElement.classList.contains('dark') ? 'dark' : 'light';
}

/**
 * The chart colours of the theme on screen. Re-read when `useTheme().resolved` changes and when
 * the `dark` class on <html> flips (the provider applies it after its children's effects run).
 */
export function useChartTheme(): ChartTheme {
  const { resolved } = useTheme();
  const [theme, setTheme] = useState<ChartTheme>(() => readTheme(currentMode()));
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-read when the theme preference resolves anew.
  useEffect(() => {
    const update = () => {
      const mode = currentMode();
      setTheme((previous) => (previous.mode === mode ? previous : readTheme(mode)));
    };
    update();
    const observer = new MutationObserver(update);
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['class'] });
    return () => observer.disconnect();
  }, [resolved]);
  return theme;
}

/** The ECharts theme object (axes, tooltip, legend, palette) for a ChartTheme. */
export function echartsTheme(theme: ChartTheme): Record<string, unknown> {
  const axis = {
    axisLine: { show: true, lineStyle: { color: theme.border } },
    axisTick: { show: false },
    axisLabel: { color: theme.mutedForeground, fontSize: 11 },
    splitLine: { show: true, lineStyle: { color: withAlpha(theme.border, 0.7), type: 'dashed' } },
    nameTextStyle: { color: theme.mutedForeground },
  };
  return {
    color: theme.palette,
    backgroundColor: 'transparent',
    textStyle: {
      color: theme.foreground,
      fontFamily: getComputedStyle(document.body).fontFamily || 'system-ui, sans-serif',
    },
    categoryAxis: { ...axis, splitLine: { show: false } },
    valueAxis: { ...axis, axisLine: { show: false } },
    timeAxis: axis,
    legend: {
      textStyle: { color: theme.mutedForeground, fontSize: 12 },
      inactiveColor: withAlpha(theme.mutedForeground, 0.35),
      pageTextStyle: { color: theme.mutedForeground },
      pageIconColor: theme.foreground,
      pageIconInactiveColor: theme.border,
    },
    tooltip: {
      backgroundColor: theme.popover,
      borderColor: theme.border,
      borderWidth: 1,
      textStyle: { color: theme.foreground, fontSize: 12 },
      extraCssText: 'border-radius: 8px; box-shadow: 0 10px 30px -12px rgba(0,0,0,0.35);',
      axisPointer: {
        lineStyle: { color: theme.border },
        crossStyle: { color: theme.border },
        shadowStyle: { color: withAlpha(theme.mutedForeground, 0.08) },
      },
    },
    bar: { itemStyle: { borderRadius: 0 } },
    line: { symbol: 'circle', symbolSize: 5, smooth: false, lineStyle: { width: 2 } },
  };
}
