import { unitsToDecimal } from '../../lib/money';
import type { KeyDisplay } from './log-display';
import type { RequestLog } from './types';

/** CSV of the rows on screen (RFC 4180 quoting; formula-looking cells are defused for spreadsheets). */
export function logsToCsv(
  rows: RequestLog[],
  keyOf: (log: RequestLog) => KeyDisplay,
  userOf?: (userId: string | null) => string,
): string {
  const header = [
    'id',
    'time',
    'model_requested',
    'model_served',
    'provider',
    'channel',
    ...(userOf ? ['user'] : []),
    'key',
    'key_group',
    'status',
    'error_code',
    'error_message',
    'stream',
    'cached_response',
    'prompt_tokens',
    'completion_tokens',
    'cached_tokens',
    'cache_write_tokens',
    'cache_write_1h_tokens',
    'reasoning_tokens',
    'cost_usd',
    'plan_drawn_usd',
    'latency_ms',
    'ttft_ms',
    'attempts',
    'api',
    'endpoint',
  ];
  const lines = rows.map((log) =>
    [
      log.id,
      new Date(log.createdAt).toISOString(),
      log.modelRequested,
      log.modelServed,
      log.provider,
      log.channel,
      ...(userOf ? [userOf(log.userId)] : []),
      keyOf(log).name,
      log.keyGroup,
      log.status,
      log.errorCode,
      log.errorMessage,
      log.stream,
      Boolean(log.cachedResponse),
      log.promptTokens,
      log.completionTokens,
      log.cachedTokens,
      log.cacheWriteTokens,
      log.cacheWrite1hTokens,
      log.reasoningTokens,
      unitsToDecimal(log.cost),
      unitsToDecimal(log.planDrawn),
      log.latencyMs,
      log.ttftMs,
      log.attempts,
      log.surface,
      log.endpoint,
    ]
      .map(csvCell)
      .join(','),
  );
  return `${[header.join(','), ...lines].join('\r\n')}\r\n`;
}

export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Saves text as a file through a temporary link. */
export function downloadText(text: string, filename: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob(['\uFEFF', text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}
