/**
 * Gemini wire shapes: request facts, response chunks (thought parts, thoughtSignature placement,
 * usageMetadata), the API's JSON spacing in SSE and error envelopes.
 */
import { type Plan, partsText, type RequestFacts } from './content.js';
import { estimatePromptTokens, signatureFor, splitPieces } from './tokens.js';
import type { Json, RecordedRequest } from './types.js';

/** JSON the way the Gemini API writes SSE data: `"key": value` pairs joined by `,` without a space. */
export function googleJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(googleJson).join(',')}]`;
  const parts: string[] = [];
  for (const [k, x] of Object.entries(v)) if (x !== undefined) parts.push(`${JSON.stringify(k)}: ${googleJson(x)}`);
  return `{${parts.join(',')}}`;
}

const STATUS: Record<number, [string, string]> = {
  400: ['INVALID_ARGUMENT', 'Request contains an invalid argument.'],
  401: ['UNAUTHENTICATED', 'Request had invalid authentication credentials.'],
  403: ['PERMISSION_DENIED', 'The caller does not have permission'],
  404: ['NOT_FOUND', 'Requested entity was not found.'],
  429: ['RESOURCE_EXHAUSTED', 'You exceeded your current quota, please check your plan and billing details.'],
  500: [
    'INTERNAL',
    'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting',
  ],
  503: ['UNAVAILABLE', 'The model is overloaded. Please try again later.'],
  504: ['DEADLINE_EXCEEDED', 'The request timed out. Please try again.'],
};

/** The `error` object of a Google API error for a status. */
export function googleError(status: number, message?: string, errorStatus?: string, retryAfterSeconds?: number) {
  const [s, m] = STATUS[status] ?? ['UNKNOWN', `HTTP ${status}`];
  const error: Record<string, unknown> = { code: status, message: message ?? m, status: errorStatus ?? s };
  const details: unknown[] = [];
  if (status === 429) {
    details.push({
      '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
      violations: [
        {
          quotaMetric: 'generativelanguage.googleapis.com/generate_content_free_tier_requests',
          quotaId: 'GenerateRequestsPerMinutePerProjectPerModel-FreeTier',
        },
      ],
    });
  }
  if (retryAfterSeconds !== undefined) {
    details.push({ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${retryAfterSeconds}s` });
  }
  if (details.length > 0) error.details = details;
  return error;
}

export function isGemini3(model: string): boolean {
  return /^gemini-3/.test(model);
}

function thinksByDefault(model: string): boolean {
  return /^gemini-(2\.5-(pro|flash(?!-lite))|3)/.test(model);
}

export function geminiFacts(req: RecordedRequest, model: string, label: string): RequestFacts {
  const b = req.body ?? {};
  const contents: Json[] = Array.isArray(b.contents) ? b.contents : [];
  const last = contents[contents.length - 1];
  const responses = (Array.isArray(last?.parts) ? last.parts : []).filter(
    (p: Json) => p?.functionResponse ?? p?.function_response,
  );
  const lastUser = [...contents].reverse().find((c) => (c?.role ?? 'user') === 'user' && partsText(c?.parts) !== '');
  const tools: RequestFacts['tools'] = [];
  for (const t of Array.isArray(b.tools) ? b.tools : []) {
    for (const d of t?.functionDeclarations ?? t?.function_declarations ?? []) {
      if (d?.name)
        tools.push({ name: d.name, schema: d.parameters ?? d.parametersJsonSchema ?? d.parameters_json_schema });
    }
  }
  const gc = b.generationConfig ?? b.generation_config ?? {};
  const tc = gc.thinkingConfig ?? gc.thinking_config ?? {};
  const include = tc.includeThoughts ?? tc.include_thoughts;
  const budget = tc.thinkingBudget ?? tc.thinking_budget;
  const reasoning = include === true ? 'visible' : thinksByDefault(model) && budget !== 0 ? 'hidden' : 'none';
  const mime = gc.responseMimeType ?? gc.response_mime_type;
  const schema = gc.responseJsonSchema ?? gc.responseSchema ?? gc.response_json_schema ?? gc.response_schema;
  return {
    label,
    model,
    lastUserText: partsText(lastUser?.parts),
    lastIsToolResult: responses.length > 0,
    toolResultText: responses
      .map((p: Json) => JSON.stringify((p.functionResponse ?? p.function_response).response ?? {}))
      .join('\n'),
    tools,
    reasoning,
    json: mime === 'application/json' ? { schema } : undefined,
    maxTokens: gc.maxOutputTokens ?? gc.max_output_tokens,
    stopSequences: Array.isArray(gc.stopSequences ?? gc.stop_sequences)
      ? (gc.stopSequences ?? gc.stop_sequences)
      : undefined,
    inputTokens: estimatePromptTokens(b.systemInstruction ?? b.system_instruction, contents, b.tools),
  };
}

