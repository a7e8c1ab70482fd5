import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Where `npm run build:web` writes the console, which the server serves. */
export const CONSOLE_DIR = join(ROOT, 'dist', 'web');

/** The newest modification time under the console's sources (web/src, index.html, public, vite config). */
function newestSourceTime(): number {
  let newest = 0;
  const visit = (path: string) => {
    const stats = statSync(path);
    if (stats.isDirectory()) for (const entry of readdirSync(path)) visit(join(path, entry));
    else if (!/\.test\.tsx?$/.test(path)) newest = Math.max(newest, stats.mtimeMs);
  };
  for (const part of ['web/src', 'web/public', 'web/index.html', 'web/vite.config.ts', 'package-lock.json']) {
    const path = join(ROOT, part);
    if (existsSync(path)) visit(path);
  }
  return newest;
}

/**
 * Builds the console (`npm run build:web`, about 2 s) when dist/web is missing or older than its
 * sources, so browser tests always test the code in the tree. After `npm ci` (which runs the
 * build) this does nothing.
 */
export function ensureConsoleBuilt(): void {
  const index = join(CONSOLE_DIR, 'index.html');
  if (existsSync(index) && statSync(index).mtimeMs >= newestSourceTime()) return;
  execFileSync('npm', ['run', 'build:web', '--silent'], { cwd: ROOT, stdio: 'inherit' });
}
