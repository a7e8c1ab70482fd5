/**
 * The IR carries logprobs in OpenAI's shape (`{content: [{token, logprob, top_logprobs}]}`);
 * Gemini answers `logprobsResult: {chosenCandidates: [{token, logProbability}], topCandidates:
 * [{candidates: [...]}]}`. Anything not in OpenAI's shape gives undefined (nothing to report).
 */
export interface GeminiLogprobsResult {
  chosenCandidates: Array<{ token: string; logProbability: number }>;
  topCandidates: Array<{ candidates: Array<{ token: string; logProbability: number }> }>;
}

export function encodeLogprobs(value: unknown): GeminiLogprobsResult | undefined {
  if (value === null || typeof value !== 'object' || !('content' in value) || !Array.isArray(value.content)) {
    return undefined;
  }
  const entries = value.content.filter(isTokenLogprob);
  if (entries.length === 0) return undefined;
  return {
    chosenCandidates: entries.map(candidate),
    topCandidates: entries.map((entry) => ({
      candidates: (Array.isArray(entry.top_logprobs) ? entry.top_logprobs : []).filter(isTokenLogprob).map(candidate),
    })),
  };
}

interface TokenLogprob {
  token: string;
  logprob: number;
  top_logprobs?: unknown;
}

function isTokenLogprob(value: unknown): value is TokenLogprob {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as TokenLogprob).token === 'string' &&
    typeof (value as TokenLogprob).logprob === 'number'
  );
}

function candidate(entry: TokenLogprob): { token: string; logProbability: number } {
  return { token: entry.token, logProbability: entry.logprob };
}
