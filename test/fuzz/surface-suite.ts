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
import { type FuzzRoute, routeName } from './route-table.js';
import { surfaceProfileOf } from './surface-profiles.js';

/** Bodies at scale 1 for each route (`POST /v1/messages`) and caller. */
export type RunPlan = Record<string, Partial<Record<CallerName, number>>>;

/** POST bodies the plan sends at scale 1: what a surface's file promises (at least 10,000, issue 12). */
export function plannedBodies(plan: RunPlan): number {
  return Object.entries(plan)
    .filter(([name]) => name.startsWith('POST '))
    .flatMap(([, callers]) => Object.values(callers))
    .reduce((total, runs) => total + (runs ?? 0), 0);
}

/**
 * The route of the plan named `name`: the server's own, or, for a route whose path is data
 * (Gemini's `{model}:{action}`, which its profile writes), one the server serves under the same
 * fixed prefix (`/v1beta/models/…`, however it routes it).
 */
export function planRoute(name: string, serverRoutes: FuzzRoute[]): FuzzRoute | undefined {
  const own = serverRoutes.find((route) => routeName(route) === name);
  if (own) return own;
  const [method, path] = name.split(' ');
  if (!surfaceProfileOf({ method, path })?.path) return undefined;
  const prefix = path.slice(0, path.indexOf('{'));
  const served = serverRoutes.some((route) => route.method === method && route.path.startsWith(prefix));
  return served ? { method, path, pathParameters: [], query: [], pathSchemas: {}, head: false } : undefined;
}

/**
 * Starts a server and declares the surface's fuzz. A route of the plan the server does not serve
 * yet (a surface wired in another change) skips the file with its reason on a developer machine,
 * and fails it in CI, which must never skip silently.
 */
export async function describeSurfaceFuzz(surface: string, plan: RunPlan): Promise<void> {
  const world = await FuzzWorld.start();
  const routes = await world.routes();
  const startedAt = performance.now();

  afterAll(async () => {
    const seconds = ((performance.now() - startedAt) / 1000).toFixed(0);
    console.info(`fuzz ${surface}: ${world.summary()}; ${seconds} s`);
    await world.close();
  });

  const title = `${surface} through the real server: never a 5xx or a hang, errors in its envelope, answers in its shape, refusals free`;
  const missing = Object.keys(plan).filter((name) => !planRoute(name, routes));
  if (missing.length > 0) {
    const reason = `the server does not serve ${missing.join(', ')} yet`;
    if (process.env.CI) throw new Error(`${surface} fuzz: ${reason} (served: ${routes.map(routeName).join(', ')})`);
    console.warn(`SKIPPED "${surface}" fuzz: ${reason}`);
    describe.skip(`${title} [SKIPPED: ${reason}]`, () => {
      it('fuzzes the surface once its routes are served', () => {});
    });
    return;
  }

  describe(title, () => {
    const ledger = new RefusalLedger(world.gateway.app.store);
    for (const [name, callers] of Object.entries(plan)) {
      const route = planRoute(name, routes) as FuzzRoute;
      for (const [caller, base] of Object.entries(callers) as Array<[CallerName, number]>) {
        const runs = runsFor(base);
        it(
          `${name} as ${caller}: ${runs} bodies`,
          async () => {
            await world.restoreCallers();
            await fuzzRoute(world, route, caller, {
              runs,
              before: () => ledger.settledBalances(),
              extraCheck: (answer, before) => ledger.costOfRefusal(before, answer),
            });
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
}
