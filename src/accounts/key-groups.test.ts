import { describe, expect, it } from 'vitest';
import { isKeyGroupAvailable, type KeyGroup, keyGroupsSchema, SelectableKeyGroups } from './key-groups.js';

const vip: KeyGroup = { name: 'vip', description: 'Fast lane', selectable: true };
const staff: KeyGroup = { name: 'staff', description: '', selectable: false };

describe('key groups', () => {
  it('allows the owner’s own group always, and other groups only while selectable', () => {
    expect(isKeyGroupAvailable([], 'default', 'default')).toBe(true);
    expect(isKeyGroupAvailable([vip, staff], 'vip', 'default')).toBe(true);
    expect(isKeyGroupAvailable([vip, staff], 'staff', 'default')).toBe(false);
    expect(isKeyGroupAvailable([vip, staff], 'staff', 'staff')).toBe(true);
    expect(isKeyGroupAvailable([vip], 'gone', 'default')).toBe(false);
  });

  it('rebuilds its look-up set when the settings are replaced, not per call', () => {
    let groups: readonly KeyGroup[] = [vip];
    const selectable = new SelectableKeyGroups(() => groups);
    expect(selectable.has('vip')).toBe(true);
    groups = [{ ...vip, selectable: false }];
    expect(selectable.has('vip')).toBe(false);
    groups = [];
    expect(selectable.has('vip')).toBe(false);
  });

  it('refuses names channels and price rules could not hold, and duplicates', () => {
    expect(keyGroupsSchema.safeParse([{ name: 'has space' }]).success).toBe(false);
    expect(keyGroupsSchema.safeParse([{ name: 'vip' }, { name: 'vip' }]).success).toBe(false);
    expect(keyGroupsSchema.parse([{ name: ' vip ' }])).toEqual([{ name: 'vip', description: '', selectable: true }]);
  });
});
