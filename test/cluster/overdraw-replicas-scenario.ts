/**
 * Issue 11, "holds smaller than the charge", on three replicas sharing one PostgreSQL schema and
 * one Redis (requests round-robin over the three): the same 500-request adversarial run as
 * test/e2e/overdraw.e2e.test.ts, against an upstream counting usage as OpenAI does and one billing
 * the most any tokenizer could. Run on replicas in one process and on `--workers 2` process trees.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { verifyLedger } from '../../src/billing/ledger-verify.js';
import { createAccounts, expectNoOverdraw, runBurst, setOverdraft } from '../e2e/overdraw-scenario.js';
import { startOpenAIEmulator } from '../emulators/index.js';
import type { Emulator } from '../emulators/types.js';
import { describeRedis } from './redis-harness.js';
import { type ReplicaCluster, type ReplicaEndpoint, replicaCluster } from './replica-harness.js';

export function describeOverdrawReplicas(
  title: string,
  start: (cluster: ReplicaCluster) => Promise<ReplicaEndpoint>,
  startTimeoutMs = 60_000,
): void {
  describeRedis(title, () => {
    const cluster = replicaCluster('overdraw', () => upstream.url);
    let upstream: Emulator;
    const replicas: ReplicaEndpoint[] = [];

    beforeAll(async () => {
      upstream = await startOpenAIEmulator();
      // The first replica migrates the schema; the others start after the overdraft is set, so all
      // three load it.
      replicas.push(await start(cluster));
      await setOverdraft(replicas[0] as ReplicaEndpoint);
      replicas.push(...(await Promise.all([start(cluster), start(cluster)])));
    }, startTimeoutMs);

    afterAll(async () => {
      await cluster.close();
      await upstream?.close();
    });

    it.each(['o200k', 'maximum'] as const)(
      'with an upstream counting %s: no balance below −overdraft, no key past its quota, no hold left',
      async (counting) => {
        const first = replicas[0] as ReplicaEndpoint;
        const accounts = await createAccounts(first, `cluster-${counting}`);
        // Let the config bus bring the new keys to the other replicas.
        await new Promise((resolve) => setTimeout(resolve, 300));
        const statuses = await runBurst(replicas, accounts, upstream, counting);
        await expectNoOverdraw(replicas[1] as ReplicaEndpoint, accounts, statuses);
        const report = await verifyLedger(first.store);
        expect(report.mismatches).toEqual([]);
        expect(report.openReservations).toBe(0);
      },
      120_000,
    );
  });
}
