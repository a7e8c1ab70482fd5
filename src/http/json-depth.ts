import { GatewayError } from '../ir/index.js';

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

/** The 400 for a body nested past the limit, the same on every route. */
export function jsonTooDeepError(maxDepth: number): GatewayError {
  return new GatewayError({
    kind: 'invalid_request',
    message: `The JSON body nests objects and arrays more than ${maxDepth} levels deep, which this server does not accept. Flatten the deepest part of the request.`,
    code: 'json_too_deep',
  });
}

/**
 * For routes that keep a body's raw bytes (payment webhooks, whose signatures cover them): the
 * error when the bytes are JSON nested past the limit, else undefined. Bytes that are not JSON are
 * left to the route.
 */
export function rawJsonTooDeep(body: Buffer, maxDepth: number): GatewayError | undefined {
  if (body.length < 2 * (maxDepth + 1)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
  return exceedsJsonDepth(parsed, maxDepth, body.length) ? jsonTooDeepError(maxDepth) : undefined;
}
