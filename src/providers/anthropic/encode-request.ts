import { type ChatRequest, GatewayError } from '../../ir/index.js';
import { anthropicExtraBodyFields } from '../anthropic-only-features.js';
import type { EncodedRequest, ProviderContext, UpstreamTarget } from '../provider.js';
import { refuseForeignServerFeatures } from '../server-tools.js';
import {
  type AnthropicEffort,
  adaptiveEffort,
  type ClaudeThinkingStyle,
  claudeThinkingStyle,
} from './claude-generation.js';
import { convertMessages, lastAssistantToolTurnLacksThinking } from './convert-messages.js';
import { prepareTools } from './prepare-tools.js';
import { claudeOutputFormat } from './structured-output.js';
import { planThinking, requestedBudget } from './thinking-budget.js';
import type { AnthropicRequestBody, AnthropicThinkingConfig } from './wire-types.js';

export const ANTHROPIC_VERSION = '2023-06-01';

/** Builds `POST {base}/v1/messages` from the IR. Throws GatewayError(invalid_request) for n > 1. */
export function encodeAnthropicRequest(request: ChatRequest, context: ProviderContext): EncodedRequest {
  refuseForeignServerFeatures(request, 'anthropic');
  if (request.n !== undefined && request.n > 1) {
    throw new GatewayError({
      kind: 'invalid_request',
      message: 'Anthropic models return one choice per request; n must be 1.',
      param: 'n',
    });
  }
  const droppedParams = unsupportedParams(request);
  const { system, messages } = convertMessages(request.messages);
  const model = context.target.model || request.model;
  const output = claudeOutputFormat(request.responseFormat, model);
  system.push(...output.instruction);
  const { tools, toolChoice } = prepareTools(request);

  const style = claudeThinkingStyle(model);
  const thinking = planClaudeThinking(request, context, style, messages, toolChoice);
  if (thinking.dropped) droppedParams.push('reasoning');

  const body: AnthropicRequestBody = {
    model,
    max_tokens: thinking.maxTokens,
    messages,
  };
  if (system.length > 0) body.system = system;
  if (tools) body.tools = tools;
  if (toolChoice) body.tool_choice = toolChoice;
  if (thinking.config) body.thinking = thinking.config;
  if (thinking.effort || output.format) {
    body.output_config = {};
    if (thinking.effort) body.output_config.effort = thinking.effort;
    if (output.format) body.output_config.format = output.format;
  }
  // Adaptive-only models reject sampling parameters outright, thinking or not.
  Object.assign(body, sampling(request, thinking.config !== undefined || style === 'adaptive-only', droppedParams));
  if (request.stop && request.stop.length > 0) body.stop_sequences = request.stop;
  if (request.user) body.metadata = { user_id: request.user };
  body.stream = request.stream;
  // A Messages client's Anthropic-only fields (container, mcp_servers, context_management...), verbatim.
  Object.assign(body, anthropicExtraBodyFields(request.extraBody).send);

  return {
    http: {
      method: 'POST',
      url: messagesUrl(context.target.baseUrl),
      headers: headers(context.target, request.anthropicBeta),
      body: JSON.stringify(body),
    },
    droppedParams,
  };
}

interface ClaudeThinking {
  config?: AnthropicThinkingConfig;
  effort?: AnthropicEffort;
  maxTokens: number;
  /** The client asked for reasoning and it could not be honoured. */
  dropped: boolean;
}

/**
 * Thinking settings for this model generation. Anthropic rejects thinking with a forced tool
 * choice, and when the tool-use turn being continued carries no signed thinking block (e.g. it
 * came from another vendor); then the request goes without thinking and says so.
 */
