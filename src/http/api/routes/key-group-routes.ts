/**
 * Key groups (令牌分组): which groups users may pick for an API key, each with its price
 * multiplier. The list lives in the operator settings (`keyGroups`); the multiplier is the group
 * price rule, so one number prices a group whether a user is in it or only their key.
 */
import { z } from 'zod';
import { keyGroupSchema, keyGroupsSchema } from '../../../accounts/key-groups.js';
import type { UserService } from '../../../accounts/user-service.js';
import type { PriceBook } from '../../../billing/price-book.js';
import { multiplierPpmSchema, savePriceRules } from '../../../billing/price-rules.js';
import { PPM } from '../../../billing/price-types.js';
import type { SettingsService } from '../../../platform/settings.js';
import type { Store } from '../../../store/database.js';
import type { ApiRegistry } from '../api-route.js';

export interface KeyGroupRouteServices {
  store: Store;
  settings: SettingsService;
  priceBook: PriceBook;
  users: UserService;
  now: () => number;
  newId: (prefix: string) => string;
}

const multiplierPpm = z
  .number()
  .int()
  .describe('The group price multiplier in parts per million (1,000,000 = 1×), from the group price rule');

const pickableGroupSchema = z.object({
  name: z.string(),
  description: z.string(),
  multiplierPpm,
  own: z.boolean().describe('The caller’s own group (always available)'),
});

const adminGroupSchema = z.object({
  name: z.string(),
  description: z.string(),
  selectable: z.boolean(),
  multiplierPpm,
});

const adminGroupsBody = z.strictObject({
  groups: z
    .array(keyGroupSchema.extend({ multiplierPpm: multiplierPpmSchema.optional() }))
    .max(100)
    .refine((groups) => new Set(groups.map((group) => group.name)).size === groups.length, {
      message: 'Group names must be unique',
    })
    .describe('Every key group, replacing the list; a multiplierPpm sets that group’s price rule'),
});

export function registerKeyGroupRoutes(api: ApiRegistry, services: KeyGroupRouteServices): void {
  const multiplierOf = (group: string) => services.priceBook.currentRules.groups[group] ?? PPM;
  const adminView = () =>
    services.settings.value.keyGroups.map((group) => ({ ...group, multiplierPpm: multiplierOf(group.name) }));

  api.route(
    {
      method: 'GET',
      url: '/api/key-groups',
      summary: 'The groups you may pick for an API key, each with its price multiplier (your own group first)',
      tags: ['keys'],
      access: 'user',
      response: z.object({ data: z.array(pickableGroupSchema) }),
    },
    async ({ principal }) => {
      // A key-authenticated caller's principal carries the key's group: the owner's is in the row.
      const own = (await services.users.require(principal.userId)).group;
      const data = [{ name: own, description: '', multiplierPpm: multiplierOf(own), own: true }];
      for (const group of services.settings.value.keyGroups) {
        if (group.selectable && group.name !== own) {
          data.push({
            name: group.name,
            description: group.description,
            multiplierPpm: multiplierOf(group.name),
            own: false,
          });
        }
      }
      return { data };
    },
  );

  api.route(
    {
      method: 'GET',
      url: '/api/admin/key-groups',
      summary: 'Every key group with its description, whether users may pick it, and its price multiplier',
      tags: ['admin'],
      access: 'admin',
      response: z.object({ data: z.array(adminGroupSchema) }),
    },
    async () => ({ data: adminView() }),
  );

  api.route(
    {
      method: 'PUT',
      url: '/api/admin/key-groups',
      summary: 'Replace the key groups; keys in a group removed or made unselectable are refused (403) at once',
      tags: ['admin'],
      access: 'admin',
      body: adminGroupsBody,
      response: z.object({ data: z.array(adminGroupSchema) }),
    },
    async ({ body }) => {
      // The body is checked by the same rules: this parse only drops multiplierPpm.
      const groups = keyGroupsSchema.parse(body.groups.map(({ multiplierPpm: _ppm, ...group }) => group));
      const multipliers = body.groups.filter((group) => group.multiplierPpm !== undefined);
      if (multipliers.length > 0) {
        const rules = services.priceBook.currentRules;
        const next = { ...rules.groups };
        for (const group of multipliers) next[group.name] = group.multiplierPpm!;
        await savePriceRules(services.store, { ...rules, groups: next }, services.now(), services.newId);
        await services.priceBook.reload();
      }
      await services.settings.update({ keyGroups: groups });
      return { data: adminView() };
    },
  );
}
