import { describe, expect, it } from 'vitest';
import { convertGeminiLogprobs } from './convert-logprobs.js';

describe('convertGeminiLogprobs', () => {
  it('converts chosen and top candidates to the OpenAI shape', () => {
    const result = convertGeminiLogprobs({
      chosenCandidates: [
        { token: '2', tokenId: 236778, logProbability: -0.0197 },
        { token: ' é', logProbability: -0.5 },
      ],
      topCandidates: [
        {
          candidates: [
            { token: '2', logProbability: -0.0197 },
            { token: '4', logProbability: -4.13 },
          ],
        },
      ],
    });
    expect(result).toEqual({
      content: [
        {
          token: '2',
          logprob: -0.0197,
          bytes: [50],
          top_logprobs: [
            { token: '2', logprob: -0.0197, bytes: [50] },
            { token: '4', logprob: -4.13, bytes: [52] },
          ],
        },
        { token: ' é', logprob: -0.5, bytes: [32, 195, 169], top_logprobs: [] },
      ],
    });
  });

  it('returns undefined when there is nothing', () => {
    expect(convertGeminiLogprobs(undefined)).toBeUndefined();
    expect(convertGeminiLogprobs({ chosenCandidates: [] })).toBeUndefined();
    expect(convertGeminiLogprobs('junk')).toBeUndefined();
  });
});
