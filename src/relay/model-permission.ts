import { GatewayError } from '../ir/index.js';
import type { RelayCaller } from './relay-ports.js';

/** The key's model rules, the same for every endpoint that names a model: a 403 when the key may not use it. */
export function assertModelAllowed(caller: Pick<RelayCaller, 'allowsModel'>, model: string): void {
  if (caller.allowsModel(model)) return;
  throw new GatewayError({
    kind: 'permission',
    message: `This API key may not use the model '${model}'.`,
    param: 'model',
    code: 'model_not_allowed',
  });
}