function planClaudeThinking(
  request: ChatRequest,
  context: ProviderContext,
  style: ClaudeThinkingStyle,
  messages: AnthropicRequestBody['messages'],
  toolChoice: AnthropicRequestBody['tool_choice'],
): ClaudeThinking {
  const modelMax = context.model?.maxOutputTokens;
  const reasoning = request.reasoning;
  // Adaptive thinking (a Messages client's `thinking: {type: "adaptive"}`) needs no budget or effort.
  const askedAdaptive = reasoning?.adaptive === true && !reasoning.disabled;
  const wants = reasoning !== undefined && (askedAdaptive || requestedBudget(reasoning) !== undefined);
  const plain = { maxTokens: planThinking(undefined, request.maxOutputTokens, modelMax).maxTokens };
  if (!wants || !reasoning) return { ...plain, dropped: false };
  // Claude 4.6 still takes an explicit budget; from 4.7 on only an effort (budgets map to one).
  const adaptive =
    style === 'adaptive-only' || (style === 'adaptive' && (askedAdaptive || reasoning.budgetTokens === undefined));
  // A forced tool choice is fine with adaptive thinking (recorded: Opus 4.6, tool_choice any).
  const forcedTool = toolChoice?.type === 'any' || toolChoice?.type === 'tool';
  if ((forcedTool && !adaptive) || lastAssistantToolTurnLacksThinking(messages)) return { ...plain, dropped: true };
  if (adaptive) {
    const effort = adaptiveEffort(reasoning, style);
    const result: ClaudeThinking = {
      config: { type: 'adaptive', display: 'summarized' },
      maxTokens: plain.maxTokens,
      dropped: false,
    };
    if (effort) result.effort = effort;
    return result;
  }
  // A model before adaptive thinking gets a budget: the effort's, or a medium one for "adaptive".
  const budgeted =
    askedAdaptive && requestedBudget(reasoning) === undefined ? { ...reasoning, effort: 'medium' as const } : reasoning;
  const plan = planThinking(budgeted, request.maxOutputTokens, modelMax);
  if (plan.budgetTokens === undefined) return { maxTokens: plan.maxTokens, dropped: true };
  return { config: { type: 'enabled', budget_tokens: plan.budgetTokens }, maxTokens: plan.maxTokens, dropped: false };
}

/**
 * Sampling parameters. Anthropic's temperature range is 0..1 (OpenAI's is 0..2), so higher values
 * are clamped to 1. With thinking enabled Anthropic rejects temperature other than 1 and top_p /
 * top_k, so they are dropped and reported.
 */
function sampling(
  request: ChatRequest,
  thinking: boolean,
  droppedParams: string[],
): Pick<AnthropicRequestBody, 'temperature' | 'top_p' | 'top_k'> {
  const result: Pick<AnthropicRequestBody, 'temperature' | 'top_p' | 'top_k'> = {};
  if (request.temperature !== undefined) {
    const temperature = Math.min(1, Math.max(0, request.temperature));
    if (!thinking || temperature === 1) result.temperature = temperature;
    else droppedParams.push('temperature');
  }
  if (request.topP !== undefined) {
    if (thinking) droppedParams.push('top_p');
    else result.top_p = request.topP;
  }
  if (request.topK !== undefined) {
    if (thinking) droppedParams.push('top_k');
    else result.top_k = request.topK;
  }
  return result;
}

/**
 * Parameters Anthropic has no equivalent for, named as the client sent them (OpenAI names).
 * Values equal to OpenAI's defaults (penalties of 0, logprobs false) are not reported, because
 * many clients send them on every request.
 */
function unsupportedParams(request: ChatRequest): string[] {
  const dropped: string[] = [];
  if (request.seed !== undefined) dropped.push('seed');
  if (request.logprobs) dropped.push('logprobs');
  if (request.topLogprobs !== undefined) dropped.push('top_logprobs');
  if (request.frequencyPenalty !== undefined && request.frequencyPenalty !== 0) dropped.push('frequency_penalty');
  if (request.presencePenalty !== undefined && request.presencePenalty !== 0) dropped.push('presence_penalty');
  if (request.logitBias && Object.keys(request.logitBias).length > 0) dropped.push('logit_bias');
  if (request.metadata && Object.keys(request.metadata).length > 0) dropped.push('metadata');
  dropped.push(...anthropicExtraBodyFields(request.extraBody).dropped);
  return dropped;
}

/** `{base}/v1/messages`; a base that already ends in `/v1` is tolerated. */
export function messagesUrl(baseUrl: string): string {
  const base = baseUrl.replace(/\/+$/, '');
  return base.endsWith('/v1') ? `${base}/messages` : `${base}/v1/messages`;
}

/** The client's `anthropic-beta` flags join the channel's own (an operator may configure some). */
function headers(target: UpstreamTarget, betas: string[] | undefined): Record<string, string> {
  const result: Record<string, string> = {
    'content-type': 'application/json',
    'x-api-key': target.apiKey,
    'anthropic-version': ANTHROPIC_VERSION,
    ...target.headers,
  };
  if (betas && betas.length > 0) {
    const configured = (result['anthropic-beta'] ?? '').split(',').map((flag) => flag.trim());
    result['anthropic-beta'] = [...new Set([...configured, ...betas].filter(Boolean))].join(',');
  }
  return result;
}
