import { Clapperboard } from 'lucide-react';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Field, Select, Textarea } from '../../components/ui';
import { useCurrentUser } from '../../lib/auth';
import { rememberJob } from './job-memory';
import { MediaError } from './MediaError';
import { ModeModelPicker } from './ModeModelPicker';
import { mediaJson } from './media-call';
import { SingleImagePicker } from './SingleImagePicker';
import { useMediaSubmit } from './use-media-submit';
import { VideoResult } from './VideoResult';
import { type VideoJob, videoOptions, videoRequest } from './video-request';

/**
 * Video: a prompt (and an optional image to start from) to `POST /v1/videos`; the job's progress,
 * then a player for its content and a download. The job is remembered for "My jobs".
 */
export function VideoMode() {
  const { t } = useTranslation('media');
  const user = useCurrentUser();
  const [model, setModel] = useState<string | null>(null);
  const [prompt, setPrompt] = useState('');
  const [seconds, setSeconds] = useState<string>('4');
  const [size, setSize] = useState<string>('720x1280');
  const [image, setImage] = useState<File | null>(null);
  const { busy, error, run } = useMediaSubmit();
  const [job, setJob] = useState<{ job: VideoJob; requestId: string | null } | null>(null);

  const options = videoOptions(model ?? '');
  // A new model starts at its vendor's defaults when the current choice is not one it takes.
  useEffect(() => {
    if (!options.seconds.includes(seconds)) setSeconds(options.seconds[0]!);
    if (!options.sizes.includes(size)) setSize(options.sizes[0]!);
  }, [options, seconds, size]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!model || !prompt.trim() || busy) return;
    await run(async () => {
      const { body, requestId } = await mediaJson<VideoJob>(
        user.id,
        '/v1/videos',
        videoRequest({ model, prompt: prompt.trim(), seconds, size }, image),
      );
      rememberJob(user.id, {
        kind: 'video',
        id: body.id,
        requestId,
        createdAt: Date.now(),
        model,
        prompt: prompt.trim(),
      });
      setJob({ job: body, requestId });
    });
  };

  return (
    <div className="grid gap-6 lg:grid-cols-[22rem_1fr]">
      <form onSubmit={submit} className="flex flex-col gap-4" aria-label={t('video.title')}>
        <ModeModelPicker userId={user.id} mode="video" value={model} onChange={setModel} />
        <Field label={t('fields.prompt')}>
          <Textarea value={prompt} onChange={(event) => setPrompt(event.target.value)} rows={4} required />
        </Field>
        <div className="grid grid-cols-2 gap-3">
          <Field label={t('fields.seconds')}>
            <Select
              value={seconds}
              onChange={(event) => setSeconds(event.target.value)}
              options={options.seconds.map((value) => ({ value, label: value }))}
            />
          </Field>
          <Field label={t('fields.size')}>
            <Select
              value={size}
              onChange={(event) => setSize(event.target.value)}
              options={options.sizes.map((value) => ({ value, label: value }))}
            />
          </Field>
        </div>
        <SingleImagePicker label={t('video.image')} image={image} onChange={setImage} />
        <Button type="submit" loading={busy} disabled={!model || !prompt.trim()}>
          <Clapperboard />
          {t('video.submit')}
        </Button>
        <p className="text-[11px] text-muted-foreground">{t('billedJob')}</p>
      </form>
      <section className="flex min-w-0 flex-col gap-3" aria-label={t('results')}>
        <MediaError error={error} />
        {job && <VideoResult key={job.job.id} userId={user.id} job={job.job} requestId={job.requestId} />}
        {!job && !error && <p className="text-sm text-muted-foreground">{t('video.empty')}</p>}
      </section>
    </div>
  );
}
