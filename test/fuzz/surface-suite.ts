/**
 * The fuzz of one inbound API through the real server: each of its routes as each caller, a
 * planned number of bodies apiece, every answer held to `answerProblems` (never a 5xx or a hang,
 * a 4xx in the surface's envelope, a 2xx in its shape) and every refusal to costing nothing. One
 * file per surface calls this, so CI runs the surfaces side by side, each with its own server.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { propertyTimeoutMs, runsFor } from './fuzz-config.js';
import { fuzzRoute } from './fuzz-property.js';
import { type CallerName, FuzzWorld } from './fuzz-world.js';
import { RefusalLedger } from './refusals-cost-nothing.js';
import { routeName } from './route-table.js';

/** Bodies at scale 1 for each route (`POST /v1/messages`) and caller. */
export type RunPlan = Record<string, Partial<Record<CallerName, number>>>;

/** Bodies the plan sends at scale 1: what a surface's file promises (at least 10,000, issue 12). */
export function plannedBodies(plan: RunPlan): number {
  return Object.values(plan)
    .flatMap((callers) => Object.values(callers))
    .reduce((total, runs) => total + (runs ?? 0), 0);
}

export function describeSurfaceFuzz(surface: string, plan: RunPlan): void {
  const world = FuzzWorld.start();
  const counted = { requests: 0, startedAt: performance.now() };

  afterAll(async () => {
    const ready = await world;
    const seconds = ((performance.now() - counted.startedAt) / 1000).toFixed(0);
    console.info(`fuzz ${surface}: ${ready.summary()}; ${seconds} s`);
    await ready.close();
  });

  describe(`${surface} through the real server: never a 5xx or a hang, errors in its envelope, answers in its shape, refusals free`, () => {
    it('finds every route of the plan in the server', async () => {
      const names = (await (await world).routes()).map(routeName);
      for (const route of Object.keys(plan)) expect(names).toContain(route);
    });

    for (const [name, callers] of Object.entries(plan)) {
      for (const [caller, base] of Object.entries(callers) as Array<[CallerName, number]>) {
        const runs = runsFor(base);
        it(
          `${name} as ${caller}: ${runs} bodies`,
          async () => {
            const ready = await world;
            const route = (await ready.routes()).find((each) => routeName(each) === name);
            if (!route) throw new Error(`${name} is not a route of the server`);
            const ledger = new RefusalLedger(ready.gateway.app.store);
            await ready.restoreCallers();
            await fuzzRoute(ready, route, caller, {
              runs,
              before: () => ledger.settledBalances(),
              extraCheck: (answer, before) => ledger.costOfRefusal(before, answer),
            });
            counted.requests += runs;
            expect(await ready.stillAnswers()).toBe(true);
          },
          propertyTimeoutMs(runs),
        );
      }
    }

    it('cost no upstream its health: the emulators never failed, so no breaker opened and no key cooled down', async () => {
      const health = await (await world).routingHealth();
      for (const [part, entries] of Object.entries(health)) expect(entries, part).toEqual([]);
    });

    it('left no internal error, unhandled rejection or uncaught exception behind', async () => {
      const ready = await world;
      expect(ready.seriousLogs()).toEqual([]);
      expect(ready.processFailures).toEqual([]);
    });
  });
}
