/**
 * Builds a Dockerfile's file systems without Docker: each stage gets a directory standing for its
 * root (`/app` is `<stage>/app`), and its instructions are carried out there in order. COPY copies
 * from the build context (honouring `.dockerignore`) or from an earlier stage and fails, as Docker
 * does, when a source is missing; RUN runs its npm commands for real. What only shapes the
 * operating system (apt-get, chown) is recorded, not run: the host has its own toolchain and users.
 *
 * One substitution keeps this fast: an `npm ci` that installs the development dependencies (the
 * build stage's) links the context's own node_modules, installed from the same lockfile (checked),
 * instead of unpacking those 800 MB again. The production install runs for real.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { type DockerInstruction, type DockerStage, envPairs, execForm, parseDockerfile } from './dockerfile.js';
import { type IgnoreMatcher, parseDockerignore } from './dockerignore.js';

export interface EmulatedImage {
  stages: DockerStage[];
  /** The last stage's root directory. */
  root: string;
  /** Container paths, as the Dockerfile wrote them. */
  workdir: string;
  env: Record<string, string>;
  user: string | undefined;
  exposedPorts: number[];
  volumes: string[];
  cmd: string[];
  healthcheck: string[] | undefined;
  /** Commands of RUN lines that were recorded instead of run (operating-system setup). */
  systemCommands: string[];
  /** Every npm command that ran, as `stage: npm ...`. */
  npmCommands: string[];
}

export interface EmulatorOptions {
  /** The build context (the repository's root); its `.dockerignore` applies. */
  context: string;
  dockerfileText: string;
  /** An empty directory that receives one directory per stage. */
  workspace: string;
  /** Added to the environment of every npm command (say, where a prebuilt binary is found). */
  npmEnv?: Record<string, string>;
  /** Extra arguments for a real `npm ci` (say, `--prefer-offline`). */
  npmCiArgs?: string[];
}

interface StageState {
  stage: DockerStage;
  root: string;
  workdir: string;
  env: Record<string, string>;
  user: string | undefined;
  exposedPorts: number[];
  volumes: string[];
  cmd: string[];
  healthcheck: string[] | undefined;
}

const SUPPORTED_COPY_FLAGS = new Set(['from', 'chown', 'chmod']);

export async function emulateImageBuild(options: EmulatorOptions): Promise<EmulatedImage> {
  const stages = parseDockerfile(options.dockerfileText);
  const ignoreFile = path.join(options.context, '.dockerignore');
  const ignored = parseDockerignore(existsSync(ignoreFile) ? readFileSync(ignoreFile, 'utf8') : '');
  const built = new Map<string, StageState>();
  const systemCommands: string[] = [];
  const npmCommands: string[] = [];
  let last: StageState | undefined;

  for (const [index, stage] of stages.entries()) {
    const state: StageState = {
      stage,
      root: path.join(options.workspace, `${index}-${stage.name}`),
      workdir: '/',
      env: {},
      user: undefined,
      exposedPorts: [],
      volumes: [],
      cmd: [],
      healthcheck: undefined,
    };
    mkdirSync(state.root, { recursive: true });
    for (const instruction of stage.instructions) {
      await carryOut(instruction, state, { options, ignored, built, systemCommands, npmCommands });
    }
    built.set(stage.name, state);
    last = state;
  }
  const final = last!;
  return {
    stages,
    root: final.root,
    workdir: final.workdir,
    env: final.env,
    user: final.user,
    exposedPorts: final.exposedPorts,
    volumes: final.volumes,
    cmd: final.cmd,
    healthcheck: final.healthcheck,
    systemCommands,
    npmCommands,
  };
}

/** Where a container path of a stage lies on this machine. */
export function hostPath(root: string, workdir: string, containerPath: string): string {
  const absolute = path.posix.resolve(workdir, containerPath);
  return path.join(root, absolute);
}

interface BuildContext {
  options: EmulatorOptions;
  ignored: IgnoreMatcher;
  built: Map<string, StageState>;
  systemCommands: string[];
  npmCommands: string[];
}

async function carryOut(instruction: DockerInstruction, state: StageState, build: BuildContext): Promise<void> {
  const where = `line ${instruction.line}`;
  switch (instruction.keyword) {
    case 'WORKDIR':
      state.workdir = path.posix.resolve(state.workdir, instruction.rest);
      mkdirSync(hostPath(state.root, '/', state.workdir), { recursive: true });
      return;
    case 'ENV':
      for (const [name, value] of envPairs(instruction)) state.env[name] = value;
      return;
    case 'COPY':
      copy(instruction, state, build);
      return;
    case 'RUN':
      await run(instruction, state, build);
      return;
    case 'USER':
      state.user = instruction.rest;
      return;
    case 'EXPOSE':
      state.exposedPorts.push(...instruction.rest.split(/\s+/).map((port) => Number.parseInt(port, 10)));
      return;
    case 'VOLUME':
      state.volumes.push(...(instruction.rest.startsWith('[') ? execForm(instruction) : instruction.rest.split(/\s+/)));
      return;
    case 'HEALTHCHECK': {
      const match = /^CMD\s+(.*)$/s.exec(instruction.rest);
      if (!match) throw new Error(`${where}: HEALTHCHECK must be CMD [...]`);
      state.healthcheck = execForm(instruction, match[1]);
      return;
    }
    case 'CMD':
      state.cmd = execForm(instruction);
      return;
    case 'LABEL':
      return;
    default:
      throw new Error(`${where}: the emulator does not know ${instruction.keyword}; teach it before using it`);
  }
}

