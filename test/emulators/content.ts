/**
 * Vendor-neutral answer planning: from the facts each vendor extracts from its request, decide the
 * text, reasoning, tool calls, stop kind and usage of a deterministic answer.
 */

import { type CacheBreakpoints, oneHourWrites } from './anthropic-cache-ttl.js';
import { estimateTokens, exampleArguments, exampleFromSchema } from './tokens.js';
import type { ScriptStep } from './types.js';

export interface RequestFacts {
  /** Name used in `Hello from <label> emulator: …`. */
  label: string;
  model: string;
  /** Text of the last user message (text parts joined). */
  lastUserText: string;
  /** The last message carries tool/function results. */
  lastIsToolResult: boolean;
  toolResultText: string;
  tools: { name: string; schema?: unknown }[];
  /** `visible`: reasoning text is sent; `hidden`: only counted in usage (OpenAI o-series, Gemini without includeThoughts). */
  reasoning: 'none' | 'visible' | 'hidden';
  /** JSON output requested; `schema` when one was given. */
  json?: { schema?: unknown };
  maxTokens?: number;
  /** Anthropic `stop_sequences`, OpenAI `stop`, Gemini `stopSequences`: the answer ends before the first one found. */
  stopSequences?: string[];
  inputTokens: number;
  /** Anthropic: where the request's one-hour cache breakpoints fall (none: every write is 5 min). */
  oneHourCache?: CacheBreakpoints;
  /**
   * Anthropic: the text of a last assistant message, which the answer continues (prefill): the
   * answer is what follows it in the text the emulator would have answered whole.
   */
  prefill?: string;
}

export interface PlannedToolCall {
  id?: string;
  name: string;
  /** Serialised JSON arguments. */
  arguments: string;
}

export interface Plan {
  text: string;
  /** Reasoning text, '' when none. */
  reasoning: string;
  /** Whether the reasoning text is sent (else only its tokens are reported). */
  reasoningVisible: boolean;
  toolCalls: PlannedToolCall[];
  stop: 'stop' | 'length' | 'tool_calls';
  /** The stop sequence that ended the text (its stop is then `stop`; Anthropic says `stop_sequence`). */
  stopSequence?: string;
  /** Raw vendor finish reason from the script, if any. */
  finishReason?: string;
  /** `cacheWrite` is every cache write; `cacheWrite1h` the one-hour part of it. */
  usage: { input: number; output: number; reasoning: number; cached: number; cacheWrite: number; cacheWrite1h: number };
  chunkCount: number;
  model: string;
  /** Web searches the vendor reports it ran (ScriptStep.webSearches). */
  webSearches: number;
}

export function defaultText(facts: RequestFacts): string {
  const prefix = `Hello from ${facts.label} emulator: `;
  return facts.lastIsToolResult ? `${prefix}tool result ${facts.toolResultText}` : prefix + facts.lastUserText;
}

export function defaultReasoning(facts: RequestFacts): string {
  const subject = facts.lastIsToolResult ? `the tool result ${facts.toolResultText}` : `"${facts.lastUserText}"`;
  return `The user sent ${subject}. I will answer by echoing it back.`;
}

function jsonText(facts: RequestFacts): string {
  const schema = facts.json?.schema;
  if (schema && typeof schema === 'object') return JSON.stringify(exampleFromSchema(schema));
  return JSON.stringify({ message: defaultText(facts) });
}

function plannedCalls(facts: RequestFacts, step: ScriptStep): PlannedToolCall[] {
  const forced = step.toolCalls;
  if (forced === false) return [];
  if (Array.isArray(forced)) {
    return forced.map((c) => ({
      id: c.id,
      name: c.name,
      arguments: typeof c.arguments === 'string' ? c.arguments : JSON.stringify(c.arguments ?? {}),
    }));
  }
  const auto = facts.tools.length > 0 && !facts.lastIsToolResult && /weather/i.test(facts.lastUserText);
  if (forced !== true && !auto) return [];
  const tool = facts.tools[0] ?? {
    name: 'get_weather',
    schema: { type: 'object', properties: { location: { type: 'string' } } },
  };
  const parallel = step.parallel ?? /parallel/i.test(facts.lastUserText);
  const count = parallel ? 2 : 1;
  const calls: PlannedToolCall[] = [];
  for (let i = 0; i < count; i++) {
    calls.push({ name: tool.name, arguments: JSON.stringify(exampleArguments(tool.schema, i)) });
  }
  return calls;
}

