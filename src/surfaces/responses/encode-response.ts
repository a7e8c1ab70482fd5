import type { ChatRequest, ChatResult, Usage } from '../../ir/index.js';
import type { ResponseMeta } from '../surface.js';
import { clientToolKinds } from './client-run-tools.js';
import { encodeOutputItems, type OutputOptions } from './encode-output-items.js';
import { encodeResponsesUsage } from './encode-usage.js';
import { toolNamespaces } from './namespace-tools.js';
import { echoRequestFields, revealsEncryptedReasoning, showsReasoningSummary } from './response-echo.js';
import { responseIds } from './response-ids.js';
import { responseStatus } from './response-status.js';

export type ResponseObjectStatus = 'in_progress' | 'completed' | 'incomplete' | 'failed';

export interface ResponseObjectParts {
  status: ResponseObjectStatus;
  output: Record<string, unknown>[];
  usage?: Usage;
  incompleteDetails?: { reason: string } | null;
  error?: { code: string; message: string } | null;
}

/**
 * Output rendering for one answer. `forStorage` always carries reasoning's `encrypted_content`:
 * a stored response must keep reasoning and signatures for `previous_response_id` even when the
 * client did not ask to see them.
 */
export function outputOptions(request: ChatRequest, meta: ResponseMeta, forStorage = false): OutputOptions {
  return {
    ids: responseIds(meta.requestId),
    issuer: meta.provider,
    revealEncryptedReasoning: forStorage || revealsEncryptedReasoning(request),
    showReasoningSummary: showsReasoningSummary(request),
    toolKinds: clientToolKinds(request),
    toolNamespaces: toolNamespaces(request),
  };
}

/** A response object with the given state, field for field in the order OpenAI writes them. */
export function buildResponseObject(
  request: ChatRequest,
  meta: ResponseMeta,
  parts: ResponseObjectParts,
): Record<string, unknown> {
  const echo = echoRequestFields(request);
  return {
    id: responseIds(meta.requestId).response,
    object: 'response',
    created_at: meta.created,
    status: parts.status,
    background: echo.background,
    error: parts.error ?? null,
    incomplete_details: parts.incompleteDetails ?? null,
    instructions: echo.instructions,
    max_output_tokens: echo.max_output_tokens,
    max_tool_calls: echo.max_tool_calls,
    model: meta.model,
    output: parts.output,
    parallel_tool_calls: echo.parallel_tool_calls,
    previous_response_id: echo.previous_response_id,
    prompt_cache_key: echo.prompt_cache_key,
    prompt_cache_retention: echo.prompt_cache_retention,
    reasoning: echo.reasoning,
    safety_identifier: echo.safety_identifier,
    service_tier: echo.service_tier,
    store: echo.store,
    temperature: echo.temperature,
    text: echo.text,
    tool_choice: echo.tool_choice,
    tools: echo.tools,
    top_logprobs: echo.top_logprobs,
    top_p: echo.top_p,
    truncation: echo.truncation,
    usage: parts.usage ? encodeResponsesUsage(parts.usage) : null,
    user: echo.user,
    metadata: echo.metadata,
  };
}

/**
 * A whole answer as the `response` object POST /v1/responses returns. Only the first choice is
 * used (the Responses API has no `n`). `forStorage`: see `outputOptions`.
 */
export function encodeResponse(
  result: ChatResult,
  request: ChatRequest,
  meta: ResponseMeta,
  forStorage = false,
): Record<string, unknown> {
  const choice = result.choices[0];
  const { status, incomplete_details } = responseStatus(choice?.finishReason);
  const output = encodeOutputItems(
    choice?.content ?? [],
    outputOptions(request, meta, forStorage),
    status === 'incomplete',
  );
  return buildResponseObject(request, meta, {
    status,
    output,
    usage: result.usage,
    incompleteDetails: incomplete_details,
  });
}
