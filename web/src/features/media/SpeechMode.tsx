import { AudioLines, Download } from 'lucide-react';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, buttonClasses, Field, Select, Textarea } from '../../components/ui';
import { useCurrentUser } from '../../lib/auth';
import { MediaError } from './MediaError';
import { ModeModelPicker } from './ModeModelPicker';
import { mediaCall } from './media-call';
import { RequestCost } from './RequestCost';
import { MAX_SPEECH_CHARACTERS, SPEECH_FORMATS, SPEECH_VOICES, type SpeechFormat, speechBody } from './speech-request';
import { useMediaSubmit } from './use-media-submit';

interface Result {
  url: string;
  fileName: string;
  requestId: string | null;
}

/** Speech: text, voice and format to `POST /v1/audio/speech`, played back in an <audio> player. */
export function SpeechMode() {
  const { t } = useTranslation('media');
  const user = useCurrentUser();
  const [model, setModel] = useState<string | null>(null);
  const [input, setInput] = useState('');
  const [voice, setVoice] = useState<string>('alloy');
  const [format, setFormat] = useState<SpeechFormat>('mp3');
  const { busy, error, run } = useMediaSubmit();
  const [result, setResult] = useState<Result | null>(null);

  // The audio lives in an object URL: free it when it is replaced or the page goes.
  useEffect(() => () => (result ? URL.revokeObjectURL(result.url) : undefined), [result]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!model || !input.trim() || busy) return;
    await run(async () => {
      const { response, requestId } = await mediaCall(user.id, '/v1/audio/speech', {
        json: speechBody({ model, input: input.trim(), voice, format }),
      });
      const audio = await response.blob();
      const typed = audio.type ? audio : new Blob([audio], { type: SPEECH_FORMATS[format] });
      setResult({ url: URL.createObjectURL(typed), fileName: `speech.${format}`, requestId });
    });
  };

  return (
    <div className="grid gap-6 lg:grid-cols-[22rem_1fr]">
      <form onSubmit={submit} className="flex flex-col gap-4" aria-label={t('speech.title')}>
        <ModeModelPicker userId={user.id} mode="speech" value={model} onChange={setModel} />
        <Field label={t('fields.text')} hint={`${input.length} / ${MAX_SPEECH_CHARACTERS}`}>
          <Textarea
            value={input}
            onChange={(event) => setInput(event.target.value)}
            rows={5}
            maxLength={MAX_SPEECH_CHARACTERS}
            required
          />
        </Field>
        <div className="grid grid-cols-2 gap-3">
          <Field label={t('fields.voice')}>
            <Select
              value={voice}
              onChange={(event) => setVoice(event.target.value)}
              options={SPEECH_VOICES.map((value) => ({ value, label: value }))}
            />
          </Field>
          <Field label={t('fields.format')}>
            <Select
              value={format}
              onChange={(event) => setFormat(event.target.value as SpeechFormat)}
              options={Object.keys(SPEECH_FORMATS).map((value) => ({ value, label: value }))}
            />
          </Field>
        </div>
        <Button type="submit" loading={busy} disabled={!model || !input.trim()}>
          <AudioLines />
          {t('speech.speak')}
        </Button>
        <p className="text-[11px] text-muted-foreground">{t('billed')}</p>
      </form>
      <section className="flex min-w-0 flex-col gap-3" aria-label={t('results')}>
        <MediaError error={error} />
        {result && (
          <>
            <RequestCost requestId={result.requestId} />
            {/* biome-ignore lint/a11y/useMediaCaption: generated speech of the text typed beside it */}
            <audio controls src={result.url} className="w-full" data-testid="speech-audio" />
            <a href={result.url} download={result.fileName} className={buttonClasses('outline', 'sm', 'self-start')}>
              <Download aria-hidden />
              {t('download')}
            </a>
          </>
        )}
        {!result && !error && <p className="text-sm text-muted-foreground">{t('speech.empty')}</p>}
      </section>
    </div>
  );
}
