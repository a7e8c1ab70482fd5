import { join } from 'node:path';
import type { Logger } from 'pino';
import { SECRET_KEY_FILE } from '../channels/secret-box.js';
import { SQLITE_FILE, SQLITE_SIDE_FILE_SUFFIXES } from '../store/database.js';
import { makeFilePrivate, makePrivateDirectory, type PermissionReport } from '../store/private-files.js';
import { ADMIN_KEY_HASH_FILE } from './admin-key.js';

/** Every file AIHub writes under its data directory. */
export const DATA_DIRECTORY_FILES: readonly string[] = [
  SQLITE_FILE,
  ...SQLITE_SIDE_FILE_SUFFIXES.map((suffix) => `${SQLITE_FILE}${suffix}`),
  SECRET_KEY_FILE,
  ADMIN_KEY_HASH_FILE,
];

/**
 * Run at start, before anything is written: the data directory exists and is 0700, and what an
 * earlier version left there readable by others is tightened to 0600 (reported through `report`).
 * New files are created private by their writers (database.ts, secret-box.ts, admin-key.ts).
 */
export function secureDataDirectory(dataDir: string, report: PermissionReport): void {
  makePrivateDirectory(dataDir, report);
  for (const name of DATA_DIRECTORY_FILES) makeFilePrivate(join(dataDir, name), report);
}

/** Reports permission notes as warnings: an operator should know that AIHub changed (or could not change) a mode. */
export function logPermissionNotes(logger: Logger): PermissionReport {
  return (note) => {
    if (note.kind === 'tightened') {
      logger.warn(note, `tightened ${note.path} from ${note.from} to ${note.to}: only AIHub's user may read its data`);
    } else {
      logger.warn(note, `${note.path} is open to other users (${note.mode}) and was left as is: ${note.reason}`);
    }
  };
}
