/**
 * The gateway's version, read once from package.json so it is stated in one place. A runtime read
 * (not a JSON import) because package.json sits outside the build's rootDir (src). The nearest
 * aihub package.json above this module is the one: that holds from src/platform (tsx), from
 * dist/platform (the build), and from a build elsewhere (the benchmark compiles into bench/.build).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function readOwnPackageJson(from: string): { version: string } {
  for (let dir = from; ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version: string };
      if (parsed.name === 'aihub') return parsed;
    }
    if (dirname(dir) === dir) throw new Error(`AIHub's package.json was not found above ${from}`);
  }
}

export const APP_VERSION: string = readOwnPackageJson(dirname(fileURLToPath(import.meta.url))).version;
