/** Compiles a `*` glob (`gpt-4*`, `*-mini`) to an anchored RegExp; other characters are literal. */
export function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`, 'i');
}

export function isGlob(pattern: string): boolean {
  return pattern.includes('*');
}
