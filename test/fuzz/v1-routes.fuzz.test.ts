/**
 * Fuzz of every relay route (`/v1/...`, read from the server's route tree) as each caller, with the
 * vendor emulators answering upstream. Every answer is a 2xx/3xx/4xx in its surface's envelope
 * (Anthropic's on /v1/messages, OpenAI's elsewhere), in time; a refused chat request costs nothing (no balance moves, no ledger entry, no hold left);
 * and since the emulators never fail on their own, no upstream loses health to client input.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { propertyTimeoutMs, runsFor } from './fuzz-config.js';
import { fuzzRoute } from './fuzz-property.js';
import { CALLERS, type CallerName, FuzzWorld } from './fuzz-world.js';
import { RefusalLedger } from './refusals-cost-nothing.js';
import { routeName } from './route-table.js';

/**
 * Bodies per route and caller at scale 1. Chat completions get the most, from callers whose key
 * works; anonymous callers and console sessions (which /v1 does not accept) are refused at the door.
 */
function runsOf(path: string, caller: CallerName): number {
  if (path !== '/v1/chat/completions') return runsFor(100);
  return runsFor(caller === 'user-key' || caller === 'admin' ? 800 : 150);
}

const world = await FuzzWorld.start();
const routes = (await world.routes()).filter((route) => route.path.startsWith('/v1/'));
const ledger = new RefusalLedger(world.gateway.app.store);

afterAll(async () => {
  console.info(`fuzz /v1: ${routes.length} routes × ${CALLERS.length} callers, ${world.summary()}`);
  await world.close();
});

// The new surfaces get 10,000 bodies each in their own files (anthropic-messages, responses, gemini).
describe('every /v1 route, as every caller, answers 2xx-4xx in its surface’s envelope', () => {
  it('finds the relay routes in the server, chat completions with its request schema', () => {
    const chat = routes.find((route) => routeName(route) === 'POST /v1/chat/completions');
    expect(chat?.body).toBeDefined();
    expect(routes.map(routeName)).toContain('GET /v1/models');
  });

  for (const route of routes) {
    for (const caller of CALLERS) {
      const runs = runsOf(route.path, caller);
      const isChat = route.path === '/v1/chat/completions';
      it(
        `${routeName(route)} as ${caller}${isChat ? ', a refusal costing nothing' : ''}`,
        async () => {
          await world.restoreCallers();
          if (isChat) {
            await fuzzRoute(world, route, caller, {
              runs,
              before: () => ledger.settledBalances(),
              extraCheck: (answer, before) => ledger.costOfRefusal(before, answer),
            });
          } else {
            await fuzzRoute(world, route, caller, { runs });
          }
          expect(await world.stillAnswers()).toBe(true);
        },
        propertyTimeoutMs(runs),
      );
    }
  }

  it('cost no upstream its health: the emulators never failed, so no breaker opened and no key cooled down', async () => {
    const health = await world.routingHealth();
    for (const [part, entries] of Object.entries(health)) expect(entries, part).toEqual([]);
  });

  it('left no internal error, unhandled rejection or uncaught exception behind', () => {
    expect(world.seriousLogs()).toEqual([]);
    expect(world.processFailures).toEqual([]);
  });
});
