import type { z } from 'zod';
import { GatewayError } from '../../ir/index.js';

/**
 * Parses `value` with `schema` and names the first offending field the way OpenAI does
 * (`input[3].content[0].type`), prefixed with where `value` sits in the body.
 */
export function parseField<T>(schema: z.ZodType<T>, value: unknown, at: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const { issue, path } = deepestIssue(parsed.error.issues[0]);
  const param = joinPath(at, path);
  const missing = issue?.code === 'invalid_type' && issue.message.includes('received undefined');
  throw new GatewayError({
    kind: 'invalid_request',
    message: param
      ? `Invalid value for '${param}': ${issue?.message ?? 'invalid'}`
      : `Invalid request: ${issue?.message ?? 'invalid'}`,
    param: param || null,
    code: missing ? 'missing_required_parameter' : 'invalid_value',
  });
}

type Issue = z.core.$ZodIssue;

/**
 * A union (`content`: a string or a list of parts) fails as a whole; the branch that got furthest
 * names the field that is actually wrong (`content[1].type` rather than `content`).
 */
function deepestIssue(first: Issue | undefined): { issue: Issue | undefined; path: PropertyKey[] } {
  let issue = first;
  const path: PropertyKey[] = [...(issue?.path ?? [])];
  while (issue?.code === 'invalid_union' && issue.errors.length > 0) {
    let best: Issue | undefined;
    for (const branch of issue.errors) {
      const candidate = branch[0];
      if (candidate && (!best || candidate.path.length > best.path.length)) best = candidate;
    }
    if (!best || best.path.length === 0) break;
    issue = best;
    path.push(...best.path);
  }
  return { issue, path };
}

export function invalidField(param: string, message: string, code = 'invalid_value'): GatewayError {
  return new GatewayError({ kind: 'invalid_request', message, param, code });
}

export function joinPath(at: string, path: readonly PropertyKey[]): string {
  let out = at;
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}
