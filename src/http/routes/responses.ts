import type { FastifyInstance } from 'fastify';
import { GatewayError } from '../../ir/index.js';
import type { RelayDeps } from '../../relay/relay-deps.js';
import type { RelayCaller } from '../../relay/relay-ports.js';
import { storedResponseRecord } from '../../stored-responses/stored-response-record.js';
import type { StoredResponses } from '../../stored-responses/stored-responses.js';
import { responseItemsForHistory, responsesSurface } from '../../surfaces/responses/index.js';
import type { SurfaceInput } from '../../surfaces/surface.js';
import { registerResponseInputItems } from './response-input-items.js';
import { resolvingItemReferences } from './responses-item-references.js';
import { ownerAndId, responseNotFound } from './stored-response-owner.js';
import { type SurfaceRouteHooks, surfaceHandler } from './surface-route.js';

/** What the Responses routes keep between requests; without it they are stateless. */
export interface ResponsesStoreOptions {
  responses: StoredResponses;
  /** The operator's `responseRetentionDays`, read per request. */
  retentionDays: () => number;
}

/**
 * OpenAI Responses: `POST /v1/responses` (Codex CLI, `client.responses` in the OpenAI SDKs), and
 * for stored responses `GET` and `DELETE /v1/responses/{id}` and `GET /v1/responses/{id}/input_items`.
 * A response is stored unless the client sent `store: false`, after its answer was sent;
 * `previous_response_id` continues one of the caller's own stored responses, and an
 * `item_reference` in `input` names one of their stored items.
 */
export function registerResponses(app: FastifyInstance, deps: RelayDeps, store?: ResponsesStoreOptions): void {
  app.post(
    '/v1/responses',
    surfaceHandler(
      responsesSurface,
      deps,
      store ? resolvingItemReferences(storeHooks(deps, store), store.responses) : {},
    ),
  );

  app.get('/v1/responses/:id', async (request) => {
    const { caller, id } = await ownerAndId(request, deps);
    const found = await store?.responses.find(id, caller.userId);
    if (!found) throw responseNotFound(id);
    return found.response;
  });

  app.delete('/v1/responses/:id', async (request) => {
    const { caller, id } = await ownerAndId(request, deps);
    if (!(await store?.responses.delete(id, caller.userId))) throw responseNotFound(id);
    return { id, object: 'response', deleted: true };
  });

  registerResponseInputItems(app, deps, store?.responses);
}

function storeHooks(deps: RelayDeps, store: ResponsesStoreOptions): SurfaceRouteHooks {
  return {
    async prepare(given: SurfaceInput, caller: RelayCaller): Promise<SurfaceInput> {
      const input = willStore(given.body, store.retentionDays()) ? { ...given, storesAnswer: true } : given;
      const previousId = previousResponseId(input.body);
      if (previousId === undefined) return input;
      const previous = await store.responses.find(previousId, caller.userId);
      if (!previous) {
        throw new GatewayError({
          kind: 'not_found',
          message: `Previous response with id '${previousId.slice(0, 200)}' not found.`,
          param: 'previous_response_id',
          code: 'previous_response_not_found',
        });
      }
      return { ...input, history: responseItemsForHistory(previous.requestItems, previous.output) };
    },
    finished(trace, caller, input) {
      if (!input) return;
      const record = storedResponseRecord(trace, caller, input, {
        retentionDays: store.retentionDays(),
        now: deps.now(),
      });
      // Not awaited by anyone who waits for the answer: it was sent already.
      if (record) void store.responses.saveInBackground(record);
    },
  };
}

/** Whether the answer to this body will be stored (storedResponseRecord decides the rest once it is known). */
function willStore(body: unknown, retentionDays: number): boolean {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return false;
  return (body as Record<string, unknown>).store !== false && retentionDays > 0;
}

/** A non-empty string `previous_response_id`; anything else is left to the decoder to refuse. */
function previousResponseId(body: unknown): string | undefined {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const id = (body as Record<string, unknown>).previous_response_id;
  return typeof id === 'string' && id.length > 0 ? id : undefined;
}
