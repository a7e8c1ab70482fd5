import type { FinishReason } from '../../ir/index.js';
import { asObject, asString } from './json.js';

/**
 * A Responses object's `status` (and `incomplete_details.reason`) as a finish reason. A completed
 * response that called tools finished for `tool-calls`, as a Chat Completions `tool_calls` does;
 * the raw value is the incomplete reason when there is one, else the status.
 */
export function mapResponsesStatus(status: unknown, incompleteDetails: unknown, hasToolCalls: boolean): FinishReason {
  const reason = asString(asObject(incompleteDetails)?.reason);
  switch (status) {
    case 'completed':
      return { unified: hasToolCalls ? 'tool-calls' : 'stop', raw: 'completed' };
    case 'incomplete':
      if (reason === 'max_output_tokens') return { unified: 'length', raw: reason };
      if (reason === 'content_filter') return { unified: 'content-filter', raw: reason };
      return { unified: 'other', raw: reason ?? 'incomplete' };
    case 'failed':
      return { unified: 'error', raw: 'failed' };
    default:
      return typeof status === 'string' ? { unified: 'other', raw: status } : { unified: 'other' };
  }
}
