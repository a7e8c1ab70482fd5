import type { FastifyInstance } from 'fastify';
import type { RelayDeps } from '../../relay/relay-deps.js';
import type { StoredResponses } from '../../stored-responses/stored-responses.js';
import { inputItemsPage, parseInputItemsQuery, withItemIds } from '../../surfaces/responses/index.js';
import { ownerAndId, responseNotFound } from './stored-response-owner.js';

/**
 * `GET /v1/responses/{id}/input_items` (`client.responses.inputItems.list` in the OpenAI SDKs): the
 * items a stored response was given, the conversation carried in by `previous_response_id`
 * included, as OpenAI lists them: `{object: "list", data, first_id, last_id, has_more}`, newest
 * first unless `order=asc`. Owner-checked like `GET /v1/responses/{id}`; a bad query is a 400.
 */
export function registerResponseInputItems(
  app: FastifyInstance,
  deps: RelayDeps,
  responses: StoredResponses | undefined,
): void {
  app.get('/v1/responses/:id/input_items', async (request) => {
    const { caller, id } = await ownerAndId(request, deps);
    const query = parseInputItemsQuery((request.query ?? {}) as Record<string, unknown>);
    const found = await responses?.find(id, caller.userId);
    if (!found) throw responseNotFound(id);
    // Rows stored before items had ids get the ones they would have been given (input-item-ids.ts).
    return inputItemsPage(withItemIds(found.requestItems, found.id), query);
  });
}
