import { describe, expect, it } from 'vitest';
import { answerProblems, type FuzzAnswer } from './answer-checks.js';

const envelope = JSON.stringify({ error: { message: 'Bad.', type: 'invalid_request_error', param: null, code: null } });

function answer(overrides: Partial<FuzzAnswer>): FuzzAnswer {
  return {
    method: 'POST',
    path: '/api/keys',
    status: 400,
    headers: { 'x-request-id': 'req1', 'content-type': 'application/json; charset=utf-8' },
    body: envelope,
    ...overrides,
  };
}

describe('the fuzz suite’s checks on an answer', () => {
  it('accept a 4xx in the envelope, a 2xx, a HEAD and a 204 without a body', () => {
    expect(answerProblems(answer({}))).toEqual([]);
    expect(answerProblems(answer({ status: 200, body: '{"ok":true}' }))).toEqual([]);
    expect(answerProblems(answer({ method: 'HEAD', status: 200, body: '' }))).toEqual([]);
    expect(answerProblems(answer({ status: 204, body: '' }))).toEqual([]);
    expect(
      answerProblems(
        answer({ status: 200, headers: { 'x-request-id': 'r', 'content-type': 'text/csv' }, body: 'a,b' }),
      ),
    ).toEqual([]);
  });

  it('refuse a 5xx, even in the envelope', () => {
    expect(answerProblems(answer({ status: 500 }))).toContain('status 500: a server error');
    expect(answerProblems(answer({ status: 502 }))).toContain('status 502: a server error');
  });

  it('refuse an error outside the envelope (Fastify’s own shape, text, extra keys, wrong types)', () => {
    const fastify = JSON.stringify({ error: 'Bad Request', code: 'FST_ERR_BAD_URL', message: 'x', statusCode: 400 });
    expect(answerProblems(answer({ body: fastify })).join()).toMatch(/not \{"error"/);
    expect(answerProblems(answer({ body: 'Bad Request' })).join()).toMatch(/not JSON/);
    expect(
      answerProblems(
        answer({ body: JSON.stringify({ error: { message: 'x', type: 't', param: null, code: null }, stack: 's' }) }),
      ).join(),
    ).toMatch(/besides "error"/);
    expect(
      answerProblems(
        answer({ body: JSON.stringify({ error: { message: 'x', type: 't', param: 3, code: null } }) }),
      ).join(),
    ).toMatch(/param/);
    expect(
      answerProblems(answer({ body: JSON.stringify({ error: { message: 'x', type: 't', param: null } }) })).join(),
    ).toMatch(/code/);
    expect(answerProblems(answer({ headers: { 'x-request-id': 'r', 'content-type': 'text/plain' } })).join()).toMatch(
      /content-type/,
    );
  });

  it('refuse a stack trace in an error message', () => {
    const body = JSON.stringify({
      error: {
        message: 'TypeError: x is undefined\n    at relay (/app/src/relay.ts:12:5)',
        type: 'server_error',
        param: null,
        code: null,
      },
    });
    expect(answerProblems(answer({ body })).join()).toMatch(/shows code/);
  });

  it('refuse an answer without a request id, a 429 without retry-after, a HEAD with a body, JSON that does not parse', () => {
    expect(answerProblems(answer({ headers: { 'content-type': 'application/json' } }))).toContain(
      'no x-request-id header',
    );
    expect(answerProblems(answer({ status: 429 }))).toContain('a 429 without retry-after');
    expect(
      answerProblems(
        answer({
          status: 429,
          headers: { 'x-request-id': 'r', 'content-type': 'application/json', 'retry-after': '1' },
        }),
      ),
    ).toEqual([]);
    expect(answerProblems(answer({ method: 'HEAD', status: 200, body: '{}' }))).toContain('a body on HEAD');
    expect(answerProblems(answer({ status: 200, body: '{"cut' })).join()).toMatch(/does not parse/);
  });
});
