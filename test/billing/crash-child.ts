/**
 * A gateway process for the kill -9 test: reserves and settles requests in a loop against the
 * given database and prints each settled request id, until it is killed.
 * Usage: node --import tsx crash-child.ts <url> <schema|-> <userId> <keyId>
 */
import { tmpdir } from 'node:os';
import { Ledger } from '../../src/billing/ledger.js';
import { newId } from '../../src/platform/ids.js';
import { openStore } from '../../src/store/database.js';
import { testCharge } from './reason-fixture.js';

const [url, schema, userId, keyId] = process.argv.slice(2) as [string, string, string, string];
const store = await openStore({ url, dataDir: tmpdir(), ...(schema !== '-' ? { schema } : {}), poolSize: 8 });
const ledger = new Ledger(store, {
  now: Date.now,
  newId,
  instanceId: newId('ins'),
  settings: { value: { overdraft: 0 } },
});
await ledger.start();
process.stdout.write('ready\n');

let n = 0;
// Several requests in flight at once, so the kill lands between reserve and settle for some.
async function worker(w: number): Promise<never> {
  for (;;) {
    const requestId = `req_kill_${w}_${n++}`;
    await ledger.reserve({ requestId, userId, keyId, amount: 50 });
    await new Promise((resolve) => setTimeout(resolve, 1));
    const result = await ledger.settle({ requestId, cost: 37, reason: testCharge() });
    if (result.status === 'settled') process.stdout.write(`settled ${requestId}\n`);
  }
}
await Promise.all([worker(1), worker(2), worker(3), worker(4)]);
