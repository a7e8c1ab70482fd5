import { invalidField } from './schema-error.js';

/** The query of `GET /v1/responses/{id}/input_items`, checked. */
export interface InputItemsQuery {
  /** List the items after this item id (in the order asked for). */
  after?: string;
  /** List the items before this item id: an older API parameter some SDKs still send. */
  before?: string;
  /** 1–100, default 20. */
  limit: number;
  /** OpenAI's default is `desc`: the newest item first. */
  order: 'asc' | 'desc';
  include: ReadonlySet<string>;
}

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;

/** OpenAI's `ResponseIncludable` values (openai-node `responses.ts`). */
const INCLUDABLE: ReadonlySet<string> = new Set([
  'file_search_call.results',
  'web_search_call.results',
  'web_search_call.action.sources',
  'message.input_image.image_url',
  'computer_call_output.output.image_url',
  'code_interpreter_call.outputs',
  'reasoning.encrypted_content',
  'message.output_text.logprobs',
]);

/**
 * Checks the query as the HTTP layer parsed it (a repeated key is an array). `include` arrives as
 * `include[]=…` from the official SDKs (brackets), `include=…` or `include[0]=…` from others.
 * Unknown parameters are ignored, as in the rest of the API; a wrong value is a 400 naming it.
 */
export function parseInputItemsQuery(query: Readonly<Record<string, unknown>>): InputItemsQuery {
  const parsed: InputItemsQuery = {
    limit: parseLimit(single(query, 'limit')),
    order: parseOrder(single(query, 'order')),
    include: parseInclude(query),
  };
  const after = cursor(query, 'after');
  if (after !== undefined) parsed.after = after;
  const before = cursor(query, 'before');
  if (before !== undefined) parsed.before = before;
  return parsed;
}

function parseLimit(value: string | undefined): number {
  if (value === undefined) return DEFAULT_LIMIT;
  if (!/^-?\d{1,10}$/.test(value)) {
    return fail('limit', `Invalid 'limit': expected an integer, but got '${clip(value)}' instead.`, 'invalid_type');
  }
  const limit = Number(value);
  if (limit < 1) {
    return fail(
      'limit',
      `Invalid 'limit': integer below minimum value. Expected a value >= 1, but got ${limit} instead.`,
      'integer_below_min_value',
    );
  }
  if (limit > MAX_LIMIT) {
    return fail(
      'limit',
      `Invalid 'limit': integer above maximum value. Expected a value <= ${MAX_LIMIT}, but got ${limit} instead.`,
      'integer_above_max_value',
    );
  }
  return limit;
}

function parseOrder(value: string | undefined): 'asc' | 'desc' {
  if (value === undefined) return 'desc';
  if (value === 'asc' || value === 'desc') return value;
  return fail('order', `Invalid value for 'order': '${clip(value)}'. Supported values are: 'asc' and 'desc'.`);
}

function parseInclude(query: Readonly<Record<string, unknown>>): ReadonlySet<string> {
  const values: unknown[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (!/^include(\[\d*\])?$/.test(key)) continue;
    values.push(...(Array.isArray(value) ? value : [value]));
  }
  for (const value of values) {
    if (typeof value !== 'string' || !INCLUDABLE.has(value)) {
      fail('include', `Invalid value for 'include': '${clip(String(value))}' is not a supported include.`);
    }
  }
  return new Set(values as string[]);
}

function cursor(query: Readonly<Record<string, unknown>>, name: 'after' | 'before'): string | undefined {
  const value = single(query, name);
  if (value === '') return fail(name, `Invalid '${name}': expected an item id, but got an empty string.`);
  return value;
}

/** A parameter given at most once, as a string. */
function single(query: Readonly<Record<string, unknown>>, name: string): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') return fail(name, `Invalid '${name}': expected a single value.`, 'invalid_type');
  return value;
}

function clip(value: string): string {
  return value.slice(0, 100);
}

function fail(param: string, message: string, code?: string): never {
  throw invalidField(param, message, code);
}
