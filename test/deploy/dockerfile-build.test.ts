/**
 * The Dockerfile, built and started without Docker (none runs on the development machines): the
 * emulator carries out its stages in a clean directory (the same COPYs under .dockerignore, the
 * same npm commands, production dependencies only in the image) and the image's CMD is started
 * there with an empty data directory. A COPY of something missing, or an image lacking what the
 * server needs at run time, fails here.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECRET_KEY_FILE } from '../../src/channels/secret-box.js';
import { RECOMMENDED_NODE_FLAGS } from '../../src/platform/node-flags.js';
import { SQLITE_FILE } from '../../src/store/database.js';
import { parseDockerignore } from './dockerignore.js';
import { type EmulatedImage, emulateImageBuild, hostPath } from './image-build-emulator.js';
import { localBetterSqlitePrebuild } from './local-prebuild.js';

const repository = fileURLToPath(new URL('../../', import.meta.url));
// npm ci of the production dependencies, tsc and Vite on a shared 2-core machine.
const BUILD_TIMEOUT_MS = 900_000;

let workspace: string;
let image: EmulatedImage;
let server: RunningServer | undefined;

beforeAll(async () => {
  workspace = mkdtempSync(path.join(tmpdir(), 'aihub-image-'));
  image = await emulateImageBuild({
    context: repository,
    dockerfileText: readFileSync(path.join(repository, 'Dockerfile'), 'utf8'),
    workspace: path.join(workspace, 'stages'),
    npmEnv: localBetterSqlitePrebuild(repository, path.join(workspace, 'prebuilds')),
    npmCiArgs: ['--prefer-offline'],
  });
  server = await startImage(image);
}, BUILD_TIMEOUT_MS);

// Stopping waits for the server's own shutdown; removing ~100 MB of files is slow on a busy disk.
afterAll(async () => {
  await server?.stop();
  if (workspace) rmSync(workspace, { recursive: true, force: true });
}, 120_000);

describe('the Dockerfile', () => {
  it('builds every stage from Node 20 slim, the version the project runs on', () => {
    expect(image.stages.map((stage) => stage.name)).toEqual(['build', 'deps', '2']);
    for (const stage of image.stages) expect(stage.image).toMatch(/^node:20\.\d+\.\d+-bookworm-slim$/);
    expect(image.stages[0]!.image).toBe(`node:${process.versions.node}-bookworm-slim`);
  });

  it('builds with npm ci and npm run build, and installs production dependencies only in the image', () => {
    expect(image.npmCommands).toEqual([
      "build: npm ci --ignore-scripts --no-audit --no-fund (linked the context's node_modules)",
      'build: npm run build',
      'deps: npm ci --omit=dev --ignore-scripts --no-audit --no-fund',
      'deps: npm rebuild better-sqlite3',
    ]);
    const modules = hostPath(image.root, image.workdir, 'node_modules');
    for (const production of ['fastify', 'better-sqlite3/build/Release/better_sqlite3.node', 'pg', 'ioredis']) {
      expect(existsSync(path.join(modules, production)), production).toBe(true);
    }
    for (const development of ['typescript', 'vite', 'vitest', 'react', '@biomejs']) {
      expect(existsSync(path.join(modules, development)), development).toBe(false);
    }
  });

  it('ships the compiled server and the built console, not the sources', () => {
    const app = hostPath(image.root, image.workdir, '.');
    expect(readdirSync(app).sort()).toEqual(['NOTICE', 'dist', 'node_modules', 'package.json']);
    expect(existsSync(path.join(app, 'dist/cli.js'))).toBe(true);
    expect(existsSync(path.join(app, 'dist/web/index.html'))).toBe(true);
    const compiled = readdirSync(path.join(app, 'dist'), { recursive: true }) as string[];
    expect(compiled.filter((file) => file.endsWith('.test.js'))).toEqual([]);
  });

  it('runs as a non-root user, on the port it exposes, with its data on a volume', () => {
    expect(image.user).toBeDefined();
    expect(['root', '0'].includes(image.user!.split(':')[0]!)).toBe(false);
    expect(image.exposedPorts).toEqual([Number(image.env.PORT)]);
    expect(image.env.HOST).toBe('0.0.0.0');
    expect(image.volumes).toEqual([image.env.AIHUB_DATA_DIR]);
    expect(image.cmd).toEqual(['node', 'dist/cli.js', 'serve']);
    // The recommended V8 flags, where an operator can replace them (`-e NODE_OPTIONS=...`).
    expect(image.env.NODE_OPTIONS?.split(' ')).toEqual(RECOMMENDED_NODE_FLAGS);
    // What was recorded instead of run only sets up the operating system.
    for (const command of image.systemCommands) expect(command).toMatch(/^(apt-get |chown |rm -rf \/var\/lib\/apt\/)/);
  });

  it('keeps secrets, local data and build output out of the build context', () => {
    const ignored = parseDockerignore(readFileSync(path.join(repository, '.dockerignore'), 'utf8'));
    for (const path of ['.env', 'data/aihub.db', 'data/secret.key', 'node_modules/pg/package.json', 'dist/cli.js']) {
      expect(ignored(path), path).toBe(true);
    }
    for (const path of ['src/cli.ts', 'web/index.html', 'package-lock.json']) expect(ignored(path), path).toBe(false);
    expect(ignored('src/cli/ledger-verify.test.ts')).toBe(true);
  });

  it('starts: its health check passes and / serves the console', async () => {
    const { baseUrl } = server!;
    const healthz = await fetch(`${baseUrl}/healthz`);
    // `/healthz` comes with issue 16's lifecycle work; before it, the older `/health` must answer.
    const alive = healthz.status === 404 ? await fetch(`${baseUrl}/health`) : healthz;
    expect(alive.status).toBe(200);
    // The image's own HEALTHCHECK command, run as Docker would inside the container.
    const healthcheck = await runHealthcheck(image, server!.port);
    expect(healthcheck).toBe(healthz.status === 200 ? 0 : 1);

    const page = await fetch(`${baseUrl}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    const script = /<script[^>]+src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${baseUrl}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toContain('javascript');
  });

  it('keeps its data in the data directory it was given', () => {
    const dataDirectory = hostPath(image.root, '/', image.env.AIHUB_DATA_DIR!);
    expect(readdirSync(dataDirectory)).toEqual(expect.arrayContaining([SQLITE_FILE, SECRET_KEY_FILE]));
  });
});

interface RunningServer {
  baseUrl: string;
  port: number;
  stop(): Promise<void>;
}

/** The image's environment, as the container would have it (nothing of this process's). */
function containerEnv(image: EmulatedImage, overrides: Record<string, string>): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: hostPath(image.root, '/', '/home/node'),
    ...image.env,
    ...overrides,
  };
}

async function startImage(image: EmulatedImage): Promise<RunningServer> {
  const [program, ...args] = image.cmd;
  expect(program).toBe('node');
  const child = spawn(process.execPath, args, {
    cwd: hostPath(image.root, '/', image.workdir),
    // Loopback and a free port here; the data directory is the image's volume, under its root.
    env: containerEnv(image, {
      HOST: '127.0.0.1',
      PORT: '0',
      AIHUB_DATA_DIR: hostPath(image.root, '/', image.env.AIHUB_DATA_DIR!),
    }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const port = await listeningPort(child);
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    port,
    stop: () => stopProcess(child),
  };
}

function listeningPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`the server did not start within 60 s:\n${output}`)), 60_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${code} before listening:\n${output}`));
    });
  });
}

function runHealthcheck(image: EmulatedImage, port: number): Promise<number | null> {
  const [program, ...args] = image.healthcheck ?? [];
  expect(program).toBe('node');
  const child = spawn(process.execPath, args, {
    cwd: hostPath(image.root, '/', image.workdir),
    env: containerEnv(image, { PORT: String(port) }),
    stdio: 'ignore',
  });
  return new Promise((resolve) => child.on('exit', (code) => resolve(code)));
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
