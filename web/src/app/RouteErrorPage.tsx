import { RotateCw } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useRouteError } from 'react-router';
import { Button } from '../components/ui';

/** A route that threw while loading or rendering (often: a page chunk gone after a new deploy). */
export function RouteErrorPage() {
  const { t } = useTranslation();
  const error = useRouteError();
  console.error(error);
  return (
    <div role="alert" className="flex min-h-[60dvh] flex-col items-center justify-center gap-3 p-6 text-center">
      <h1 className="text-lg font-semibold">{t('routeError.title')}</h1>
      <p className="max-w-md text-sm text-muted-foreground">{t('routeError.text')}</p>
      <Button variant="outline" onClick={() => window.location.reload()}>
        <RotateCw />
        {t('routeError.reload')}
      </Button>
    </div>
  );
}
