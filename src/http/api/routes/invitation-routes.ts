import type { InvitationService } from '../../../invitations/invitation-service.js';
import type { InviteReward } from '../../../platform/site-settings.js';
import type { ApiRegistry } from '../api-route.js';
import { inviteResponse } from './public-schemas.js';

/** A user's invite code and what it has earned (invitations/invitation-service.ts). */
export function registerInvitationRoutes(
  api: ApiRegistry,
  services: { invitations: InvitationService; settings: { readonly value: { inviteReward: InviteReward } } },
): void {
  api.route(
    {
      method: 'GET',
      url: '/api/account/invite',
      summary: 'Your invite code, how many signed up and paid with it, and the rewards it earned you',
      tags: ['account'],
      access: 'user',
      response: inviteResponse,
    },
    async ({ principal }) => ({
      ...(await services.invitations.summary(principal.userId)),
      reward: services.settings.value.inviteReward,
    }),
  );
}
