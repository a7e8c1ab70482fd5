import { LandingPage } from './LandingPage';
import { PublicLayout } from './PublicLayout';

/** `/` for a visitor who is not signed in (app/guards.tsx): the landing page in the public frame. */
export function Landing() {
  return (
    <PublicLayout>
      <LandingPage />
    </PublicLayout>
  );
}
