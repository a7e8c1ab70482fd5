import { z } from 'zod';

/** Gemini `Candidate.logprobsResult`, read leniently. */
const logprobsCandidateSchema = z.object({
  token: z.string().optional(),
  logProbability: z.number().optional(),
});

const logprobsResultSchema = z.object({
  chosenCandidates: z.array(logprobsCandidateSchema).optional(),
  topCandidates: z.array(z.object({ candidates: z.array(logprobsCandidateSchema).optional() })).optional(),
});

type LogprobsCandidate = z.infer<typeof logprobsCandidateSchema>;

export interface OpenAiTokenLogprob {
  token: string;
  logprob: number;
  bytes: number[];
  top_logprobs: Array<{ token: string; logprob: number; bytes: number[] }>;
}

/**
 * Gemini's `logprobsResult` to OpenAI's `logprobs` object (`{content: [...]}`), the shape the IR
 * passes through. Returns undefined when there is nothing to report.
 */
export function convertGeminiLogprobs(value: unknown): { content: OpenAiTokenLogprob[] } | undefined {
  const parsed = logprobsResultSchema.safeParse(value);
  if (!parsed.success || !parsed.data.chosenCandidates?.length) return undefined;
  const top = parsed.data.topCandidates ?? [];
  const content = parsed.data.chosenCandidates.map((chosen, index) => ({
    ...tokenLogprob(chosen),
    top_logprobs: (top[index]?.candidates ?? []).map(tokenLogprob),
  }));
  return { content };
}

function tokenLogprob(candidate: LogprobsCandidate): { token: string; logprob: number; bytes: number[] } {
  const token = candidate.token ?? '';
  return { token, logprob: candidate.logProbability ?? 0, bytes: [...Buffer.from(token, 'utf8')] };
}
