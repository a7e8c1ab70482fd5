import { describe, expect, it } from 'vitest';
import { convertGeminiLogprobs } from '../../providers/gemini/convert-logprobs.js';
import { encodeLogprobs } from './encode-logprobs.js';

describe('encodeLogprobs', () => {
  it('round-trips what the Gemini provider read', () => {
    const recorded = {
      chosenCandidates: [
        { token: 'Hi', logProbability: -0.1 },
        { token: '!', logProbability: -0.5 },
      ],
      topCandidates: [
        {
          candidates: [
            { token: 'Hi', logProbability: -0.1 },
            { token: 'Hello', logProbability: -2 },
          ],
        },
        { candidates: [{ token: '!', logProbability: -0.5 }] },
      ],
    };
    expect(encodeLogprobs(convertGeminiLogprobs(recorded))).toEqual(recorded);
  });

  it('reports nothing for a shape it does not know', () => {
    expect(encodeLogprobs(null)).toBeUndefined();
    expect(encodeLogprobs({ content: [{ token: 1 }] })).toBeUndefined();
    expect(encodeLogprobs([1, 2])).toBeUndefined();
  });
});
