import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../lib/site';
import { ImagesMode } from './ImagesMode';
import { JobsMode } from './JobsMode';
import { MidjourneyMode } from './MidjourneyMode';
import { SpeechMode } from './SpeechMode';
import { VideoMode } from './VideoMode';

type Mode = 'images' | 'video' | 'midjourney' | 'speech' | 'jobs';

/** A media mode's page: its heading and a scrolling area under the playground's mode row. */
function MediaModePage({ mode, children }: { mode: Mode; children: ReactNode }) {
  const { t } = useTranslation(['media', 'common']);
  const title = t(`media:modes.${mode}`);
  useDocumentTitle(`${title} · ${t('common:nav.playground')}`);
  return (
    <div className="min-h-0 flex-1 overflow-y-auto">
      <div className="mx-auto w-full max-w-6xl px-4 py-5 sm:px-6">
        <h1 className="mb-4 text-lg font-semibold">{title}</h1>
        {children}
      </div>
    </div>
  );
}

// One export per route (routes.tsx loads each on demand).
export const ImagesPage = () => (
  <MediaModePage mode="images">
    <ImagesMode />
  </MediaModePage>
);
export const VideoPage = () => (
  <MediaModePage mode="video">
    <VideoMode />
  </MediaModePage>
);
export const MidjourneyPage = () => (
  <MediaModePage mode="midjourney">
    <MidjourneyMode />
  </MediaModePage>
);
export const SpeechPage = () => (
  <MediaModePage mode="speech">
    <SpeechMode />
  </MediaModePage>
);
export const JobsPage = () => (
  <MediaModePage mode="jobs">
    <JobsMode />
  </MediaModePage>
);
