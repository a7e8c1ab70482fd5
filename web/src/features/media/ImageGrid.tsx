import { Download } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { buttonClasses } from '../../components/ui';
import type { GeneratedImage } from './image-request';

/** Generated images side by side, each with its download link. */
export function ImageGrid({ images }: { images: readonly GeneratedImage[] }) {
  const { t } = useTranslation('media');
  return (
    <ul className="grid grid-cols-1 gap-3 sm:grid-cols-2" data-testid="image-grid">
      {images.map((image, index) => (
        <li key={image.src} className="overflow-hidden rounded-xl border border-border bg-card">
          <img
            src={image.src}
            alt={image.revisedPrompt ?? t('images.resultAlt', { index: index + 1 })}
            className="aspect-square w-full bg-muted object-contain"
          />
          <div className="flex items-center justify-between gap-2 px-3 py-2">
            <p className="min-w-0 truncate text-xs text-muted-foreground" title={image.revisedPrompt}>
              {image.revisedPrompt ?? image.fileName}
            </p>
            <a
              href={image.src}
              download={image.fileName}
              target="_blank"
              rel="noreferrer"
              className={buttonClasses('outline', 'sm')}
            >
              <Download aria-hidden />
              {t('download')}
              <span className="sr-only"> {index + 1}</span>
            </a>
          </div>
        </li>
      ))}
    </ul>
  );
}
