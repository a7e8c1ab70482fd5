import type { FinishReason } from '../../ir/index.js';

export interface ResponseStatus {
  status: 'completed' | 'incomplete';
  incomplete_details: { reason: 'max_output_tokens' | 'content_filter' } | null;
}

/** How an answer ended, in the Responses vocabulary: only length and content filters are `incomplete`. */
export function responseStatus(finishReason: FinishReason | undefined): ResponseStatus {
  switch (finishReason?.unified) {
    case 'length':
      return { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } };
    case 'content-filter':
      return { status: 'incomplete', incomplete_details: { reason: 'content_filter' } };
    default:
      return { status: 'completed', incomplete_details: null };
  }
}
