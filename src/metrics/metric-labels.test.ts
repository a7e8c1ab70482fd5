import { describe, expect, it } from 'vitest';
import { type KnownModels, modelLabel, statusClass, upstreamFailureClass } from './metric-labels.js';

const known: KnownModels = { has: (_vendor, model) => model === 'gpt-4.1-mini' || model === 'claude-sonnet-4-5' };

describe('statusClass', () => {
  it.each([
    [200, '2xx'],
    [204, '2xx'],
    [302, '3xx'],
    [400, '4xx'],
    [429, '4xx'],
    [500, '5xx'],
    [504, '5xx'],
    [0, 'other'],
    [99, 'other'],
  ] as const)('%i → %s', (status, expected) => {
    expect(statusClass(status)).toBe(expected);
  });
});

describe('modelLabel', () => {
  it('names a requested model the catalog knows', () => {
    expect(modelLabel(known, 'gpt-4.1-mini', 'gpt-4.1-mini-2025-04-14', 'openai')).toBe('gpt-4.1-mini');
  });

  it('falls back to the served model when only that one is known (an alias the client made)', () => {
    expect(modelLabel(known, 'my-alias', 'claude-sonnet-4-5', 'anthropic')).toBe('claude-sonnet-4-5');
  });

  it('buckets a made-up model as other, whatever its name', () => {
    expect(modelLabel(known, 'x-9f8e7d', null, null)).toBe('other');
    expect(modelLabel(known, 'x-9f8e7d', 'x-9f8e7d', 'openai')).toBe('other');
  });

  it('says none when no model was decoded (the request failed before)', () => {
    expect(modelLabel(known, '', null, null)).toBe('none');
  });
});

describe('upstreamFailureClass', () => {
  it.each([
    [{ outcome: 'rate_limit_exceeded', status: 429 }, 'rate_limit'],
    [{ outcome: 'upstream_auth_error', status: 401 }, 'auth'],
    [{ outcome: 'invalid_api_key', status: 401 }, 'auth'],
    [{ outcome: 'upstream_quota_exceeded', status: 429 }, 'auth'],
    [{ outcome: 'upstream_error', status: 503 }, 'server_error'],
    [{ outcome: 'overloaded_error', status: 529 }, 'server_error'],
    [{ outcome: 'context_length_exceeded', status: 400 }, 'client_error'],
    [{ outcome: 'upstream_connect_timeout' }, 'timeout'],
    [{ outcome: 'upstream_idle_timeout', status: 200 }, 'timeout'],
    [{ outcome: 'upstream_connection_error' }, 'connection'],
    [{ outcome: 'upstream_malformed', status: 200 }, 'malformed'],
    [{ outcome: 'client_closed' }, 'cancelled'],
    [{ outcome: 'internal' }, 'other'],
  ])('%o → %s', (attempt, expected) => {
    expect(upstreamFailureClass({ model: 'm', ms: 1, ...attempt })).toBe(expected);
  });
});
