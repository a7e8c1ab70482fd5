import type { RelayTrace } from './relay-trace.js';

/** Tokens the request really used (for the per-minute token limit), or undefined to keep the estimate. */
export function billedTokens(trace: RelayTrace): number | undefined {
  if (trace.cached) return 0;
  const usage = trace.settlement?.usage;
  if (!usage) return trace.meter?.delivered ? undefined : 0;
  const input = usage.inputTokens;
  const output = usage.outputTokens;
  const prompt = input.total ?? (input.noCache ?? 0) + (input.cacheRead ?? 0) + (input.cacheWrite ?? 0);
  return prompt + (output.total ?? (output.text ?? 0) + (output.reasoning ?? 0));
}
