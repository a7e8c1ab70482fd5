import { chmodSync, closeSync, mkdirSync, openSync, type Stats, statSync } from 'node:fs';

/**
 * What AIHub keeps on disk (the SQLite database and its WAL, the key that encrypts upstream keys,
 * the admin key's hash) is readable by its own user only: directories 0700, files 0600. Modes
 * given at creation cannot be widened by the umask (it only removes bits), so a file created here
 * never starts readable by others; files and directories an older AIHub left open are tightened,
 * and every change is reported so the operator can see it in the log.
 */
export const PRIVATE_DIRECTORY_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Something done to (or noticed about) the permissions of AIHub's files, for the log. */
export type PermissionNote =
  | { kind: 'tightened'; path: string; from: string; to: string }
  | { kind: 'left-open'; path: string; mode: string; reason: string };

export type PermissionReport = (note: PermissionNote) => void;

/**
 * Creates `dir` (and missing parents) 0700. An existing directory open to others is tightened only
 * when it is plainly AIHub's to change: owned by this user and not a shared sticky directory such
 * as /tmp; otherwise it is reported and left alone.
 */
export function makePrivateDirectory(dir: string, report: PermissionReport = ignore): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIRECTORY_MODE });
  const stats = statSync(dir);
  if (!openToOthers(stats)) return;
  if (stats.mode & 0o1000) {
    report(leftOpen(dir, stats, 'a shared directory (sticky bit): give AIHub a data directory of its own'));
  } else if (!ownedByThisUser(stats)) {
    report(leftOpen(dir, stats, 'owned by another user'));
  } else {
    tighten(dir, stats, PRIVATE_DIRECTORY_MODE, report);
  }
}

/** Creates `file` empty with mode 0600 unless it exists (then it is only tightened, see below). */
export function createPrivateFile(file: string, report: PermissionReport = ignore): void {
  try {
    closeSync(openSync(file, 'wx', PRIVATE_FILE_MODE));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    makeFilePrivate(file, report);
  }
}

/** Tightens an existing regular file to 0600 when group or others may read it; a missing file is fine. */
export function makeFilePrivate(file: string, report: PermissionReport = ignore): void {
  let stats: Stats;
  try {
    stats = statSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if (!stats.isFile() || !openToOthers(stats)) return;
  if (!ownedByThisUser(stats)) {
    report(leftOpen(file, stats, 'owned by another user'));
    return;
  }
  tighten(file, stats, PRIVATE_FILE_MODE, report);
}

function tighten(path: string, stats: Stats, mode: number, report: PermissionReport): void {
  chmodSync(path, mode);
  report({ kind: 'tightened', path, from: octal(stats.mode), to: octal(mode) });
}

function openToOthers(stats: Stats): boolean {
  return (stats.mode & 0o077) !== 0;
}

function ownedByThisUser(stats: Stats): boolean {
  return typeof process.getuid !== 'function' || stats.uid === process.getuid();
}

function leftOpen(path: string, stats: Stats, reason: string): PermissionNote {
  return { kind: 'left-open', path, mode: octal(stats.mode), reason };
}

function octal(mode: number): string {
  return `0${(mode & 0o777).toString(8)}`;
}

function ignore(): void {}
