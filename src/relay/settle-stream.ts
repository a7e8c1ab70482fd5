import type { GatewayError } from '../ir/index.js';
import type { AnswerCost } from '../surfaces/surface.js';
import { answerCost } from './answer-cost.js';
import { attemptFailure } from './attempt-failure.js';
import type { AttemptRun } from './attempt-run.js';
import type { RelayDeps } from './relay-deps.js';
import type { StreamOutput } from './stream-output.js';

/**
 * Settles a stream before its last bytes (the closing events the output held back), translated
 * or passed through alike. A settlement that fails drops those bytes and returns the error the
 * stream ends with instead, so a client never reads a finished answer that was not billed.
 * Settled: what it cost, for the closing frames to repeat.
 */
export async function settleBeforeLastBytes(
  run: Pick<AttemptRun, 'settle' | 'requestId'>,
  output: Pick<StreamOutput, 'dropHeld'>,
  deps: Pick<RelayDeps, 'logger'>,
): Promise<{ cost: AnswerCost; error?: undefined } | { cost?: undefined; error: GatewayError }> {
  try {
    return { cost: answerCost(await run.settle()) };
  } catch (thrown) {
    deps.logger.error({ requestId: run.requestId, err: thrown }, 'settlement failed: the stream ends with an error');
    output.dropHeld();
    return { error: attemptFailure(thrown, false).error };
  }
}
