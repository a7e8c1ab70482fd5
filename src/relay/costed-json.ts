import { answerCost, COST_HEADER, costHeaderValue } from './answer-cost.js';
import type { AttemptRun } from './attempt-run.js';

/**
 * Settles, then sends a JSON answer with what it cost: in the `x-aihub-cost` header always, and in
 * the body's usage where the surface has one (Surface.withCost). The body leaves only once the
 * charge for it is committed; a settlement that throws sends nothing (the caller answers the error).
 * Returns the body as sent.
 */
export async function sendCostedJson(
  run: Pick<AttemptRun, 'settle' | 'surface' | 'client'>,
  headers: Record<string, string>,
  body: unknown,
): Promise<unknown> {
  const settlement = await run.settle();
  const sent = run.surface.withCost?.(body, answerCost(settlement)) ?? body;
  run.client.sendJson(200, { ...headers, [COST_HEADER]: costHeaderValue(settlement) }, sent);
  return sent;
}
