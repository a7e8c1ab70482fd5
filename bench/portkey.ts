/**
 * Portkey's gateway (@portkey-ai/gateway 1.15.2), the TypeScript peer. Installed on demand into
 * bench/peers/portkey (its own package.json; @hono/node-server pinned to 1.13.5 through
 * overrides, or its streaming breaks), started with `--headless` on a free port. It routes by
 * headers: `x-portkey-provider` and `x-portkey-custom-host` (see scenarios.ts). Any failure makes
 * it "unavailable" with the reason; the run goes on without it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Child, freePort, startChild } from './lib/proc.js';
import { BENCH_DIR, cpuFor } from './lib/settings.js';

export const PORTKEY_VERSION = '1.15.2';
const HONO_NODE_SERVER = '1.13.5';
const PEER_DIR = join(BENCH_DIR, 'peers', 'portkey');
const ENTRY = join(PEER_DIR, 'node_modules', '@portkey-ai', 'gateway', 'build', 'start-server.js');

export type PortkeyStart = { ok: true; origin: string; pid: number; child: Child } | { ok: false; reason: string };

function installedVersion(name: string): string | undefined {
  try {
    const file = join(PEER_DIR, 'node_modules', ...name.split('/'), 'package.json');
    return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  } catch {
    return undefined;
  }
}

/** Installs the pinned versions with npm unless they are already there. */
export function ensurePortkey(): void {
  if (
    installedVersion('@portkey-ai/gateway') === PORTKEY_VERSION &&
    installedVersion('@hono/node-server') === HONO_NODE_SERVER
  )
    return;
  mkdirSync(PEER_DIR, { recursive: true });
  const manifest = {
    name: 'aihub-bench-portkey-peer',
    private: true,
    description: "Portkey's gateway, installed by the AIHub benchmark (bench/portkey.ts) as the TypeScript peer.",
    dependencies: { '@portkey-ai/gateway': PORTKEY_VERSION },
    overrides: { '@hono/node-server': HONO_NODE_SERVER },
  };
  writeFileSync(join(PEER_DIR, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  // Its postinstall (patch-package) has no patches in the published package: skip scripts.
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: PEER_DIR, stdio: 'inherit' });
  if (installedVersion('@hono/node-server') !== HONO_NODE_SERVER) {
    throw new Error(`@hono/node-server is ${installedVersion('@hono/node-server')}, not ${HONO_NODE_SERVER}`);
  }
}

export async function startPortkey(workDir: string): Promise<PortkeyStart> {
  try {
    ensurePortkey();
    if (!existsSync(ENTRY)) throw new Error(`${ENTRY} is missing after install`);
    const port = await freePort();
    const child = await startChild({
      name: 'portkey',
      command: process.execPath,
      args: [ENTRY, `--port=${port}`, '--headless'],
      env: { NODE_ENV: 'production' },
      cwd: PEER_DIR,
      cpu: cpuFor('target'),
      logFile: join(workDir, 'portkey.log'),
      ready: (line) => (line.includes('Ready for connections') ? true : undefined),
      readyTimeoutMs: 60_000,
    });
    return { ok: true, origin: `http://127.0.0.1:${port}`, pid: child.pid, child };
  } catch (error) {
    return { ok: false, reason: (error as Error).message.split('\n')[0] };
  }
}