function copy(instruction: DockerInstruction, state: StageState, build: BuildContext): void {
  const where = `line ${instruction.line}`;
  for (const flag of Object.keys(instruction.flags)) {
    if (!SUPPORTED_COPY_FLAGS.has(flag)) throw new Error(`${where}: COPY --${flag} is not emulated`);
  }
  const words = instruction.rest.split(/\s+/).filter(Boolean);
  if (words.length < 2) throw new Error(`${where}: COPY needs a source and a destination`);
  if (words.some((word) => /[*?[]/.test(word))) throw new Error(`${where}: COPY wildcards are not emulated`);
  const destination = words.pop()!;
  if (words.length > 1 && !destination.endsWith('/')) {
    throw new Error(`${where}: COPY with several sources needs a destination ending in /`);
  }
  const from = instruction.flags.from;
  const source = from ? build.built.get(from) : undefined;
  if (from && !source) throw new Error(`${where}: COPY --from=${from}: no earlier stage has that name`);

  for (const word of words) {
    const target = hostPath(state.root, state.workdir, destination);
    const intoDirectory = destination.endsWith('/') || words.length > 1;
    if (source) {
      const origin = hostPath(source.root, '/', word);
      if (!existsSync(origin)) throw new Error(`${where}: COPY --from=${from} ${word}: not found in that stage`);
      const to = intoDirectory && !lstatSync(origin).isDirectory() ? path.join(target, path.basename(origin)) : target;
      cpSync(origin, to, { recursive: true, verbatimSymlinks: true });
    } else {
      const relative = path.posix.normalize(word).replace(/^\.?\/+/, '');
      if (relative.startsWith('..')) throw new Error(`${where}: COPY ${word} leaves the build context`);
      const files = contextFiles(build.options.context, relative, build.ignored);
      if (files.length === 0) {
        throw new Error(
          `${where}: COPY ${word}: not found in the build context (missing, or excluded by .dockerignore)`,
        );
      }
      const isDirectory = lstatSync(path.join(build.options.context, relative)).isDirectory();
      for (const file of files) {
        const inside = isDirectory ? path.relative(relative, file) : path.basename(file);
        const to = isDirectory || intoDirectory ? path.join(target, inside) : target;
        mkdirSync(path.dirname(to), { recursive: true });
        cpSync(path.join(build.options.context, file), to);
      }
    }
  }
}

/** The files of the context under `relative` (itself, when a file) that .dockerignore lets in. */
function contextFiles(context: string, relative: string, ignored: IgnoreMatcher): string[] {
  const absolute = path.join(context, relative);
  if (!existsSync(absolute)) return [];
  if (!lstatSync(absolute).isDirectory()) return ignored(relative) ? [] : [relative];
  const files: string[] = [];
  for (const entry of readdirSync(absolute, { withFileTypes: true })) {
    const child = path.posix.join(relative, entry.name);
    if (entry.isDirectory()) files.push(...contextFiles(context, child, ignored));
    else if (!ignored(child)) files.push(child);
  }
  return files;
}

async function run(instruction: DockerInstruction, state: StageState, build: BuildContext): Promise<void> {
  const where = `line ${instruction.line}`;
  // Only `a && b && c` of plain words: quoting, pipes and substitutions would need a shell's rules.
  if (/[;|<>`$'"\\]/.test(instruction.rest.replaceAll('&&', ''))) {
    throw new Error(`${where}: RUN uses shell syntax the emulator does not read: ${instruction.rest}`);
  }
  for (const command of instruction.rest.split('&&')) {
    const words = command.trim().split(/\s+/);
    const [program, ...args] = words;
    const text = words.join(' ');
    if (program === 'npm') {
      await runNpm(args, state, build);
    } else if (program === 'apt-get' || program === 'chown') {
      build.systemCommands.push(text);
    } else if (program === 'rm' && args[0] === '-rf' && args.slice(1).every((arg) => arg.startsWith('/var/lib/apt/'))) {
      build.systemCommands.push(text);
    } else if (program === 'mkdir' && args[0] === '-p') {
      for (const directory of args.slice(1))
        mkdirSync(hostPath(state.root, state.workdir, directory), { recursive: true });
    } else {
      throw new Error(`${where}: the emulator does not know how to run '${text}'`);
    }
  }
}

async function runNpm(args: string[], state: StageState, build: BuildContext): Promise<void> {
  const cwd = hostPath(state.root, '/', state.workdir);
  const label = `${state.stage.name}: npm ${args.join(' ')}`;
  if (args[0] === 'ci' && !args.includes('--omit=dev')) {
    linkDevelopmentDependencies(cwd, build.options.context);
    build.npmCommands.push(`${label} (linked the context's node_modules)`);
    return;
  }
  const extra = args[0] === 'ci' ? (build.options.npmCiArgs ?? []) : [];
  await spawnChecked('npm', [...args, ...extra], cwd, {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/root',
    ...state.env,
    ...build.options.npmEnv,
  });
  build.npmCommands.push(label);
}

function linkDevelopmentDependencies(cwd: string, context: string): void {
  const lockfile = path.join(cwd, 'package-lock.json');
  if (!existsSync(lockfile)) throw new Error('npm ci without a package-lock.json copied first');
  if (readFileSync(lockfile, 'utf8') !== readFileSync(path.join(context, 'package-lock.json'), 'utf8')) {
    throw new Error("the stage's package-lock.json differs from the context's: cannot stand in for npm ci");
  }
  symlinkSync(path.join(context, 'node_modules'), path.join(cwd, 'node_modules'), 'dir');
}

function spawnChecked(command: string, args: string[], cwd: string, env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-8_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`${command} ${args.join(' ')} exited with ${code} in ${cwd}:\n${output}`));
    });
  });
}
