import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAnthropicEmulator } from '../emulators/index.js';
import type { Emulator, RecordedRequest } from '../emulators/types.js';
import { type Started, startCli, stop } from './cli-process.js';
import { type CrashEnvironment, crashEnvironment, until } from './crash-harness.js';
import { ADMIN_KEY } from './gateway-harness.js';
import { asAdmin, createKey, register } from './platform-client.js';

/**
 * Every answer a client fully received is billed, whatever instant the process dies at: the
 * settlement commits before the last byte (the end of a JSON body; a stream's closing frames and
 * `[DONE]`) leaves AIHub. A burst of streaming and non-streaming requests is cut by `kill -9`;
 * after a restart (whose orphan sweep releases what the dead process held), every fully received
 * answer is matched to its charge by request id.
 */
const REQUESTS = 120;
/**
 * Answers end in waves of this many, released by the upstream at the same instant, so that many
 * of them leave AIHub together and the kill lands while they do.
 */
const WAVE = 20;
/** The kill comes with the fourth answer of the third wave: in the middle of the burst. */
const KILL_AFTER = 2 * WAVE + 4;
/** When the first wave ends, after the burst began (every request has reached the upstream by then). */
const FIRST_WAVE_MS = 1_000;
const WAVE_GAP_MS = 400;

interface Outcome {
  requestId: string | null;
  stream: boolean;
  /** A complete JSON body with status 200, or a stream that reached `[DONE]`. */
  complete: boolean;
}

/** Holds each answer until its wave's instant (its wave comes from its number in the prompt). */
function paceByWave(burstStart: () => number) {
  return (request: RecordedRequest) => {
    const prompt = JSON.stringify(request.body?.messages ?? '');
    const wave = Math.floor(Number(/request (\d+)/.exec(prompt)?.[1] ?? 0) / WAVE);
    const endsAt = burstStart() + FIRST_WAVE_MS + wave * WAVE_GAP_MS;
    return { headersDelayMs: Math.max(0, endsAt - Date.now()), chunkCount: 3 };
  };
}

for (const database of ['sqlite', 'postgres'] as const) {
  describe(`kill -9 in a burst: every fully received answer is billed [${database}]`, () => {
    let upstream: Emulator;
    let crash: CrashEnvironment;
    let env: Record<string, string>;
    let burstStart = 0;

    beforeAll(async () => {
      upstream = await startAnthropicEmulator();
      upstream.setScript(paceByWave(() => burstStart));
      crash = crashEnvironment(database, { adminKey: ADMIN_KEY, anthropicBaseUrl: upstream.url, name: 'burst' });
      env = crash.env;
    });

    afterAll(async () => {
      await upstream?.close();
      await crash?.remove();
    });

    it('matches every fully received answer to its charge by request id', async () => {
      let first: Started | undefined = await startCli(env);
      let second: Started | undefined;
      try {
        const user = await register(first, `burst-${database}@example.com`);
        const { key } = await createKey(first, user);
        const topUp = await asAdmin(first, 'POST', `/api/admin/users/${user.userId}/adjust`, {
          amount: 50_000_000,
          reason: 'burst test',
        });
        expect(topUp.status).toBe(200);

        let complete = 0;
        const killed = new Promise<void>((resolve) => first?.child.once('exit', () => resolve()));
        const origin = first.origin;
        const child = first.child;
        /** Counts a fully received answer; the one that reaches KILL_AFTER kills the server at once. */
        const received = () => {
          complete++;
          if (complete === KILL_AFTER) child.kill('SIGKILL');
        };
        const call = async (index: number): Promise<Outcome> => {
          const stream = index % 2 === 1;
          const outcome: Outcome = { requestId: null, stream, complete: false };
          try {
            const response = await fetch(`${origin}/v1/chat/completions`, {
              method: 'POST',
              headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
              body: JSON.stringify({
                model: 'claude-sonnet-4-5',
                stream,
                max_tokens: 64,
                messages: [{ role: 'user', content: `request ${index}: tell me a story` }],
              }),
            });
            outcome.requestId = response.headers.get('x-request-id');
            const text = await response.text();
            // A body cut short fails to parse (and undici rejects a short content-length anyway).
            outcome.complete =
              response.status === 200 &&
              (stream ? text.endsWith('data: [DONE]\n\n') : JSON.parse(text).choices !== undefined);
            if (outcome.complete) received();
          } catch {
            // Cut by the kill: not fully received.
          }
          return outcome;
        };
        burstStart = Date.now();
        const outcomes = await Promise.all(Array.from({ length: REQUESTS }, (_, index) => call(index)));
        if (complete < KILL_AFTER) child.kill('SIGKILL'); // too few answers: fails below, without hanging
        await killed;
        first = undefined;

        const delivered = outcomes.filter((outcome) => outcome.complete);
        expect(delivered.length).toBeGreaterThanOrEqual(KILL_AFTER);
        expect(delivered.length).toBeLessThan(REQUESTS); // the kill came mid-burst
        expect(delivered.filter((outcome) => outcome.stream).length).toBeGreaterThan(0);
        expect(delivered.filter((outcome) => !outcome.stream).length).toBeGreaterThan(0);

        // The restarted server's sweep releases what the dead one held for answers it never finished.
        second = await startCli(env);
        const store = await crash.openDatabase();
        try {
          await until(async () => {
            const open = await store.db
              .selectFrom('reservations')
              .select('id')
              .where('user_id', '=', user.userId)
              .execute();
            return open.length === 0 ? true : undefined;
          }, 15_000);
          const charges = await store.db
            .selectFrom('ledger_entries')
            .select('reference')
            .where('user_id', '=', user.userId)
            .where('kind', '=', 'charge')
            .execute();
          const charged = new Set(charges.map((row) => row.reference));
          const unbilled = delivered.filter((outcome) => !charged.has(outcome.requestId ?? ''));
          expect(unbilled).toEqual([]);
        } finally {
          await store.close();
        }
      } finally {
        if (first) first.child.kill('SIGKILL');
        await stop(second);
      }
    }, 90_000);
  });
}
