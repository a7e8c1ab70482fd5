/** `aihub logs prune`: deletes request log rows older than a date, in short batches, as the retention sweep does. */
import { deleteRequestLogBatch } from '../../logs/log-retention.js';
import { parseCutoff } from '../cli-values.js';
import type { Command } from '../command-registry.js';
import { withOfflineServices } from '../offline-services.js';
import { printResult } from '../output.js';

/** Rows per DELETE: short statements, so a running server's log writer is never held up long. */
const BATCH = 5_000;

const prune: Command = {
  path: ['logs', 'prune'],
  summary: 'Delete request log rows created before a date or older than a duration',
  details:
    'Usage totals and the ledger are not affected: ledger entries are kept whatever happens to the log.\n' +
    'Examples: --before 90d, --before 2026-01-01, --before 2026-01-01T12:00:00Z.',
  options: {
    before: {
      type: 'string',
      value: 'WHEN',
      description: 'A date, or a duration back from now (30d, 12h, 2w) (required)',
    },
    'dry-run': { type: 'boolean', description: 'Count the rows that would go and delete nothing' },
  },
  async run(args, io) {
    const cutoff = parseCutoff(args.required('before'), '--before', Date.now());
    return withOfflineServices(args.configPath, io.env, async (services) => {
      const dryRun = args.flag('dry-run');
      let deleted = 0;
      if (dryRun) {
        const row = await services.store.db
          .selectFrom('request_logs')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('created_at', '<', cutoff)
          .executeTakeFirstOrThrow();
        deleted = Number(row.n);
      } else {
        for (;;) {
          const batch = await deleteRequestLogBatch(services.store, cutoff, BATCH);
          deleted += batch;
          if (batch < BATCH) break;
        }
      }
      const before = new Date(cutoff).toISOString();
      printResult(io, args.json, { before, dryRun, rows: deleted }, () =>
        dryRun
          ? `${deleted} request log row(s) were created before ${before}; nothing was deleted.\n`
          : `Deleted ${deleted} request log row(s) created before ${before}.\n`,
      );
      return 0;
    });
  },
};

export const logCommands: Command[] = [prune];
