import type { z } from 'zod';
import { GatewayError } from '../../ir/index.js';

/** Turns the first zod issue into a 400 that names the offending field the way OpenAI does. */
export function validationError(error: z.ZodError): GatewayError {
  const issue = error.issues[0];
  const param = issue ? formatPath(issue.path) : null;
  const detail = issue ? describeIssue(issue) : 'invalid request';
  return new GatewayError({
    kind: 'invalid_request',
    message: param ? `Invalid value for '${param}': ${detail}` : `Invalid request: ${detail}`,
    param,
    code:
      issue?.code === 'invalid_type' && issue.message.includes('received undefined')
        ? 'missing_required_parameter'
        : 'invalid_value',
  });
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_union' && 'note' in issue && issue.note) return String(issue.note);
  return issue.message;
}

function formatPath(path: PropertyKey[]): string | null {
  if (path.length === 0) return null;
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}
