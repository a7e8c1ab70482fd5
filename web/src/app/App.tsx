import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { ToastProvider } from '../components/ui';
import { AuthProvider } from '../lib/auth';
import { createQueryClient } from '../lib/query-client';
import { routes } from './routes';
import { ThemeProvider } from './theme';

const router = createBrowserRouter(routes);

/** Providers, outermost first: theme, data (TanStack Query), the signed-in user, toasts, then the router. */
export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <ThemeProvider>
      <QueryClientProvider client={queryClient}>
        <AuthProvider>
          <ToastProvider>
            <RouterProvider router={router} />
          </ToastProvider>
        </AuthProvider>
      </QueryClientProvider>
    </ThemeProvider>
  );
}
