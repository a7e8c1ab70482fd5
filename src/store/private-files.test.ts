import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrivateFile, makeFilePrivate, makePrivateDirectory, type PermissionNote } from './private-files.js';

const mode = (path: string) => statSync(path).mode & 0o7777;

describe('private files, under a permissive umask', () => {
  let root: string;
  let previousUmask: number;

  beforeAll(() => {
    previousUmask = process.umask(0);
    root = mkdtempSync(join(tmpdir(), 'aihub-private-'));
  });

  afterAll(() => {
    process.umask(previousUmask);
    rmSync(root, { recursive: true, force: true });
  });

  it('creates a missing directory and its missing parents 0700, reporting nothing', () => {
    const notes: PermissionNote[] = [];
    const dir = join(root, 'new', 'data');
    makePrivateDirectory(dir, (note) => notes.push(note));
    expect(mode(dir)).toBe(0o700);
    expect(mode(join(root, 'new'))).toBe(0o700);
    expect(notes).toEqual([]);
  });

  it('tightens an existing directory open to others and says so', () => {
    const dir = join(root, 'old-data');
    mkdirSync(dir, { mode: 0o755 });
    const notes: PermissionNote[] = [];
    makePrivateDirectory(dir, (note) => notes.push(note));
    expect(mode(dir)).toBe(0o700);
    expect(notes).toEqual([{ kind: 'tightened', path: dir, from: '0755', to: '0700' }]);
  });

  it('leaves a shared sticky directory (such as /tmp) as it is, and says so', () => {
    const dir = join(root, 'shared');
    mkdirSync(dir);
    chmodSync(dir, 0o1777);
    const notes: PermissionNote[] = [];
    makePrivateDirectory(dir, (note) => notes.push(note));
    expect(mode(dir)).toBe(0o1777);
    expect(notes).toEqual([
      expect.objectContaining({
        kind: 'left-open',
        path: dir,
        mode: '0777',
        reason: expect.stringContaining('sticky'),
      }),
    ]);
  });

  it('creates a file 0600, and tightens one that exists open to others', () => {
    const fresh = join(root, 'fresh.sqlite');
    createPrivateFile(fresh);
    expect(mode(fresh)).toBe(0o600);

    const old = join(root, 'old.sqlite');
    writeFileSync(old, 'data', { mode: 0o644 });
    const notes: PermissionNote[] = [];
    createPrivateFile(old, (note) => notes.push(note));
    expect(mode(old)).toBe(0o600);
    expect(notes).toEqual([{ kind: 'tightened', path: old, from: '0644', to: '0600' }]);
  });

  it('leaves missing files, private files and directories alone', () => {
    const notes: PermissionNote[] = [];
    const report = (note: PermissionNote) => notes.push(note);
    makeFilePrivate(join(root, 'missing'), report);
    const already = join(root, 'already');
    writeFileSync(already, 'x', { mode: 0o600 });
    makeFilePrivate(already, report);
    const dir = join(root, 'a-directory');
    mkdirSync(dir, { mode: 0o755 });
    makeFilePrivate(dir, report);
    expect(notes).toEqual([]);
    expect(mode(dir)).toBe(0o755);
  });
});
