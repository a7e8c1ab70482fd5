import { withItemReferencesResolved } from '../../stored-responses/item-reference-resolver.js';
import type { StoredResponses } from '../../stored-responses/stored-responses.js';
import type { SurfaceRouteHooks } from './surface-route.js';

/**
 * The Responses route's hooks with `item_reference` inputs resolved first (against the caller's
 * own stored items), so every later step, the route's own `prepare` included, sees items only.
 */
export function resolvingItemReferences(hooks: SurfaceRouteHooks, responses: StoredResponses): SurfaceRouteHooks {
  return {
    ...hooks,
    async prepare(input, caller) {
      const resolved = await withItemReferencesResolved(input, caller.userId, responses);
      return hooks.prepare ? hooks.prepare(resolved, caller) : resolved;
    },
  };
}
