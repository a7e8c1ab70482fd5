import { z } from 'zod';
import { GatewayError } from '../ir/index.js';

/**
 * Key groups (令牌分组, as in new-api): the groups an operator lets users pick for an API key. A
 * key in a group routes only to channels open to that group and is priced with that group's
 * multiplier (the group price rule). A user's own group is always allowed without being listed.
 */
export const keyGroupSchema = z.object({
  /** A group name as channels and price rules name it. */
  name: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9._-]{1,64}$/, 'A group name is 1-64 letters, digits, dots, dashes or underscores'),
  description: z.string().trim().max(200).default(''),
  /** Users may pick it for their keys. Off: keys already in it are refused (403), never rerouted. */
  selectable: z.boolean().default(true),
});

export const keyGroupsSchema = z
  .array(keyGroupSchema)
  .max(100)
  .refine((groups) => new Set(groups.map((group) => group.name)).size === groups.length, {
    message: 'Group names must be unique',
  });

export type KeyGroup = z.infer<typeof keyGroupSchema>;

/** Whether a key may use `group`: its owner's own group, or one the operator made selectable. */
export function isKeyGroupAvailable(groups: readonly KeyGroup[], group: string, ownerGroup: string): boolean {
  return group === ownerGroup || groups.some((entry) => entry.name === group && entry.selectable);
}

/**
 * The selectable group names as a Set, rebuilt only when the settings object changes (settings
 * are replaced, never mutated), so the hot path checks a key's group with one look-up.
 */
export class SelectableKeyGroups {
  private source: readonly KeyGroup[] | undefined;
  private names = new Set<string>();

  constructor(private readonly read: () => readonly KeyGroup[]) {}

  has(group: string): boolean {
    const groups = this.read();
    if (groups !== this.source) {
      this.source = groups;
      this.names = new Set(groups.filter((entry) => entry.selectable).map((entry) => entry.name));
    }
    return this.names.has(group);
  }
}

/** The 403 for a key whose group was removed or made unselectable after it was created. */
export function keyGroupUnavailable(group: string): GatewayError {
  return new GatewayError({
    kind: 'permission',
    message: `This API key's group '${group}' is no longer available. Choose another group for the key.`,
    code: 'key_group_unavailable',
  });
}

/** The 400 for picking a group the user may not use. */
export function keyGroupNotAllowed(group: string): GatewayError {
  return new GatewayError({
    kind: 'invalid_request',
    message: `The group '${group}' is not available for API keys.`,
    param: 'group',
    code: 'key_group_unavailable',
  });
}
