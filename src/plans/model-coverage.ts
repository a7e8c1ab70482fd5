/** Which models a plan covers: exact ids and `*` globs, case-insensitive; `*` alone is every model. */
import { globToRegExp } from '../routing/glob.js';

const compiled = new Map<string, RegExp>();

function patternOf(glob: string): RegExp {
  let regex = compiled.get(glob);
  if (!regex) {
    regex = globToRegExp(glob);
    if (compiled.size > 10_000) compiled.clear();
    compiled.set(glob, regex);
  }
  return regex;
}

export function coversModel(patterns: readonly string[], model: string): boolean {
  return patterns.some((pattern) => patternOf(pattern).test(model));
}
