/**
 * better-sqlite3's install script (prebuild-install) downloads the release's prebuilt binary for
 * this platform, which a Docker build can; these machines reach no host but the npm registry, and
 * compiling SQLite instead takes minutes. So the emulated build is handed the binary this checkout
 * already has, packed under the release's file name in a directory prebuild-install looks in
 * first (`npm_config_better_sqlite3_local_prebuilds`). The install script itself still runs.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const PACKAGE = 'better-sqlite3';
const BINARY = 'build/Release/better_sqlite3.node';

/** Writes the tarball into `directory`; returns the npm environment that points prebuild-install at it. */
export function localBetterSqlitePrebuild(context: string, directory: string): Record<string, string> {
  const packageDirectory = path.join(context, 'node_modules', PACKAGE);
  if (!existsSync(path.join(packageDirectory, BINARY))) {
    throw new Error(`${PACKAGE} is not built in ${packageDirectory}: run npm ci first`);
  }
  const { version } = JSON.parse(readFileSync(path.join(packageDirectory, 'package.json'), 'utf8')) as {
    version: string;
  };
  // prebuild-install's name for a glibc build: {name}-v{version}-{runtime}-v{abi}-{platform}{libc}-{arch}.tar.gz
  const name = `${PACKAGE}-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`;
  mkdirSync(directory, { recursive: true });
  execFileSync('tar', ['-czf', path.join(directory, name), '-C', packageDirectory, BINARY]);
  return { npm_config_better_sqlite3_local_prebuilds: directory };
}
