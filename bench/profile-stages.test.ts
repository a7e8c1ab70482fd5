import { describe, expect, it } from 'vitest';
import { stageOf, stageRows } from './profile-stages.js';

describe('profile stages', () => {
  it('charges a sample to the innermost AIHub file on its stack', () => {
    // A SQLite statement run by the money path, under the relay: the money path's.
    const stack = ['node_modules/better-sqlite3', 'src/billing/money-path-sqlite.ts', 'src/relay/json-relay.ts'];
    expect(stageOf(stack)).toBe('money path (hold, settle)');
    expect(stageOf(['node_modules/undici', 'src/upstream/http-client.ts', 'src/relay/provider-call.ts'])).toBe(
      'upstream HTTP (undici)',
    );
    expect(stageOf(['src/surfaces/openai/stream-encoder.ts'])).toBe('client format (decode, encode)');
  });

  it('names the samples AIHub has no frame in, and leaves idle out', () => {
    expect(stageOf(['(idle)', '(root)'])).toBeUndefined();
    expect(stageOf(['(garbage collector)', '(root)'])).toBe('garbage collector');
    expect(stageOf(['(writev)', 'node:net', '(root)'])).toBe('Node HTTP server and sockets (no AIHub frame)');
    expect(stageOf(['(program)', '(root)'])).toBe('V8 and native (no JS frame)');
    // Socket-driven library work with no AIHub caller goes to the library's stage.
    expect(stageOf(['(writev)', 'node_modules/undici', 'node:net'])).toBe('upstream HTTP (undici)');
    expect(stageOf(['node_modules/find-my-way', 'node_modules/fastify', 'node:_http_server'])).toBe(
      'HTTP layer (fastify, routes, replies)',
    );
  });

  it('gives each stage its share of the busy time and its cost per request', () => {
    const rows = stageRows(
      new Map([
        ['a', 3_000],
        ['b', 1_000],
      ]),
      10,
    );
    expect(rows).toEqual([
      { stage: 'a', ms: 3, pct: 75, usPerRequest: 300 },
      { stage: 'b', ms: 1, pct: 25, usPerRequest: 100 },
    ]);
  });
});
