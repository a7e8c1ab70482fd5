import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCycles, importedSpecifiers, importGraph, sourceFiles } from './import-graph.js';

const ROOT = join(import.meta.dirname, '..', '..');
let sourceGraph: Map<string, string[]> | undefined;
const srcGraph = () => (sourceGraph ??= importGraph(sourceFiles(join(ROOT, 'src'))));

describe('the import graph', () => {
  it('has no cycle in src/ or web/src/, type-only and inline import() types included', () => {
    expect(importCycles(srcGraph(), ROOT)).toEqual([]);
    expect(importCycles(importGraph(sourceFiles(join(ROOT, 'web', 'src'))), ROOT)).toEqual([]);
  });

  it('keeps the HTTP layer at the edge: outside tests, only app.ts and cli.ts import from src/http', () => {
    const graph = srcGraph();
    const http = join(ROOT, 'src', 'http');
    const edge = new Set([join(ROOT, 'src', 'app.ts'), join(ROOT, 'src', 'cli.ts')]);
    const offenders = [...graph]
      // Tests may drive the HTTP layer; production code outside it may not depend on it.
      .filter(([file]) => !file.startsWith(http) && !edge.has(file) && !file.endsWith('.test.ts'))
      .flatMap(([file, targets]) =>
        targets
          .filter((target) => target.startsWith(http))
          .map((target) => `${relative(ROOT, file)} → ${relative(ROOT, target)}`),
      );
    expect(offenders).toEqual([]);
  });
});

describe('importedSpecifiers', () => {
  it('sees every form of import, inline type imports included', () => {
    const text = [
      "import a from './a.js';",
      "import type { B } from './b.js';",
      "export { c } from './c.js';",
      "export type * from './d.js';",
      "const e = await import('./e.js');",
      "let f: import('./f.js').F;",
      "import 'node:fs';",
    ].join('\n');
    expect(importedSpecifiers('x.ts', text)).toEqual([
      './a.js',
      './b.js',
      './c.js',
      './d.js',
      './e.js',
      './f.js',
      'node:fs',
    ]);
  });
});

describe('importCycles', () => {
  it('finds a cycle of any length, and a file importing itself', () => {
    const graph = new Map([
      ['/r/a.ts', ['/r/b.ts']],
      ['/r/b.ts', ['/r/c.ts']],
      ['/r/c.ts', ['/r/a.ts', '/r/d.ts']],
      ['/r/d.ts', []],
      ['/r/e.ts', ['/r/e.ts']],
    ]);
    expect(importCycles(graph, '/r')).toEqual([['a.ts', 'b.ts', 'c.ts'], ['e.ts']]);
  });

  it('finds none in a tree', () => {
    const graph = new Map([
      ['/r/a.ts', ['/r/b.ts', '/r/c.ts']],
      ['/r/b.ts', ['/r/c.ts']],
      ['/r/c.ts', []],
    ]);
    expect(importCycles(graph, '/r')).toEqual([]);
  });
});
