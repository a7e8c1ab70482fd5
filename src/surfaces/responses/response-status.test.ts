import { describe, expect, it } from 'vitest';
import { responseStatus } from './response-status.js';

describe('responseStatus', () => {
  it.each([
    [{ unified: 'length' as const }, 'incomplete', { reason: 'max_output_tokens' }],
    [{ unified: 'content-filter' as const }, 'incomplete', { reason: 'content_filter' }],
    [{ unified: 'stop' as const }, 'completed', null],
    [{ unified: 'tool-calls' as const }, 'completed', null],
    [{ unified: 'other' as const, raw: 'weird' }, 'completed', null],
    [undefined, 'completed', null],
  ])('%j → %s', (reason, status, details) => {
    expect(responseStatus(reason)).toEqual({ status, incomplete_details: details });
  });
});
