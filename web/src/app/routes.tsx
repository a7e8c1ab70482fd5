import type { ComponentType } from 'react';
import { Navigate, type RouteObject } from 'react-router';
import { LoginPage } from '../features/auth/LoginPage';
import { RegisterPage } from '../features/auth/RegisterPage';
import { NotFoundRoute } from '../features/errors/NotFoundPage';
import { FullPageSpinner } from './FullPageSpinner';
import { GuestOnly, RequireAdmin, RequireAuth } from './guards';
import { Layout, type RouteHandle } from './Layout';
import { RouteErrorPage } from './RouteErrorPage';

/**
 * Every route of the console. Pages are loaded on demand (one chunk each): a page file exports a
 * named component, `export function KeysPage()`, and its route says
 * `lazy: () => import('../features/keys/KeysPage').then((m) => ({ Component: m.KeysPage }))`.
 * Sidebar entries are in navigation.ts.
 */
type MediaPages = typeof import('../features/media/MediaModePage');

/** A playground media mode's route: the pages share one chunk. */
function mediaRoute(path: string, page: (pages: MediaPages) => ComponentType): RouteObject {
  return { path, lazy: () => import('../features/media/MediaModePage').then((m) => ({ Component: page(m) })) };
}

export const routes: RouteObject[] = [
  {
    errorElement: <RouteErrorPage />,
    hydrateFallbackElement: <FullPageSpinner />,
    children: [
      {
        path: '/login',
        element: (
          <GuestOnly>
            <LoginPage />
          </GuestOnly>
        ),
      },
      {
        path: '/register',
        element: (
          <GuestOnly>
            <RegisterPage />
          </GuestOnly>
        ),
      },
      // Password reset and email verification links (features/auth/email): open signed in or not.
      {
        path: '/forgot-password',
        lazy: () =>
          import('../features/auth/email/ForgotPasswordPage').then((m) => ({ Component: m.ForgotPasswordPage })),
      },
      {
        path: '/reset-password',
        lazy: () =>
          import('../features/auth/email/ResetPasswordPage').then((m) => ({ Component: m.ResetPasswordPage })),
      },
      {
        path: '/verify-email',
        lazy: () => import('../features/auth/email/VerifyEmailPage').then((m) => ({ Component: m.VerifyEmailPage })),
      },
      {
        // What visitors can read before signing in (the landing page itself is `/`, see guards.tsx).
        lazy: () => import('../features/site/PublicLayout').then((m) => ({ Component: m.PublicLayout })),
        children: [
          {
            path: '/pricing',
            lazy: () => import('../features/site/PublicModelsPage').then((m) => ({ Component: m.PublicModelsPage })),
          },
          {
            path: '/docs',
            lazy: () => import('../features/site/PublicDocsPage').then((m) => ({ Component: m.PublicDocsPage })),
          },
        ],
      },
      {
        path: '/',
        element: (
          <RequireAuth>
            <Layout />
          </RequireAuth>
        ),
        errorElement: <RouteErrorPage />,
        children: [
          { index: true, element: <Navigate to="/playground" replace /> },
          {
            path: 'playground',
            handle: { fullBleed: true } satisfies RouteHandle,
            lazy: () => import('../features/media/PlaygroundModes').then((m) => ({ Component: m.PlaygroundModes })),
            // Chat is the index; the media modes (web/src/features/media) are pages beside it.
            children: [
              {
                index: true,
                lazy: () =>
                  import('../features/playground/PlaygroundPage').then((m) => ({ Component: m.PlaygroundPage })),
              },
              mediaRoute('images', (m) => m.ImagesPage),
              mediaRoute('video', (m) => m.VideoPage),
              mediaRoute('midjourney', (m) => m.MidjourneyPage),
              mediaRoute('speech', (m) => m.SpeechPage),
              mediaRoute('jobs', (m) => m.JobsPage),
            ],
          },
          {
            path: 'use-with',
            lazy: () => import('../features/recipes/RecipesPage').then((m) => ({ Component: m.RecipesPage })),
          },
          { path: 'keys', lazy: () => import('../features/keys/KeysPage').then((m) => ({ Component: m.KeysPage })) },
          {
            path: 'presets',
            lazy: () => import('../features/presets/PresetsPage').then((m) => ({ Component: m.PresetsPage })),
          },
          {
            path: 'usage',
            lazy: () => import('../features/usage/UsagePage').then((m) => ({ Component: m.UsagePage })),
          },
          {
            path: 'logs',
            lazy: () => import('../features/usage/LogsPage').then((m) => ({ Component: m.LogsPage })),
            // /logs/:id opens the same page with the detail drawer for that request.
            children: [{ path: ':id', element: null }],
          },
          {
            path: 'models',
            lazy: () => import('../features/models/ModelsPage').then((m) => ({ Component: m.ModelsPage })),
          },
          {
            path: 'billing',
            lazy: () => import('../features/billing/BillingPage').then((m) => ({ Component: m.BillingPage })),
          },
          {
            path: 'plans',
            lazy: () => import('../features/plans/PlansPage').then((m) => ({ Component: m.PlansPage })),
          },
          {
            path: 'account',
            lazy: () => import('../features/account/AccountPage').then((m) => ({ Component: m.AccountPage })),
          },
          {
            path: 'admin',
            element: <RequireAdmin />,
            children: [
              {
                index: true,
                lazy: () => import('../features/admin/DashboardPage').then((m) => ({ Component: m.DashboardPage })),
              },
              {
                path: 'margins',
                lazy: () => import('../features/admin/margins/MarginsPage').then((m) => ({ Component: m.MarginsPage })),
              },
              {
                path: 'channels',
                lazy: () =>
                  import('../features/admin/channels/ChannelsPage').then((m) => ({ Component: m.ChannelsPage })),
              },
              {
                path: 'users',
                lazy: () => import('../features/admin/users/UsersPage').then((m) => ({ Component: m.UsersPage })),
              },
              {
                path: 'announcements',
                lazy: () =>
                  import('../features/admin/announcements/AnnouncementsPage').then((m) => ({
                    Component: m.AnnouncementsPage,
                  })),
              },
              {
                path: 'keys',
                lazy: () =>
                  import('../features/admin/keys/AdminKeysPage').then((m) => ({ Component: m.AdminKeysPage })),
              },
              {
                path: 'redemptions',
                lazy: () =>
                  import('../features/admin/redemptions/RedemptionsPage').then((m) => ({
                    Component: m.RedemptionsPage,
                  })),
              },
              {
                path: 'plans',
                lazy: () => import('../features/admin/plans/PlansPage').then((m) => ({ Component: m.PlansPage })),
              },
              {
                path: 'payments',
                lazy: () =>
                  import('../features/admin/payments/PaymentsPage').then((m) => ({ Component: m.PaymentsPage })),
              },
              {
                path: 'prices',
                lazy: () => import('../features/admin/prices/PricesPage').then((m) => ({ Component: m.PricesPage })),
              },
              {
                path: 'settings',
                lazy: () =>
                  import('../features/admin/settings/SettingsPage').then((m) => ({ Component: m.SettingsPage })),
              },
            ],
          },
        ],
      },
      { path: '*', element: <NotFoundRoute /> },
    ],
  },
];
