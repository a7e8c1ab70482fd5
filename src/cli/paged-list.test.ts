import { describe, expect, it } from 'vitest';
import type { CliIo } from './cli-io.js';
import type { CommandArgs } from './command-registry.js';
import { parsePageWindow, printPage } from './paged-list.js';
import { UsageError } from './usage-error.js';

function argsWith(options: Record<string, string>, json = false): CommandArgs {
  return {
    json,
    configPath: undefined,
    positional: () => undefined,
    string: (name) => options[name],
    strings: () => [],
    flag: () => false,
    required: (name) => options[name] ?? '',
  };
}

function capture(): { io: CliIo; text: () => string } {
  let out = '';
  return { io: { out: { write: (t: string) => (out += t) }, err: { write: () => {} }, env: {} }, text: () => out };
}

const view = { json: (n: number) => ({ n }), columns: [{ header: 'N', value: (n: number) => n }] };

describe('parsePageWindow', () => {
  it('defaults to the first 50 rows', () => {
    expect(parsePageWindow(argsWith({}))).toEqual({ limit: 50, offset: 0 });
  });

  it('reads --limit and --offset, refusing a limit above 200', () => {
    expect(parsePageWindow(argsWith({ limit: '10', offset: '20' }))).toEqual({ limit: 10, offset: 20 });
    expect(() => parsePageWindow(argsWith({ limit: '201' }))).toThrow(UsageError);
  });
});

describe('printPage', () => {
  it('says how many rows there are in all when the page is not the last', () => {
    const { io, text } = capture();
    printPage(io, argsWith({}), { data: [1, 2], total: 5, offset: 0 }, view);
    expect(text()).toBe('N\n-\n1\n2\n5 in all; --offset to see more.\n');
  });

  it('adds nothing under the last page', () => {
    const { io, text } = capture();
    printPage(io, argsWith({}), { data: [4, 5], total: 5, offset: 3 }, view);
    expect(text()).toBe('N\n-\n4\n5\n');
  });

  it('prints { data, total } with --json', () => {
    const { io, text } = capture();
    printPage(io, argsWith({}, true), { data: [1], total: 3, offset: 0 }, view);
    expect(JSON.parse(text())).toEqual({ data: [{ n: 1 }], total: 3 });
  });
});
