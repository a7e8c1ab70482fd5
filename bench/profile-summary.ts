/**
 * Summarises a V8 CPU profile (`node --cpu-prof`): self time per function and per file or
 * package, highest first.
 *
 *   node --import tsx bench/profile-summary.ts FILE.cpuprofile [top]
 */
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';
import { round } from './lib/stats.js';
import { type StageRow, stageOf, stageRows } from './profile-stages.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileRow {
  name: string;
  ms: number;
  pct: number;
}

export interface ProfileSummary {
  totalMs: number;
  /** Share of time not idle. */
  busyPct: number;
  /** True when only the measured window was counted. */
  windowed: boolean;
  functions: ProfileRow[];
  files: ProfileRow[];
  /** Inclusive time of AIHub's own files and functions (a sample counts once per file/function on its stack). */
  sourceFilesInclusive: ProfileRow[];
  sourceFunctionsInclusive: ProfileRow[];
  /** Busy time by pipeline stage (profile-stages.ts); absent in runs before it was measured. */
  stages?: StageRow[];
}

/** A frame's location for the function list: the path inside node_modules or src/. */
function location(url: string): string {
  const modules = /node_modules\/(.+)$/.exec(url);
  if (modules) return modules[1];
  const source = /\/(?:dist|src)\/(.+)$/.exec(url);
  if (source) return `src/${source[1].replace(/\.js$/, '.ts')}`;
  return url.replace(/^file:\/\//, '');
}

const sourceMaps = new Map<string, SourceMap | undefined>();

/** The TypeScript line of a frame in AIHub's build (through its source map), 1-based. */
function sourceLine(url: string, line: number, column: number): number {
  if (!url.startsWith('file://') || url.includes('node_modules')) return line + 1;
  if (!sourceMaps.has(url)) {
    const file = `${fileURLToPath(url)}.map`;
    sourceMaps.set(url, existsSync(file) ? new SourceMap(JSON.parse(readFileSync(file, 'utf8'))) : undefined);
  }
  const entry = sourceMaps.get(url)?.findEntry(line, column) as { originalLine?: number } | undefined;
  return entry?.originalLine === undefined ? line + 1 : entry.originalLine + 1;
}

/** `node_modules/<package>`, `src/<path>`, `node:<module>`, or the special V8 frames. */
function fileGroup(url: string, functionName: string): string {
  if (!url) return `(${functionName.replace(/[()]/g, '') || 'native'})`;
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return `node_modules/${modules[1]}`;
  const source = /\/(?:dist|src)\/(.+)$/.exec(url);
  if (source) return `src/${source[1].replace(/\.js$/, '.ts')}`;
  return url.replace(/^file:\/\//, '');
}

/**
 * `window`: [from, to] in microseconds of the monotonic clock (process.hrtime in any process on
 * the machine, which is what V8 stamps samples with): only samples inside count, so start-up
 * and warm-up stay out. Without it (or if it misses the profile), every sample counts.
 */
export function summariseProfile(file: string, top = 25, window?: [number, number]): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const inWindow = window && window[0] < profile.endTime && window[1] > profile.startTime;
  const selfUs = new Map<number, number>();
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (inWindow && (at < window[0] || at > window[1])) continue;
    const id = profile.samples[i];
    selfUs.set(id, (selfUs.get(id) ?? 0) + delta);
  }
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const nameOf = (node: ProfileNode) => {
    const { functionName, url, lineNumber, columnNumber } = node.callFrame;
    if (!url) return fileGroup(url, functionName);
    return `${functionName || '(anonymous)'} ${location(url)}:${sourceLine(url, lineNumber, columnNumber)}`;
  };
  const isSource = (node: ProfileNode) => {
    const { url } = node.callFrame;
    return Boolean(url) && !url.includes('node_modules') && /\/(?:dist|src)\//.test(url);
  };
  const functions = new Map<string, number>();
  const files = new Map<string, number>();
  const sourceFiles = new Map<string, number>();
  const sourceFunctions = new Map<string, number>();
  const stages = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (!node) continue;
    const { functionName, url } = node.callFrame;
    total += us;
    if (functionName === '(idle)') idle += us;
    const group = fileGroup(url, functionName);
    functions.set(nameOf(node), (functions.get(nameOf(node)) ?? 0) + us);
    files.set(group, (files.get(group) ?? 0) + us);
    // Inclusive: every AIHub file and function on this sample's stack, once each.
    const seenFiles = new Set<string>();
    const seenFunctions = new Set<string>();
    const stack: string[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at);
      if (frame) stack.push(fileGroup(frame.callFrame.url, frame.callFrame.functionName));
      if (!frame || !isSource(frame)) continue;
      seenFiles.add(fileGroup(frame.callFrame.url, frame.callFrame.functionName));
      seenFunctions.add(nameOf(frame));
    }
    for (const file of seenFiles) sourceFiles.set(file, (sourceFiles.get(file) ?? 0) + us);
    for (const fn of seenFunctions) sourceFunctions.set(fn, (sourceFunctions.get(fn) ?? 0) + us);
    const stage = stageOf(stack);
    if (stage) stages.set(stage, (stages.get(stage) ?? 0) + us);
  }
  const rows = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, ms: round(us / 1000, 1), pct: round((us / total) * 100, 1) }));
  return {
    totalMs: round(total / 1000, 1),
    busyPct: round(((total - idle) / total) * 100, 1),
    windowed: Boolean(inWindow),
    functions: rows(functions),
    files: rows(files),
    sourceFilesInclusive: rows(sourceFiles),
    sourceFunctionsInclusive: rows(sourceFunctions),
    stages: stageRows(stages),
  };
}

if (process.argv[1]?.endsWith('profile-summary.ts')) {
  const file = process.argv[2];
  if (!file) {
    process.stderr.write('usage: profile-summary.ts FILE.cpuprofile [top]\n');
    process.exit(2);
  }
  const summary = summariseProfile(file, Number(process.argv[3] ?? 25));
  process.stdout.write(`total ${summary.totalMs} ms, busy ${summary.busyPct}%\n\nself time by file/package:\n`);
  for (const row of summary.files) process.stdout.write(`${String(row.pct).padStart(6)}%  ${row.ms} ms  ${row.name}\n`);
  for (const [title, rows] of [
    ['self time by function', summary.functions],
    ['inclusive time by AIHub file', summary.sourceFilesInclusive],
    ['inclusive time by AIHub function', summary.sourceFunctionsInclusive],
  ] as const) {
    process.stdout.write(`\n${title}:\n`);
    for (const row of rows) process.stdout.write(`${String(row.pct).padStart(6)}%  ${row.ms} ms  ${row.name}\n`);
  }
}
