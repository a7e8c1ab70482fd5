import { EventEmitter } from 'node:events';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { GatewayError, type StreamPart } from '../ir/index.js';
import type { Provider, StreamDecoder } from '../providers/provider.js';
import { isUpstreamFault, upstreamFault } from '../upstream/upstream-fault.js';
import type { AttemptRun } from './attempt-run.js';
import type { OpenedCall } from './provider-call.js';
import { type DecodedEvent, readUpstreamResult, upstreamEvents } from './upstream-exchange.js';

/** An attempt whose signal can be aborted with a reason, as the attempt's deadline does. */
function fakeRun() {
  const signal = Object.assign(new EventEmitter(), { aborted: false, reason: undefined as unknown });
  const run = { signal, client: { signal: new AbortController().signal } } as unknown as AttemptRun;
  const abort = (reason: unknown) => {
    signal.aborted = true;
    signal.reason = reason;
  };
  return { run, abort };
}

function call(body: Readable, provider: Partial<Provider>): OpenedCall {
  return {
    provider: provider as Provider,
    context: {} as OpenedCall['context'],
    encoded: {} as OpenedCall['encoded'],
    response: { status: 200, headers: {}, body: body as unknown as OpenedCall['response']['body'] },
    decodeResponse: (answer) => (provider as Provider).decodeResponse(answer, {} as OpenedCall['context']),
    createStreamDecoder: () => (provider as Provider).createStreamDecoder({} as OpenedCall['context']),
  };
}

/** A body that sends `chunks`, then fails with `error`. */
function failingBody(chunks: string[], error: unknown): Readable {
  let sent = 0;
  return new Readable({
    read() {
      if (sent < chunks.length) this.push(chunks[sent++]);
      else this.destroy(error as Error);
    },
  });
}

const textDecoder = (push: StreamDecoder['push'] = () => [{ type: 'text-delta', delta: 'x' }]) => ({
  createStreamDecoder: (): StreamDecoder => ({ push, end: () => [] }),
});

async function drain(events: AsyncGenerator<DecodedEvent>): Promise<{ parts: StreamPart[]; thrown?: unknown }> {
  const seen: StreamPart[] = [];
  try {
    for await (const event of events) seen.push(...event.parts);
    return { parts: seen };
  } catch (thrown) {
    return { parts: seen, thrown };
  }
}

describe('upstreamEvents: what reading a stream fails with, and whose fault it is', () => {
  it('a connection reset mid-stream is the upstream’s', async () => {
    const { run } = fakeRun();
    const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    const { parts, thrown } = await drain(
      upstreamEvents(call(failingBody(['data: {}\n\n'], reset), textDecoder()), run),
    );
    expect(parts).toHaveLength(1);
    expect(isUpstreamFault(thrown)).toBe(true);
    expect((thrown as GatewayError).code).toBe('upstream_connection_error');
  });

  it('an error event from the upstream is marked as the upstream’s', async () => {
    const { run } = fakeRun();
    const overloaded = new GatewayError({ kind: 'overloaded', message: 'Overloaded' });
    const decoder = textDecoder(() => [{ type: 'error', error: overloaded }]);
    const { parts } = await drain(upstreamEvents(call(Readable.from(['data: {}\n\n']), decoder), run));
    expect(parts).toEqual([{ type: 'error', error: overloaded }]);
    expect(isUpstreamFault(overloaded)).toBe(true);
  });

  it('a decoder that throws is AIHub’s bug, not the upstream’s', async () => {
    const { run } = fakeRun();
    const decoder = textDecoder(() => {
      throw new TypeError("Cannot read properties of undefined (reading 'delta')");
    });
    const { thrown } = await drain(upstreamEvents(call(Readable.from(['data: {}\n\n']), decoder), run));
    expect(isUpstreamFault(thrown)).toBe(false);
    expect((thrown as GatewayError).kind).toBe('internal');
  });

  it('the attempt’s deadline keeps the verdict it gave itself', async () => {
    for (const upstreamsFault of [true, false]) {
      const { run, abort } = fakeRun();
      const timeout = new GatewayError({ kind: 'upstream_timeout', message: 'total', code: 'upstream_total_timeout' });
      if (upstreamsFault) upstreamFault(timeout);
      abort(timeout);
      const { thrown } = await drain(upstreamEvents(call(failingBody([], timeout), textDecoder()), run));
      expect(thrown).toBe(timeout);
      expect(isUpstreamFault(thrown)).toBe(upstreamsFault);
    }
  });
});

describe('readUpstreamResult', () => {
  it('a body that is not JSON is the upstream’s fault', async () => {
    const { run } = fakeRun();
    const thrown = await readUpstreamResult(call(Readable.from([Buffer.from('{"choices": [')]), {}), run).catch(
      (error) => error,
    );
    expect((thrown as GatewayError).code).toBe('upstream_invalid_response');
    expect(isUpstreamFault(thrown)).toBe(true);
  });

  it('an error in disguise (HTTP 200) is the upstream’s; a decoder that breaks is AIHub’s', async () => {
    const { run } = fakeRun();
    const disguised = new GatewayError({ kind: 'upstream_error', message: 'error body with status 200' });
    const thrown = await readUpstreamResult(
      call(Readable.from([Buffer.from('{}')]), {
        decodeResponse: () => {
          throw disguised;
        },
      }),
      run,
    ).catch((error) => error);
    expect(thrown).toBe(disguised);
    expect(isUpstreamFault(thrown)).toBe(true);

    const bug = new TypeError('x is not a function');
    const broken = await readUpstreamResult(
      call(Readable.from([Buffer.from('{}')]), {
        decodeResponse: () => {
          throw bug;
        },
      }),
      run,
    ).catch((error) => error);
    expect(broken).toBe(bug);
    expect(isUpstreamFault(broken)).toBe(false);
  });
});
