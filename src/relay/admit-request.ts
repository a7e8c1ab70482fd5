import type { LimitTicket } from '../limits/limit-types.js';
import type { RelayDeps } from './relay-deps.js';
import type { RelayCaller } from './relay-ports.js';

/** Admits one request of the caller under its key's and user's limits and the operator's per-model ones. */
export function admitRequest(
  deps: Pick<RelayDeps, 'limits' | 'modelLimits'>,
  caller: RelayCaller,
  model: string,
  estimatedTokens: number,
): Promise<LimitTicket> {
  return deps.limits.admit({
    caller,
    model,
    estimatedTokens,
    limits: { ...caller.limits, modelOverrides: deps.modelLimits() },
  });
}
