import { ImagePlus, X } from 'lucide-react';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/ui';

export interface SingleImagePickerProps {
  /** The button's text, and the file input's accessible name. */
  label: string;
  image: File | null;
  onChange: (image: File | null) => void;
}

/** One optional image to start from (a video's first frame, a Midjourney reference): a button, then the file's chip. */
export function SingleImagePicker({ label, image, onChange }: SingleImagePickerProps) {
  const { t } = useTranslation('media');
  const fileInput = useRef<HTMLInputElement>(null);
  return (
    <div className="flex flex-wrap items-center gap-2">
      <input
        ref={fileInput}
        type="file"
        accept="image/png,image/jpeg,image/webp"
        className="sr-only"
        aria-label={label}
        onChange={(event) => {
          onChange(event.target.files?.[0] ?? null);
          // Picking the same file again after removing it fires a change.
          event.target.value = '';
        }}
      />
      <Button type="button" variant="outline" size="sm" onClick={() => fileInput.current?.click()}>
        <ImagePlus />
        {label}
      </Button>
      {image && (
        <span className="inline-flex items-center gap-1 rounded-md bg-muted px-2 py-1 text-xs">
          {image.name}
          <button
            type="button"
            aria-label={t('images.removeUpload', { name: image.name })}
            onClick={() => onChange(null)}
            className="cursor-pointer"
          >
            <X className="size-3" aria-hidden />
          </button>
        </span>
      )}
    </div>
  );
}
