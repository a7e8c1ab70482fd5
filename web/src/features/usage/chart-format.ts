import { formatMoney } from '../../lib/money';

/** Helpers for chart axes and tooltips (tooltips are HTML: escape everything that came from data). */

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** Axis money labels: `$0`, `$0.50`, `$12`, `$1.2K`; small amounts keep the digits that matter. */
export function formatMoneyAxis(units: number): string {
  if (units === 0) return '$0';
  const dollars = units / 1_000_000;
  if (Math.abs(dollars) >= 1000) {
    return `$${new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 }).format(dollars)}`;
  }
  if (Math.abs(dollars) >= 10) return `$${Math.round(dollars)}`;
  return formatMoney(units);
}

interface AxisTooltipParam {
  marker?: string;
  seriesName?: string;
  value?: unknown;
  axisValueLabel?: string;
  dataIndex?: number;
}

/**
 * An axis tooltip: the day, one line per non-zero series, and an optional total line.
 * `names` maps series names to display names (OTHER_MODELS → "Other").
 */
export function axisTooltip(
  format: (value: number) => string,
  options: { totalLabel?: string; title?: (index: number) => string; hideZero?: boolean } = {},
) {
  return (raw: unknown): string => {
    const params = (Array.isArray(raw) ? raw : [raw]) as AxisTooltipParam[];
    const first = params[0];
    const title =
      first?.dataIndex !== undefined && options.title ? options.title(first.dataIndex) : (first?.axisValueLabel ?? '');
    let total = 0;
    const lines = params
      .filter((param) => !options.hideZero || Number(param.value) !== 0)
      .map((param) => {
        const value = Number(param.value) || 0;
        total += value;
        return `<div style="display:flex;justify-content:space-between;gap:16px;align-items:center"><span>${param.marker ?? ''}${escapeHtml(param.seriesName ?? '')}</span><span style="font-weight:600;font-variant-numeric:tabular-nums">${escapeHtml(format(value))}</span></div>`;
      });
    if (lines.length === 0) lines.push(`<div style="opacity:0.7">${escapeHtml(format(0))}</div>`);
    const totalLine =
      options.totalLabel && params.length > 1
        ? `<div style="display:flex;justify-content:space-between;gap:16px;margin-top:4px;padding-top:4px;border-top:1px solid currentColor;border-color:rgba(127,127,127,0.25)"><span>${escapeHtml(options.totalLabel)}</span><span style="font-weight:600;font-variant-numeric:tabular-nums">${escapeHtml(format(total))}</span></div>`
        : '';
    return `<div style="min-width:160px"><div style="font-weight:600;margin-bottom:4px">${escapeHtml(title)}</div>${lines.join('')}${totalLine}</div>`;
  };
}
