import type { GeminiPartialArgument } from './response-schema.js';

type JsonContainer = Record<string, unknown> | unknown[];
type PathSegment = string | number;

/**
 * Rebuilds a function call's arguments from streamed `partialArgs` (Gemini 3 with
 * `streamFunctionCallArguments`, Vertex): each piece names a JSON path (`$.recipe.steps[1]`) and a
 * value; string values arrive in fragments that are appended. Paths it cannot read are skipped.
 */
export class PartialArguments {
  private readonly root: Record<string, unknown>;

  /** `initial`: arguments that came whole on the call's first chunk, if any. */
  constructor(initial: Record<string, unknown> = {}) {
    this.root = structuredClone(initial);
  }

  apply(pieces: GeminiPartialArgument[]): void {
    for (const piece of pieces) {
      const path = parseJsonPath(piece.jsonPath);
      if (!path || path.length === 0) continue;
      const value = pieceValue(piece);
      if (value === undefined) continue;
      this.set(path, value);
    }
  }

  /** The arguments so far, as JSON text. */
  toJson(): string {
    return JSON.stringify(this.root);
  }

  private set(path: PathSegment[], value: unknown): void {
    let container: JsonContainer = this.root;
    for (let index = 0; index < path.length - 1; index++) {
      const key = path[index]!;
      const next = path[index + 1]!;
      let child = read(container, key);
      if (child === null || typeof child !== 'object') {
        child = typeof next === 'number' ? [] : {};
        write(container, key, child);
      }
      container = child as JsonContainer;
    }
    const last = path.at(-1)!;
    const existing = read(container, last);
    write(container, last, typeof existing === 'string' && typeof value === 'string' ? existing + value : value);
  }
}

function pieceValue(piece: GeminiPartialArgument): unknown {
  if (piece.stringValue !== undefined) return piece.stringValue;
  if (piece.numberValue !== undefined) return piece.numberValue;
  if (piece.boolValue !== undefined) return piece.boolValue;
  if (piece.nullValue !== undefined) return null;
  return undefined;
}

function read(container: JsonContainer, key: PathSegment): unknown {
  return Array.isArray(container) ? container[key as number] : container[key as string];
}

function write(container: JsonContainer, key: PathSegment, value: unknown): void {
  if (Array.isArray(container)) {
    if (typeof key === 'number') container[key] = value;
  } else {
    container[String(key)] = value;
  }
}

const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** `$.a.b[0]['c d']` to `['a', 'b', 0, 'c d']`; undefined when the path is not of that form. */
export function parseJsonPath(path: string): PathSegment[] | undefined {
  if (!path.startsWith('$')) return undefined;
  const segments: PathSegment[] = [];
  const pattern = /\.([^.[\]]+)|\[(\d+)\]|\[(['"])(.*?)\3\]/gy;
  pattern.lastIndex = 1;
  while (pattern.lastIndex < path.length) {
    const match = pattern.exec(path);
    if (!match) return undefined;
    if (match[1] !== undefined) segments.push(match[1]);
    else if (match[2] !== undefined) segments.push(Number(match[2]));
    else segments.push(match[4]!);
  }
  // `$.__proto__.x` would write into Object.prototype: such a path is not a path into the arguments.
  if (segments.some((segment) => UNSAFE_KEYS.has(String(segment)))) return undefined;
  return segments;
}
