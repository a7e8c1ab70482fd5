/**
 * Is AIHub's money path exact after a load? Waits until the bench users hold nothing (requests
 * wrk cut at the end settle just after), then runs `aihub ledger verify` on the same database as
 * its own process: every balance equals its ledger, every hold its reservations, none left open.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { sleep } from './lib/proc.js';
import type { AihubInstance } from './run-aihub.js';
import type { Exactness } from './workers-scaling.js';

const run = promisify(execFile);

async function reserved(instance: AihubInstance): Promise<number> {
  let total = 0;
  // One key per user is enough, but which keys share a user is not kept: ask with each (10 reads).
  for (const key of instance.keys) {
    const response = await fetch(`${instance.origin}/api/balance`, { headers: { authorization: `Bearer ${key}` } });
    total = Math.max(total, ((await response.json()) as { reserved: number }).reserved);
  }
  return total;
}

export async function checkExactness(instance: AihubInstance, settleMs = 10_000): Promise<Exactness> {
  for (const deadline = Date.now() + settleMs; Date.now() < deadline && (await reserved(instance)) > 0; ) {
    await sleep(200);
  }
  const result = await run(process.execPath, [instance.entry, 'ledger', 'verify'], {
    cwd: instance.dataDir,
    env: { ...process.env, ...instance.env },
  }).then(
    ({ stdout }) => ({ code: 0, stdout }),
    (error: { code?: number; stdout?: string; message: string }) => ({
      code: error.code ?? 1,
      stdout: error.stdout || error.message,
    }),
  );
  const counts = /(\d+) ledger entries, (\d+) open reservations/.exec(result.stdout);
  const exactness: Exactness = {
    ledgerOk: result.code === 0,
    ledgerEntries: Number(counts?.[1] ?? Number.NaN),
    openReservations: Number(counts?.[2] ?? Number.NaN),
  };
  if (result.code !== 0 || !counts || exactness.openReservations !== 0) {
    exactness.problem = result.stdout.trim().split('\n').slice(0, 3).join(' / ').slice(0, 300);
  }
  return exactness;
}
