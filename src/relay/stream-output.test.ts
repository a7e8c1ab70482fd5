import { describe, expect, it } from 'vitest';
import type { ClientConnection } from './client-connection.js';
import { StreamOutput } from './stream-output.js';

function recordingClient(events: string[], options: { aborted?: boolean; failHeaders?: boolean } = {}) {
  const controller = new AbortController();
  if (options.aborted) controller.abort();
  const client: ClientConnection = {
    signal: controller.signal,
    sendJson: () => events.push('json'),
    startStream: () => {
      if (options.failHeaders) throw new TypeError('Invalid character in header content');
      events.push('start');
    },
    write: async (text) => {
      events.push(text);
    },
    end: () => events.push('end'),
  };
  return client;
}

describe('StreamOutput', () => {
  it('starts with the first frame, and keeps the held frames for close, in order', async () => {
    const events: string[] = [];
    const output = new StreamOutput(recordingClient(events), {}, () => events.push('first byte'));
    expect(output.committed).toBe(false);
    await output.send('a');
    output.holdBack('finish-0');
    await output.send('b');
    output.holdBack('finish-1');
    expect(events).toEqual(['start', 'first byte', 'a', 'b']);
    await output.close('usage+done');
    expect(events).toEqual(['start', 'first byte', 'a', 'b', 'finish-0finish-1usage+done', 'end']);
  });

  it('starts an empty stream at close', async () => {
    const events: string[] = [];
    const output = new StreamOutput(recordingClient(events), {}, () => events.push('first byte'));
    output.holdBack('finish');
    await output.close('done');
    expect(events).toEqual(['start', 'first byte', 'finishdone', 'end']);
  });

  it('drops the held frames when the answer ends with an error instead', async () => {
    const events: string[] = [];
    const output = new StreamOutput(recordingClient(events), {}, () => {});
    await output.send('a');
    output.holdBack('finish');
    output.dropHeld();
    await output.close('error+done');
    expect(events).toEqual(['start', 'a', 'error+done', 'end']);
  });

  it('writes nothing more to a client that went away, and still ends', async () => {
    const events: string[] = [];
    const output = new StreamOutput(recordingClient(events, { aborted: true }), {}, () => {});
    output.holdBack('finish');
    await output.close('done');
    expect(events).toEqual(['start', 'end']);
  });

  it('is not committed, and has not counted a first byte, when the headers cannot be written', async () => {
    const events: string[] = [];
    const output = new StreamOutput(recordingClient(events, { failHeaders: true }), {}, () =>
      events.push('first byte'),
    );
    await expect(output.send('a')).rejects.toThrow(TypeError);
    expect(output.committed).toBe(false);
    expect(events).toEqual([]);
  });
});
