import type { Usage } from '../ir/index.js';

/** The usage as the ledger entry's reason says it: "1200 in, 300 cached, 80 out, 2 × image:1024x1024". */
export function describeUsage(usage: Usage): string {
  const input = usage.inputTokens;
  const output = usage.outputTokens;
  const inTotal = input.total ?? (input.noCache ?? 0) + (input.cacheRead ?? 0) + (input.cacheWrite ?? 0);
  const parts = [`${inTotal} in`];
  if (input.cacheRead) parts.push(`${input.cacheRead} cached`);
  if (input.cacheWrite) parts.push(`${input.cacheWrite} cache-write`);
  if (input.cacheWrite1h) parts.push(`${input.cacheWrite1h} of them 1h`);
  parts.push(`${output.total ?? (output.text ?? 0) + (output.reasoning ?? 0)} out`);
  if (output.reasoning) parts.push(`${output.reasoning} reasoning`);
  if (input.image) parts.push(`${input.image} of them image`);
  if (output.image) parts.push(`${output.image} image out`);
  const searches = usage.serverToolCalls?.webSearch;
  if (searches) parts.push(`${searches} web search${searches === 1 ? '' : 'es'}`);
  for (const [unit, count] of Object.entries(usage.units ?? {})) parts.push(`${count} × ${unit}`);
  return parts.join(', ');
}
