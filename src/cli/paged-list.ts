/**
 * The paging every `… list` command shares: the `--limit`/`--offset` options, their parsing, and
 * printing one page (JSON `{ data, total }`, or a table with a hint when more rows remain).
 */
import type { CliIo } from './cli-io.js';
import { parseWhole } from './cli-values.js';
import type { CommandArgs, OptionSpec } from './command-registry.js';
import { type Column, printResult, renderTable } from './output.js';

export interface PageWindow {
  limit: number;
  offset: number;
}

/** Spread last into a list command's options, so `--help` lists them after its own filters. */
export const PAGE_OPTIONS: Readonly<Record<'limit' | 'offset', OptionSpec>> = {
  limit: { type: 'string', value: 'N', description: 'At most N rows (1-200, default 50)' },
  offset: { type: 'string', value: 'N', description: 'Skip the first N rows' },
};

/** `--limit` (1-200, default 50) and `--offset` (default 0). */
export function parsePageWindow(args: CommandArgs): PageWindow {
  const limit = args.string('limit');
  const offset = args.string('offset');
  return {
    limit: limit === undefined ? 50 : parseWhole(limit, '--limit', 1, 200),
    offset: offset === undefined ? 0 : parseWhole(offset, '--offset', 0, Number.MAX_SAFE_INTEGER),
  };
}

/** Prints one page of rows read at `offset` out of `total`. */
export function printPage<Row>(
  io: CliIo,
  args: CommandArgs,
  page: { data: readonly Row[]; total: number; offset: number },
  view: { json: (row: Row) => unknown; columns: readonly Column<Row>[] },
): void {
  const { data, total, offset } = page;
  printResult(io, args.json, { data: data.map(view.json), total }, () => {
    const more = total > offset + data.length ? `${total} in all; --offset to see more.\n` : '';
    return renderTable(data, view.columns) + more;
  });
}
