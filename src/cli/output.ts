/**
 * What every command prints: a table for people, or JSON (`--json`) for scripts. Both are built
 * from the same rows, so the two never disagree.
 */
import type { CliIo } from './cli-io.js';

export interface Column<Row> {
  header: string;
  value: (row: Row) => string | number | null | undefined;
  /** Numbers and money read better aligned on the right. */
  align?: 'left' | 'right';
}

/** Plain-text columns padded to their widest cell; `(none)` for an empty list. */
export function renderTable<Row>(rows: readonly Row[], columns: readonly Column<Row>[]): string {
  if (rows.length === 0) return '(none)\n';
  const cells = rows.map((row) => columns.map((column) => cellText(column.value(row))));
  const widths = columns.map((column, index) =>
    Math.max(displayWidth(column.header), ...cells.map((line) => displayWidth(line[index] ?? ''))),
  );
  const line = (values: string[]) =>
    values
      .map((value, index) => pad(value, widths[index] ?? 0, columns[index]?.align ?? 'left'))
      .join('  ')
      .trimEnd();
  const header = line(columns.map((column) => column.header));
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return `${[header, rule, ...cells.map(line)].join('\n')}\n`;
}

/** Key/value lines for one record (`Email     a@b.c`). */
export function renderRecord(entries: ReadonlyArray<readonly [string, string | number | null | undefined]>): string {
  const width = Math.max(...entries.map(([label]) => displayWidth(label)));
  return `${entries.map(([label, value]) => `${pad(label, width, 'left')}  ${cellText(value)}`.trimEnd()).join('\n')}\n`;
}

/** Prints `data` as indented JSON with `--json`, otherwise what `human()` renders. */
export function printResult(io: CliIo, json: boolean, data: unknown, human: () => string): void {
  io.out.write(json ? `${JSON.stringify(data, null, 2)}\n` : human());
}

function cellText(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '-';
  // A value with a line break would tear the table apart.
  return String(value).replace(/[\r\n\t]+/g, ' ');
}

function pad(text: string, width: number, align: 'left' | 'right'): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return align === 'right' ? fill + text : text + fill;
}

/** East Asian wide characters take two terminal columns (emails and names may be Chinese). */
function displayWidth(text: string): number {
  let width = 0;
  for (const char of text)
    width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(char)
      ? 2
      : 1;
  return width;
}
