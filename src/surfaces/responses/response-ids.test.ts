import { describe, expect, it } from 'vitest';
import { responseIds } from './response-ids.js';

describe('responseIds', () => {
  it('derives the response and item ids from the request id, the same every time', () => {
    const ids = responseIds('0f8e-41aa-9c');
    expect(ids.response).toBe('resp_0f8e41aa9c');
    expect(ids.item('reasoning', 0)).toBe('rs_0f8e41aa9c_0');
    expect(ids.item('message', 1)).toBe('msg_0f8e41aa9c_1');
    expect(ids.item('function_call', 2)).toBe('fc_0f8e41aa9c_2');
    expect(responseIds('0f8e-41aa-9c').item('message', 1)).toBe(ids.item('message', 1));
  });

  it('never yields an empty id', () => {
    expect(responseIds('---').response).toBe('resp_0');
  });
});
