import { Sparkles } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Field, Textarea } from '../../components/ui';
import { useCurrentUser } from '../../lib/auth';
import { rememberJob } from './job-memory';
import { MediaError } from './MediaError';
import { MjTaskCard } from './MjTaskCard';
import { mediaJson } from './media-call';
import { type MjSubmitResult, submittedTaskId } from './mj-task';
import { SingleImagePicker } from './SingleImagePicker';
import { useMediaSubmit } from './use-media-submit';

interface SubmittedTask {
  taskId: string;
  requestId: string | null;
}

function readDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/**
 * Midjourney through midjourney-proxy's API: imagine (`POST /mj/submit/imagine`, an optional
 * reference image as `base64Array`), then the result's buttons (U1..U4, V1..V4, reroll, zoom,
 * pan: `POST /mj/submit/action`); each task below the form, newest first, with its cost. There
 * is no model to choose: the proxy's API has none.
 */
export function MidjourneyMode() {
  const { t } = useTranslation('media');
  const user = useCurrentUser();
  const [prompt, setPrompt] = useState('');
  const [image, setImage] = useState<File | null>(null);
  const { busy, error, run } = useMediaSubmit();
  const [tasks, setTasks] = useState<SubmittedTask[]>([]);

  const submitTo = (path: string, body: unknown, promptText?: string) =>
    run(async () => {
      const { body: answer, requestId } = await mediaJson<MjSubmitResult>(user.id, path, { json: body });
      const taskId = submittedTaskId(answer);
      rememberJob(user.id, { kind: 'midjourney', id: taskId, requestId, createdAt: Date.now(), prompt: promptText });
      setTasks((current) => [{ taskId, requestId }, ...current.filter((task) => task.taskId !== taskId)]);
    });

  const imagine = async (event: FormEvent) => {
    event.preventDefault();
    if (!prompt.trim() || busy) return;
    const base64Array = image ? [await readDataUrl(image)] : undefined;
    await submitTo(
      '/mj/submit/imagine',
      { prompt: prompt.trim(), ...(base64Array ? { base64Array } : {}) },
      prompt.trim(),
    );
  };

  return (
    <div className="grid gap-6 lg:grid-cols-[22rem_1fr]">
      <form onSubmit={imagine} className="flex flex-col gap-4" aria-label={t('mj.title')}>
        <Field label={t('fields.prompt')} hint={t('mj.promptHint')}>
          <Textarea value={prompt} onChange={(event) => setPrompt(event.target.value)} rows={4} required />
        </Field>
        <SingleImagePicker label={t('mj.image')} image={image} onChange={setImage} />
        <Button type="submit" loading={busy} disabled={!prompt.trim()}>
          <Sparkles />
          {t('mj.imagine')}
        </Button>
        <p className="text-[11px] text-muted-foreground">{t('billedJob')}</p>
      </form>
      <section className="flex min-w-0 flex-col gap-3" aria-label={t('results')}>
        <MediaError error={error} />
        {tasks.map((task) => (
          <MjTaskCard
            key={task.taskId}
            userId={user.id}
            taskId={task.taskId}
            requestId={task.requestId}
            busy={busy}
            onAction={(taskId, customId) => void submitTo('/mj/submit/action', { customId, taskId })}
          />
        ))}
        {tasks.length === 0 && !error && <p className="text-sm text-muted-foreground">{t('mj.empty')}</p>}
      </section>
    </div>
  );
}
