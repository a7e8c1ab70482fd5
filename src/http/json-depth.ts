/**
 * Whether a parsed JSON value nests objects and arrays deeper than `maxDepth` (the top-level
 * object or array is depth 1). Iterative, with an explicit stack, so it cannot overflow itself;
 * it visits objects and arrays only (strings and numbers cost nothing), and stops at the first
 * level past the limit. `textLength`, when known, skips the walk for bodies too short to nest
 * that deep (each level takes two characters).
 */
export function exceedsJsonDepth(value: unknown, maxDepth: number, textLength = Number.POSITIVE_INFINITY): boolean {
  if (textLength < 2 * (maxDepth + 1) || value === null || typeof value !== 'object') return false;
  if (maxDepth < 1) return true;
  const pending: object[] = [value];
  const depths: number[] = [1];
  while (pending.length > 0) {
    const node = pending.pop() as object;
    const childDepth = (depths.pop() as number) + 1;
    // Two plain loops rather than one over an iterator: this runs on every request body.
    if (Array.isArray(node)) {
      for (const child of node) {
        if (child === null || typeof child !== 'object') continue;
        if (childDepth > maxDepth) return true;
        pending.push(child);
        depths.push(childDepth);
      }
      continue;
    }
    for (const key in node) {
      const child = (node as Record<string, unknown>)[key];
      if (child === null || typeof child !== 'object') continue;
      if (childDepth > maxDepth) return true;
      pending.push(child);
      depths.push(childDepth);
    }
  }
  return false;
}
