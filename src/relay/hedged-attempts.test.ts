import { describe, expect, it } from 'vitest';
import type { StartedAttempt } from './attempt-plan.js';
import type { ClientConnection } from './client-connection.js';
import { type AttemptEnd, type AttemptLane, HedgeGate, raceHedged } from './hedged-attempts.js';

function fakeClient() {
  const controller = new AbortController();
  const written: string[] = [];
  const client: ClientConnection = {
    signal: controller.signal,
    sendJson: (_status, _headers, body) => written.push(JSON.stringify(body)),
    startStream: () => written.push('<start>'),
    write: async (text) => {
      written.push(text);
    },
    end: () => written.push('<end>'),
  };
  return { client, written, leave: () => controller.abort(new Error('gone')) };
}

const started = (name: string) => ({ attempt: { channel: { name } } }) as unknown as StartedAttempt;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** An attempt that answers `text` after `ms`, or is aborted through its lane first. */
function answering(ms: number, text: string, events: string[]) {
  return async (lane: AttemptLane): Promise<AttemptEnd<string>> => {
    const aborted = new Promise<'aborted'>((resolve) =>
      lane.client.signal.addEventListener('abort', () => resolve('aborted')),
    );
    if ((await Promise.race([sleep(ms), aborted])) === 'aborted') {
      events.push(`${text} aborted`);
      lane.dispose();
      return lane.lost ? { outcome: 'lost' } : { outcome: 'failed', failure: 'client gone' };
    }
    try {
      lane.client.startStream({});
      await lane.client.write(text);
      lane.client.end();
      return { outcome: 'served' };
    } catch {
      events.push(`${text} refused`);
      return { outcome: 'lost' };
    } finally {
      lane.dispose();
    }
  };
}

describe('hedged attempts', () => {
  it('gives the client to the first lane that claims it and aborts the other at once', () => {
    const { client, written } = fakeClient();
    const gate = new HedgeGate(client);
    const [a, b] = [gate.lane(), gate.lane()];
    b.client.startStream({});
    expect(a.lost).toBe(true);
    expect(a.client.signal.aborted).toBe(true);
    expect(() => a.client.write('late')).toThrow(/answered first/);
    expect(() => a.claim()).toThrow();
    b.claim(); // the owner may claim again
    expect(written).toEqual(['<start>']);
    expect(b.client.signal.aborted).toBe(false);
  });

  it('does not hedge an attempt that answers before the delay', async () => {
    const { client, written } = fakeClient();
    const events: string[] = [];
    let hedges = 0;
    const runs = { first: answering(5, 'first', events), second: answering(0, 'second', events) };
    const raced = await raceHedged(
      client,
      started('first'),
      50,
      () => (hedges++, started('second')),
      (attempt, lane) => runs[attempt.attempt.channel.name as 'first'](lane),
    );
    expect(raced).toEqual({ end: { outcome: 'served' }, hedged: false });
    expect(hedges).toBe(0);
    expect(written).toEqual(['<start>', 'first', '<end>']);
  });

  it('serves the hedge when it answers first, and waits for the aborted attempt to end', async () => {
    const { client, written } = fakeClient();
    const events: string[] = [];
    const runs = { slow: answering(1_000, 'slow', events), fast: answering(5, 'fast', events) };
    const raced = await raceHedged(
      client,
      started('slow'),
      20,
      () => started('fast'),
      (attempt, lane) => runs[attempt.attempt.channel.name as 'slow'](lane),
    );
    expect(raced).toEqual({ end: { outcome: 'served' }, hedged: true });
    expect(written).toEqual(['<start>', 'fast', '<end>']);
    expect(events).toEqual(['slow aborted']);
  });

  it('answers the other attempt’s end when one fails, and the later failure when both do', async () => {
    const { client } = fakeClient();
    const failing =
      (ms: number, why: string) =>
      async (lane: AttemptLane): Promise<AttemptEnd<string>> => {
        await sleep(ms);
        lane.dispose();
        return { outcome: 'failed', failure: why };
      };
    const events: string[] = [];
    const served = await raceHedged(
      client,
      started('a'),
      10,
      () => started('b'),
      (attempt, lane) =>
        attempt.attempt.channel.name === 'a' ? failing(30, 'a broke')(lane) : answering(60, 'b', events)(lane),
    );
    expect(served.end).toEqual({ outcome: 'served' });
    const failed = await raceHedged(
      fakeClient().client,
      started('a'),
      10,
      () => started('b'),
      (attempt, lane) =>
        attempt.attempt.channel.name === 'a' ? failing(30, 'a broke')(lane) : failing(50, 'b broke')(lane),
    );
    expect(failed).toEqual({ end: { outcome: 'failed', failure: 'b broke' }, hedged: true });
  });

  it('throws an attempt’s exception once the other attempt is aborted and over', async () => {
    const { client, written } = fakeClient();
    const events: string[] = [];
    const thrown = await raceHedged(
      client,
      started('a'),
      10,
      () => started('b'),
      async (attempt, lane) => {
        if (attempt.attempt.channel.name === 'b') {
          await sleep(20);
          lane.dispose();
          throw new Error('AIHub broke');
        }
        return answering(5_000, 'a', events)(lane);
      },
    ).catch((error: Error) => error.message);
    expect(thrown).toBe('AIHub broke');
    expect(events).toEqual(['a aborted']);
    expect(written).toEqual([]);
  });

  it('stops both attempts when the client leaves', async () => {
    const { client, written, leave } = fakeClient();
    const events: string[] = [];
    setTimeout(leave, 40);
    const raced = await raceHedged(
      client,
      started('a'),
      10,
      () => started('b'),
      (attempt, lane) => answering(5_000, attempt.attempt.channel.name, events)(lane),
    );
    expect(raced.end).toEqual({ outcome: 'failed', failure: 'client gone' });
    expect(events.sort()).toEqual(['a aborted', 'b aborted']);
    expect(written).toEqual([]);
  });

  it('runs the first attempt alone when there is no other channel to hedge on', async () => {
    const { client } = fakeClient();
    const raced = await raceHedged(
      client,
      started('a'),
      5,
      () => undefined,
      (_attempt, lane) => answering(30, 'a', [])(lane),
    );
    expect(raced).toEqual({ end: { outcome: 'served' }, hedged: false });
  });
});
