import { ArrowRight, BookOpen, Boxes } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Logo } from '../../components/Logo';
import { buttonClasses } from '../../components/ui';
import { localized, useDocumentTitle, useLanguage, useSite } from '../../lib/site';
import { AnnouncementCard } from './AnnouncementCard';

/** `/` for visitors: the operator's name, logo and tagline, live announcements, and the ways in. */
export function LandingPage() {
  const { t } = useTranslation('site');
  const site = useSite().data;
  const language = useLanguage();
  useDocumentTitle(t('landing.title'));
  const tagline = (site && localized(site.tagline, language)) || t('landing.defaultTagline');
  const announcements = site?.announcements ?? [];
  return (
    <div className="space-y-12">
      <section className="flex flex-col items-center gap-5 pt-8 text-center sm:pt-14">
        <h1 className="sr-only">{site?.name}</h1>
        <Logo large />
        <p className="max-w-2xl text-3xl font-semibold tracking-tight sm:text-4xl" data-testid="site-tagline">
          {tagline}
        </p>
        <p className="max-w-xl text-muted-foreground">{t('landing.pitch')}</p>
        <div className="flex flex-wrap justify-center gap-2">
          {site?.registrationEnabled !== false && (
            <Link to="/register" className={buttonClasses('primary', 'lg')}>
              {t('landing.start')}
              <ArrowRight />
            </Link>
          )}
          {site?.publicModels !== 'hidden' && (
            <Link to="/pricing" className={buttonClasses('outline', 'lg')}>
              <Boxes />
              {t('landing.browseModels')}
            </Link>
          )}
          <Link to="/docs" className={buttonClasses('outline', 'lg')}>
            <BookOpen />
            {t('landing.readDocs')}
          </Link>
        </div>
      </section>
      {announcements.length > 0 && (
        <section aria-labelledby="announcements-heading" className="mx-auto max-w-3xl space-y-3">
          <h2 id="announcements-heading" className="text-lg font-semibold">
            {t('landing.announcements')}
          </h2>
          {announcements.map((announcement) => (
            <AnnouncementCard key={announcement.id} announcement={announcement} />
          ))}
        </section>
      )}
    </div>
  );
}
