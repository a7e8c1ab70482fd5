import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { DrainGate } from './drain-gate.js';
import { drainServer } from './graceful-drain.js';

const logger = pino({ level: 'silent' });

/** A handler in flight that ends when told to, or when its connection is cut. */
function inFlight(gate: DrainGate) {
  let finish: () => void = () => {};
  void gate.track(() => new Promise<void>((resolve) => (finish = resolve)));
  return () => finish();
}

describe('drainServer', () => {
  it('waits for what is in flight, then returns drained without cutting anything', async () => {
    const gate = new DrainGate();
    const finish = inFlight(gate);
    let cuts = 0;
    const draining = drainServer({
      closeServer: async () => undefined,
      server: {
        closeAllConnections: () => {
          cuts += 1;
        },
      },
      gate,
      timeoutMs: 5_000,
      logger,
    });
    expect(gate.draining).toBe(true);
    setTimeout(finish, 30);
    expect(await draining).toEqual({ outcome: 'drained', cut: 0, unsettled: 0 });
    expect(cuts).toBe(0);
  });

  it('at the timeout cuts the connections and waits for the cut handlers to settle', async () => {
    const gate = new DrainGate();
    const finishers = [inFlight(gate), inFlight(gate)];
    const outcome = await drainServer({
      closeServer: async () => undefined,
      // Cutting a connection makes its handler see the client gone, settle and end.
      server: {
        closeAllConnections: () => {
          setTimeout(() => {
            for (const finish of finishers) finish();
          }, 10);
        },
      },
      gate,
      timeoutMs: 20,
      logger,
    });
    expect(outcome).toEqual({ outcome: 'cut', cut: 2, unsettled: 0 });
    expect(gate.inFlight).toBe(0);
  });

  it('a second signal ends the drain before the timeout; handlers that never end are reported', async () => {
    const gate = new DrainGate();
    inFlight(gate);
    const started = Date.now();
    const outcome = await drainServer({
      closeServer: async () => undefined,
      server: { closeAllConnections: () => undefined },
      gate,
      timeoutMs: 60_000,
      endNow: new Promise((resolve) => setTimeout(resolve, 10)),
      settleGraceMs: 20,
      logger,
    });
    expect(outcome).toEqual({ outcome: 'cut', cut: 1, unsettled: 1 });
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
