import { describe, expect, it } from 'vitest';
import { formatUnits } from './billed-units';

describe('formatUnits', () => {
  it('lists each unit key with its count, keys sorted', () => {
    expect(formatUnits({ 'video_second:1280x720': 8, 'image:1024x1024:hd': 2 })).toBe(
      'image:1024x1024:hd × 2, video_second:1280x720 × 8',
    );
  });

  it('groups thousands and is empty for no units', () => {
    expect(formatUnits({ character: 4096 })).toBe('character × 4,096');
    expect(formatUnits({})).toBe('');
  });
});