type Part = Record<string, unknown>;

const FINISH: Record<Plan['stop'], string> = { stop: 'STOP', length: 'MAX_TOKENS', tool_calls: 'STOP' };

function callPart(c: Plan['toolCalls'][number]): Part {
  let args: unknown = {};
  try {
    args = JSON.parse(c.arguments || '{}');
  } catch {}
  const fc: Part = { name: c.name, args };
  if (c.id) fc.id = c.id;
  return { functionCall: fc };
}

/**
 * Response objects: one per stream chunk, or (merged) the single generateContent response.
 * thoughtSignature placement follows the recordings: Gemini 3 puts it on the first functionCall, or
 * for a text answer on a final empty text part (on the text part itself when not streamed); earlier
 * thinking models put it on the first part after the thoughts, when thoughts are shown or tools declared.
 */
export function geminiChunks(plan: Plan, responseId: string, toolsDeclared: boolean, merged: boolean): object[] {
  const gemini3 = isGemini3(plan.model);
  const signature = signatureFor(plan.reasoning || plan.text);
  let pendingSig = gemini3 || (plan.reasoning && (plan.reasoningVisible || toolsDeclared)) ? signature : '';
  const groups: { parts: Part[]; visible: number }[] = [];
  const take = (part: Part) => {
    if (pendingSig) part.thoughtSignature = pendingSig;
    pendingSig = '';
    return part;
  };
  const pieces = (text: string) => (merged ? (text ? [text] : []) : splitPieces(text, plan.chunkCount));
  if (plan.reasoningVisible) {
    for (const p of pieces(plan.reasoning)) groups.push({ parts: [{ text: p, thought: true }], visible: 0 });
  }
  const textPieces = pieces(plan.text);
  textPieces.forEach((p, i) => {
    // Gemini 3 streams keep the signature for the function call or the final empty part.
    const part: Part = { text: p };
    const sign = !gemini3 || merged ? i === 0 && (!gemini3 || plan.toolCalls.length === 0) : false;
    groups.push({ parts: [sign ? take(part) : part], visible: p.length });
  });
  for (const c of plan.toolCalls) groups.push({ parts: [take(callPart(c))], visible: 1 });
  if (groups.every((g) => g.visible === 0) || (gemini3 && !merged)) {
    groups.push({ parts: [plan.toolCalls.length === 0 ? take({ text: '' }) : { text: '' }], visible: 0 });
  }
  if (merged) groups.splice(0, groups.length, { parts: groups.flatMap((g) => g.parts), visible: 1 });

  const u = plan.usage;
  const candidatesTotal = Math.max(0, u.output - u.reasoning);
  const visibleTotal = groups.reduce((s, g) => s + g.visible, 0) || 1;
  let visibleSoFar = 0;
  const finish = plan.finishReason ?? FINISH[plan.stop];
  return groups.map((g, i) => {
    visibleSoFar += g.visible;
    const isLast = i === groups.length - 1;
    const candidates = isLast ? candidatesTotal : Math.round((candidatesTotal * visibleSoFar) / visibleTotal);
    const usageMetadata: Record<string, unknown> = { promptTokenCount: u.input };
    if (visibleSoFar > 0 || isLast) usageMetadata.candidatesTokenCount = candidates;
    usageMetadata.totalTokenCount = u.input + candidates + u.reasoning;
    if (u.cached > 0) usageMetadata.cachedContentTokenCount = u.cached;
    usageMetadata.promptTokensDetails = [{ modality: 'TEXT', tokenCount: u.input }];
    if (u.reasoning > 0) usageMetadata.thoughtsTokenCount = u.reasoning;
    const candidate: Record<string, unknown> = { content: { parts: g.parts, role: 'model' } };
    if (isLast) candidate.finishReason = finish;
    candidate.index = 0;
    return { candidates: [candidate], usageMetadata, modelVersion: plan.model, responseId };
  });
}