export function planResponse(
  facts: RequestFacts,
  step: ScriptStep,
  defaults: { chunkCount: number; alwaysReason?: boolean },
): Plan {
  const toolCalls = plannedCalls(facts, step);
  let text: string;
  if (step.text !== undefined) text = step.text;
  else if (toolCalls.length > 0) text = '';
  else if (facts.json) text = jsonText(facts);
  else text = defaultText(facts);
  if (facts.prefill && text.startsWith(facts.prefill)) text = text.slice(facts.prefill.length);

  let reasoning = '';
  let reasoningVisible = false;
  const mode = defaults.alwaysReason && facts.reasoning === 'none' ? 'visible' : facts.reasoning;
  if (typeof step.reasoning === 'string') {
    reasoning = step.reasoning;
    reasoningVisible = true;
  } else if (step.reasoning === true || (step.reasoning === undefined && mode !== 'none')) {
    reasoning = defaultReasoning(facts);
    reasoningVisible = step.reasoning === true || mode === 'visible';
  }

  let stop: Plan['stop'] = toolCalls.length > 0 ? 'tool_calls' : 'stop';
  const stopAt = toolCalls.length === 0 ? firstStopSequence(text, facts.stopSequences) : undefined;
  if (stopAt) text = text.slice(0, stopAt.index);
  if (toolCalls.length === 0 && step.text === undefined && facts.maxTokens !== undefined && facts.maxTokens > 0) {
    if (estimateTokens(text) > facts.maxTokens) {
      text = Array.from(text)
        .slice(0, facts.maxTokens * 4)
        .join('');
      stop = 'length';
    }
  }

  const u = step.usage ?? {};
  const cacheWrite = u.cacheWriteTokens ?? 0;
  const reasoningTokens = u.reasoningTokens ?? estimateTokens(reasoning);
  const visibleOut = estimateTokens(text) + toolCalls.reduce((n, c) => n + estimateTokens(c.name + c.arguments), 0);
  return {
    text,
    reasoning,
    reasoningVisible,
    toolCalls,
    stop,
    stopSequence: stop === 'stop' ? stopAt?.sequence : undefined,
    finishReason: step.finishReason,
    usage: {
      input: u.inputTokens ?? facts.inputTokens,
      output: u.outputTokens ?? Math.max(1, visibleOut + reasoningTokens),
      reasoning: reasoningTokens,
      cached: u.cachedTokens ?? 0,
      cacheWrite,
      cacheWrite1h: Math.min(cacheWrite, u.cacheWrite1hTokens ?? oneHourWrites(cacheWrite, facts.oneHourCache)),
    },
    chunkCount: Math.max(1, step.chunkCount ?? defaults.chunkCount),
    model: step.responseModel ?? facts.model,
    webSearches: Math.max(0, Math.floor(step.webSearches ?? 0)),
  };
}

/** The earliest stop sequence in the text, as vendors match them (the text ends before it). */
function firstStopSequence(
  text: string,
  sequences: string[] | undefined,
): { index: number; sequence: string } | undefined {
  let found: { index: number; sequence: string } | undefined;
  for (const sequence of sequences ?? []) {
    if (sequence === '') continue;
    const index = text.indexOf(sequence);
    if (index >= 0 && (!found || index < found.index)) found = { index, sequence };
  }
  return found;
}

/** Joined text of content that is a string or a list of `{type:'text', text}` parts. */
export function partsText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  const out: string[] = [];
  for (const p of content) {
    if (typeof p === 'string') out.push(p);
    else if (p && typeof p === 'object' && typeof (p as { text?: unknown }).text === 'string') {
      out.push((p as { text: string }).text);
    }
  }
  return out.join('');
}
