import { ImagePlus, Sparkles, X } from 'lucide-react';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Field, Input, Select, Textarea } from '../../components/ui';
import { useCurrentUser } from '../../lib/auth';
import { ImageGrid } from './ImageGrid';
import { imageOptions } from './image-options';
import { answerImages, editForm, type GeneratedImage, generationBody } from './image-request';
import { MediaError } from './MediaError';
import { ModeModelPicker } from './ModeModelPicker';
import { mediaJson } from './media-call';
import { canEditImages } from './mode-models';
import { RequestCost } from './RequestCost';
import { useMediaSubmit } from './use-media-submit';

interface Result {
  images: GeneratedImage[];
  requestId: string | null;
}

/**
 * Images: a prompt with size, quality and count to `POST /v1/images/generations`, or, with
 * images uploaded, to `POST /v1/images/edits` (multipart) for models that edit (gpt-image, Gemini's
 * image models). Results in a grid, each downloadable; the cost from the request log.
 */
export function ImagesMode() {
  const { t } = useTranslation('media');
  const user = useCurrentUser();
  const [model, setModel] = useState<string | null>(null);
  const [prompt, setPrompt] = useState('');
  const [size, setSize] = useState('1024x1024');
  const [quality, setQuality] = useState('');
  const [count, setCount] = useState(1);
  const [uploads, setUploads] = useState<File[]>([]);
  const { busy, error, run } = useMediaSubmit();
  const [result, setResult] = useState<Result | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const options = imageOptions(model ?? '');
  const editable = canEditImages(model ?? '');
  // Keep the settings within what the chosen model accepts.
  useEffect(() => {
    if (!options.sizes.includes(size)) setSize(options.sizes.includes('1024x1024') ? '1024x1024' : options.sizes[0]!);
    if (quality && !options.qualities.includes(quality)) setQuality('');
    if (count > options.maxCount) setCount(options.maxCount);
  }, [options, size, quality, count]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!model || !prompt.trim() || busy) return;
    const settings = { model, prompt: prompt.trim(), size, quality, count };
    await run(async () => {
      const editing = editable && uploads.length > 0;
      const { body, requestId } = editing
        ? await mediaJson(user.id, '/v1/images/edits', { form: editForm(settings, uploads) })
        : await mediaJson(user.id, '/v1/images/generations', { json: generationBody(settings) });
      setResult({ images: answerImages(body), requestId });
    });
  };

  return (
    <div className="grid gap-6 lg:grid-cols-[22rem_1fr]">
      <form onSubmit={submit} className="flex flex-col gap-4" aria-label={t('images.title')}>
        <ModeModelPicker userId={user.id} mode="images" value={model} onChange={setModel} />
        <Field label={t('fields.prompt')}>
          <Textarea value={prompt} onChange={(event) => setPrompt(event.target.value)} rows={4} required />
        </Field>
        <div className="grid grid-cols-3 gap-3">
          <Field label={t('fields.size')}>
            <Select
              value={size}
              onChange={(event) => setSize(event.target.value)}
              options={options.sizes.map((value) => ({ value, label: value === 'auto' ? t('auto') : value }))}
            />
          </Field>
          <Field label={t('fields.quality')}>
            <Select
              value={quality}
              onChange={(event) => setQuality(event.target.value)}
              disabled={options.qualities.length === 0}
              placeholder={t('default')}
              options={options.qualities.map((value) => ({ value, label: value }))}
            />
          </Field>
          <Field label={t('fields.count')}>
            <Input
              type="number"
              min={1}
              max={options.maxCount}
              value={count}
              onChange={(event) => setCount(Math.max(1, Math.min(options.maxCount, Number(event.target.value) || 1)))}
            />
          </Field>
        </div>
        <div className="flex flex-col gap-2">
          <input
            ref={fileInput}
            type="file"
            accept="image/png,image/jpeg,image/webp"
            multiple
            className="sr-only"
            aria-label={t('images.upload')}
            disabled={!editable}
            onChange={(event) => {
              setUploads([...(event.target.files ?? [])]);
              event.target.value = '';
            }}
          />
          <Button
            type="button"
            variant="outline"
            size="sm"
            disabled={!editable}
            onClick={() => fileInput.current?.click()}
            className="self-start"
          >
            <ImagePlus />
            {t('images.upload')}
          </Button>
          <p className="text-xs text-muted-foreground">{editable ? t('images.editHint') : t('images.noEdit')}</p>
          {uploads.length > 0 && (
            <ul className="flex flex-wrap gap-2" aria-label={t('images.toEdit')}>
              {uploads.map((file) => (
                <li key={file.name} className="inline-flex items-center gap-1 rounded-md bg-muted px-2 py-1 text-xs">
                  {file.name}
                  <button
                    type="button"
                    aria-label={t('images.removeUpload', { name: file.name })}
                    onClick={() => setUploads((current) => current.filter((item) => item !== file))}
                    className="cursor-pointer"
                  >
                    <X className="size-3" aria-hidden />
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
        <Button type="submit" loading={busy} disabled={!model || !prompt.trim()}>
          <Sparkles />
          {editable && uploads.length > 0 ? t('images.edit') : t('images.generate')}
        </Button>
        <p className="text-[11px] text-muted-foreground">{t('billed')}</p>
      </form>
      <section className="flex min-w-0 flex-col gap-3" aria-label={t('results')}>
        <MediaError error={error} />
        {result && (
          <>
            <RequestCost requestId={result.requestId} />
            <ImageGrid images={result.images} />
          </>
        )}
        {!result && !error && <p className="text-sm text-muted-foreground">{t('images.empty')}</p>}
      </section>
    </div>
  );
}
