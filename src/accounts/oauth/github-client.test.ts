import { describe, expect, it } from 'vitest';
import { primaryVerifiedEmail } from './github-client.js';

describe('primaryVerifiedEmail', () => {
  it('takes the primary address only when verified, else the first verified one', () => {
    expect(
      primaryVerifiedEmail([
        { email: 'noreply@users.noreply.github.com', primary: false, verified: false },
        { email: 'main@example.com', primary: true, verified: true },
        { email: 'other@example.com', primary: false, verified: true },
      ]),
    ).toBe('main@example.com');
    expect(
      primaryVerifiedEmail([
        { email: 'main@example.com', primary: true, verified: false },
        { email: 'other@example.com', primary: false, verified: true },
      ]),
    ).toBe('other@example.com');
  });

  it('gives null when nothing is verified or the answer is not a list', () => {
    expect(primaryVerifiedEmail([{ email: 'main@example.com', primary: true, verified: false }])).toBeNull();
    expect(primaryVerifiedEmail({ message: 'Bad credentials' })).toBeNull();
  });
});
