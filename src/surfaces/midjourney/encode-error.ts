import { GatewayError } from '../../ir/index.js';
import { MJ_CODE, type MjSubmitAnswer } from '../../providers/midjourney/mj-wire.js';

/**
 * A refusal the proxy gave (code ≠ 1, 21, 22), relayed with its own code and description and an
 * HTTP status that says whose it is: a banned prompt or invalid input is the client's (400), a
 * queue that stayed full on every channel is a 429, anything else the upstream's (502).
 */
export class MjRefusal extends GatewayError {
  readonly mjCode: number;

  constructor(mjCode: number, description: string) {
    super({
      kind: kindOfRefusal(mjCode),
      message: description || `The Midjourney proxy refused the task (code ${mjCode}).`,
      code: `mj_${mjCode}`,
    });
    this.name = 'MjRefusal';
    this.mjCode = mjCode;
  }
}

function kindOfRefusal(code: number): GatewayError['kind'] {
  if (code === MJ_CODE.bannedPrompt || code === MJ_CODE.validationError) return 'invalid_request';
  if (code === MJ_CODE.notFound) return 'not_found';
  if (code === MJ_CODE.queueRejected) return 'rate_limit';
  return 'upstream_error';
}

/**
 * Any failure in the proxy's envelope, `{code, description, result: null}`, with the HTTP status
 * of its kind: the proxy's own codes where it has one (3 not found, 4 validation, 9 failure), and
 * AIHub's refusals (401, 402, 403, 429) as validation errors, which is what proxy clients show.
 */
export function encodeMjError(error: GatewayError): { status: number; body: MjSubmitAnswer } {
  const code =
    error instanceof MjRefusal
      ? error.mjCode
      : error.status === 404
        ? MJ_CODE.notFound
        : error.status < 500
          ? MJ_CODE.validationError
          : MJ_CODE.failure;
  return { status: error.status, body: { code, description: error.message, result: null, properties: {} } };
}
