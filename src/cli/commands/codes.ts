/** `aihub codes create`: a batch of redemption codes, as CSV (the format resellers hand out). */
import { MAX_CODES_PER_BATCH } from '../../billing/redemption-service.js';
import { writePrivateOutput } from '../cli-files.js';
import { parseFuture, parseUsd, parseWhole, timeText, usdText } from '../cli-values.js';
import type { Command } from '../command-registry.js';
import { withOfflineServices } from '../offline-services.js';
import { printResult, renderRecord } from '../output.js';
import { UsageError } from '../usage-error.js';

/** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function codesCsv(
  rows: ReadonlyArray<{ code: string; amountUsd: string; batchId: string; expiresAt: string }>,
): string {
  const lines = ['code,amount_usd,batch_id,expires_at'];
  for (const row of rows) lines.push([row.code, row.amountUsd, row.batchId, row.expiresAt].map(csvField).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

const create: Command = {
  path: ['codes', 'create'],
  summary: 'Create a batch of redemption codes that credit USD; prints them as CSV',
  details:
    'CSV columns: code, amount_usd, batch_id, expires_at. With --output the file is written 0600 and\n' +
    'a summary is printed instead. The codes are stored in the database; each redeems once.',
  options: {
    amount: { type: 'string', value: 'USD', description: 'What each code credits, in USD (required)' },
    count: { type: 'string', value: 'N', description: `How many codes (1-${MAX_CODES_PER_BATCH}, default 1)` },
    name: { type: 'string', value: 'TEXT', description: 'The batch’s name (default: "cli <date>")' },
    expires: { type: 'string', value: 'WHEN', description: 'Expiry: a duration from now (30d) or a date' },
    output: { type: 'string', short: 'o', value: 'FILE', description: 'Write the CSV to FILE instead of stdout' },
  },
  async run(args, io) {
    const amountUnits = parseUsd(args.required('amount'), '--amount');
    if (amountUnits <= 0) throw new UsageError('--amount must be more than 0.');
    const countText = args.string('count');
    const count = countText === undefined ? 1 : parseWhole(countText, '--count', 1, MAX_CODES_PER_BATCH);
    const expires = args.string('expires');
    const expiresAt = expires === undefined ? null : parseFuture(expires, '--expires', Date.now());
    const output = args.string('output');
    return withOfflineServices(args.configPath, io.env, async (services) => {
      const name = args.string('name') ?? `cli ${new Date(services.now()).toISOString().slice(0, 10)}`;
      const { batch, codes } = await services
        .redemptions()
        .createBatch(services.actor, { name, amountUnits, count, expiresAt });
      const rows = codes.map((code) => ({
        code,
        amountUsd: usdText(batch.amount),
        batchId: batch.id,
        expiresAt: batch.expiresAt === null ? '' : new Date(batch.expiresAt).toISOString(),
      }));
      const summary = {
        batchId: batch.id,
        name: batch.name,
        count: batch.count,
        amountUsd: usdText(batch.amount),
        expiresAt: batch.expiresAt === null ? null : new Date(batch.expiresAt).toISOString(),
      };
      if (output) {
        writePrivateOutput(output, codesCsv(rows));
        printResult(
          io,
          args.json,
          { ...summary, output },
          () =>
            `${renderRecord([
              ['Batch', `${batch.id} (${batch.name})`],
              ['Codes', `${batch.count} × ${usdText(batch.amount)} USD`],
              ['Expires', timeText(batch.expiresAt)],
              ['Written to', output],
            ])}`,
        );
        return 0;
      }
      printResult(io, args.json, { ...summary, codes: rows.map((row) => row.code) }, () => codesCsv(rows));
      return 0;
    });
  },
};

export const codeCommands: Command[] = [create];
