import type { AnnouncementService } from '../../../announcements/announcement-service.js';
import type { ApiRegistry } from '../api-route.js';
import {
  announcementBody,
  announcementListResponse,
  announcementParams,
  announcementSchema,
} from './public-schemas.js';

const TAGS = ['announcements'];

/** The operator's announcements: list, publish, edit, delete (shown via GET /api/public/site). */
export function registerAnnouncementRoutes(api: ApiRegistry, announcements: AnnouncementService): void {
  api.route(
    {
      method: 'GET',
      url: '/api/admin/announcements',
      summary: 'Every announcement, newest start first',
      tags: TAGS,
      access: 'admin',
      response: announcementListResponse,
    },
    async () => ({ data: await announcements.list() }),
  );
  api.route(
    {
      method: 'POST',
      url: '/api/admin/announcements',
      summary: 'Publish an announcement (title and Markdown body in English and Chinese, start, end, pinned)',
      tags: TAGS,
      access: 'admin',
      body: announcementBody,
      response: announcementSchema,
      status: 201,
    },
    async ({ body, principal }) => announcements.create(body, principal.userId),
  );
  api.route(
    {
      method: 'PUT',
      url: '/api/admin/announcements/:id',
      summary: 'Replace an announcement’s text, dates and pin',
      tags: TAGS,
      access: 'admin',
      params: announcementParams,
      body: announcementBody,
      response: announcementSchema,
    },
    async ({ body, params }) => announcements.update(params.id, body),
  );
  api.route(
    {
      method: 'DELETE',
      url: '/api/admin/announcements/:id',
      summary: 'Delete an announcement',
      tags: TAGS,
      access: 'admin',
      params: announcementParams,
      status: 204,
    },
    async ({ params }) => {
      await announcements.remove(params.id);
      return undefined;
    },
  );
}
