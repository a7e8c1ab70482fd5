/**
 * Fuzz of every REST route (`/api/...`, read from the server's route tree and OpenAPI document) as
 * each caller: anonymous, a user's console session (with its CSRF token), the same user's API key,
 * and the administrator. Every answer is a 2xx/3xx/4xx in the error envelope, in time; the server
 * still answers after each route and logged no internal error or unhandled failure.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { propertyTimeoutMs, runsFor } from './fuzz-config.js';
import { fuzzRoute } from './fuzz-property.js';
import { CALLERS, FuzzWorld } from './fuzz-world.js';
import { routeName } from './route-table.js';

/** Bodies per route and caller at scale 1 (about 210 properties: ~10,500 requests). */
const RUNS = runsFor(50);

const world = await FuzzWorld.start();
const routes = (await world.routes()).filter((route) => route.path.startsWith('/api/'));

afterAll(async () => {
  console.info(`fuzz /api: ${routes.length} routes × ${CALLERS.length} callers, ${world.summary()}`);
  await world.close();
});

describe('every /api route, as every caller, answers 2xx-4xx in the envelope', () => {
  it('finds the REST API in the server: every operation of its OpenAPI document, each with who may call it', () => {
    expect(routes.length).toBeGreaterThanOrEqual(50);
    expect(routes.every((route) => route.access !== undefined || route.path === '/api/openapi.json')).toBe(true);
  });

  for (const route of routes) {
    for (const caller of CALLERS) {
      it(
        `${routeName(route)} as ${caller}`,
        async () => {
          await world.restoreCallers();
          await fuzzRoute(world, route, caller, { runs: RUNS });
          expect(await world.stillAnswers()).toBe(true);
        },
        propertyTimeoutMs(RUNS),
      );
    }
  }

  it('left no internal error, unhandled rejection or uncaught exception behind', () => {
    expect(world.seriousLogs()).toEqual([]);
    expect(world.processFailures).toEqual([]);
  });
});
