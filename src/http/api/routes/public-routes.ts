/**
 * What a visitor sees before signing in: the operator's branding and live announcements, and the
 * models on offer with prices as the operator chooses (site-settings.ts `publicModels`).
 */
import type { Announcement, AnnouncementService } from '../../../announcements/announcement-service.js';
import type { PriceBook } from '../../../billing/price-book.js';
import type { CatalogService } from '../../../catalog/catalog-service.js';
import type { Settings } from '../../../platform/settings.js';
import type { ApiRegistry } from '../api-route.js';
import { modelView, uncataloguedModelView } from './catalog-routes.js';
import { publicModelsResponse, publicSiteResponse } from './public-schemas.js';

const TAGS = ['public'];

export interface PublicRouteServices {
  settings: { readonly value: Settings };
  announcements: AnnouncementService;
  catalog: CatalogService;
  priceBook: PriceBook;
  /** The model ids the gateway routes now (the router's list), with their vendor. */
  routableModels: () => ReadonlyArray<{ id: string; ownedBy: string }>;
}

export function publicAnnouncement(announcement: Announcement) {
  const { id, title, body, startsAt, endsAt, pinned } = announcement;
  return { id, title, body, startsAt, endsAt, pinned };
}

export function registerPublicRoutes(api: ApiRegistry, services: PublicRouteServices): void {
  api.route(
    {
      method: 'GET',
      url: '/api/public/site',
      summary: 'The operator’s name, logo, tagline, footer, what is public, and the announcements live now',
      tags: TAGS,
      access: 'public',
      response: publicSiteResponse,
    },
    async ({ reply }) => {
      const { site, registrationEnabled, publicModels } = services.settings.value;
      reply.header('cache-control', 'no-store');
      const live = await services.announcements.live();
      return { ...site, registrationEnabled, publicModels, announcements: live.map(publicAnnouncement) };
    },
  );

  api.route(
    {
      method: 'GET',
      url: '/api/public/models',
      summary:
        'The models the gateway serves, for visitors: none, without prices, or with the default group’s prices, as the operator chooses',
      tags: TAGS,
      access: 'public',
      response: publicModelsResponse,
    },
    async ({ reply }) => {
      const { publicModels: visibility, defaultGroup: group } = services.settings.value;
      reply.header('cache-control', 'no-store');
      if (visibility === 'hidden') return { visibility, group, data: [] };
      const catalog = services.catalog.current;
      const seen = new Set<string>();
      const data = [];
      for (const listed of services.routableModels()) {
        const model = catalog.get(listed.ownedBy, listed.id) ?? catalog.findById(listed.id)[0];
        const view = model
          ? modelView(model, services.priceBook, group)
          : uncataloguedModelView(listed, services.priceBook, group);
        if (!view || seen.has(`${view.provider}/${view.id}`)) continue;
        seen.add(`${view.provider}/${view.id}`);
        data.push(visibility === 'prices' ? view : { ...view, pricesKnown: false, official: null, sale: null });
      }
      data.sort((a, b) => a.id.localeCompare(b.id));
      return { visibility, group, data };
    },
  );
}
