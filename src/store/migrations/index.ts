import type { Migration } from 'kysely';
import * as initial from './0001-initial.js';
import * as channelsAndLimits from './0002-channels-and-limits.js';

/**
 * Every migration, in order, by name. Names sort lexically; a new migration gets the next number.
 * Listed statically (not read from disk) so the compiled package carries them.
 */
export const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-channels-and-limits': channelsAndLimits,
};
