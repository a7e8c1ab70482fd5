import { CheckCircle2, Play, XCircle } from 'lucide-react';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Dialog, Field, Input, Select, Spinner } from '../../../components/ui';
import { errorMessage } from '../../../lib/errors';
import { formatLatency } from '../../../lib/format';
import { useTestChannel } from './api';
import type { Channel, ChannelTestResult } from './types';

export interface TestChannelDialogProps {
  channel: Channel | null;
  onClose: () => void;
  /** Every finished test, for the list's "last test" column. */
  onResult: (result: ChannelTestResult) => void;
}

/** The model a test uses when none is typed: the channel's first exact model, then its first mapped name. */
export function defaultTestModel(channel: Channel): string {
  return channel.models?.find((model) => !model.includes('*')) ?? Object.keys(channel.modelMapping)[0] ?? '';
}

/**
 * Sends "Say OK" through the channel and shows latency and the upstream's answer or error. Opens
 * running with the defaults; the admin can then pick another model or key and run it again.
 */
export function TestChannelDialog({ channel, onClose, onResult }: TestChannelDialogProps) {
  const { t } = useTranslation(['channels', 'common']);
  const test = useTestChannel();
  const [model, setModel] = useState('');
  const [keyId, setKeyId] = useState('');
  const [result, setResult] = useState<ChannelTestResult | null>(null);
  const [elapsed, setElapsed] = useState(0);
  const startedAt = useRef(0);
  const runId = useRef(0);

  const run = (target: Channel, options: { model?: string; keyId?: string }) => {
    runId.current += 1;
    const current = runId.current;
    setResult(null);
    startedAt.current = Date.now();
    setElapsed(0);
    test.mutate(
      { id: target.id, model: options.model || undefined, keyId: options.keyId || undefined },
      {
        onSuccess: (answer) => {
          if (current !== runId.current) return;
          setResult(answer);
          onResult(answer);
        },
      },
    );
  };

  // Opening the dialog starts a test with the defaults.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once per opened channel.
  useEffect(() => {
    if (!channel) return;
    const initialModel = defaultTestModel(channel);
    setModel(initialModel);
    setKeyId('');
    test.reset();
    run(channel, { model: initialModel });
    return () => {
      runId.current += 1;
    };
  }, [channel?.id]);

  useEffect(() => {
    if (!test.isPending) return;
    const timer = window.setInterval(() => setElapsed(Date.now() - startedAt.current), 100);
    return () => window.clearInterval(timer);
  }, [test.isPending]);

  if (!channel) return null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    run(channel, { model, keyId });
  };
  const keyOptions = [
    { value: '', label: t('test.firstKey') },
    ...channel.keys.map((key) => ({
      value: key.id,
      label: key.status === 'enabled' ? key.hint : `${key.hint} (${t(`status.${key.status}`)})`,
    })),
  ];

  return (
    <Dialog
      open
      onClose={onClose}
      title={t('test.title', { name: channel.name })}
      description={t('test.description')}
      size="md"
      footer={
        <>
          <Button variant="outline" onClick={onClose}>
            {t('common:actions.close')}
          </Button>
          <Button type="submit" form="channel-test-form" loading={test.isPending}>
            {!test.isPending && <Play />}
            {result || test.isError ? t('test.runAgain') : t('test.run')}
          </Button>
        </>
      }
    >
      <form id="channel-test-form" onSubmit={submit} className="space-y-4">
        <div className="grid gap-3 sm:grid-cols-2">
          <Field label={t('test.model')} hint={model ? undefined : t('test.modelHint')}>
            <Input
              value={model}
              onChange={(event) => setModel(event.target.value)}
              placeholder={t('test.modelPlaceholder')}
              className="font-mono text-xs"
              autoComplete="off"
              spellCheck={false}
            />
          </Field>
          {channel.keys.length > 1 && (
            <Field label={t('test.key')}>
              <Select value={keyId} onChange={(event) => setKeyId(event.target.value)} options={keyOptions} />
            </Field>
          )}
        </div>

        <div aria-live="polite" className="min-h-24">
          {test.isPending && (
            <div className="flex items-center gap-3 rounded-lg border border-border bg-muted/40 px-4 py-4">
              <Spinner className="size-5 text-primary" />
              <div className="min-w-0 flex-1">
                <p className="text-sm font-medium">{t('test.running')}</p>
                <p className="text-xs text-muted-foreground tabular-nums">
                  {t('test.elapsed', { time: (elapsed / 1000).toFixed(1) })}
                </p>
              </div>
              <div className="h-1 w-24 overflow-hidden rounded-full bg-muted" aria-hidden>
                <div className="h-full w-full animate-pulse rounded-full bg-primary/70" />
              </div>
            </div>
          )}
          {test.isError && !test.isPending && <Alert variant="danger">{errorMessage(test.error)}</Alert>}
          {result && !test.isPending && <TestResultPanel result={result} />}
        </div>
      </form>
    </Dialog>
  );
}

function TestResultPanel({ result }: { result: ChannelTestResult }) {
  const { t } = useTranslation('channels');
  const rows: [string, string][] = [
    [t('test.latency'), formatLatency(result.latencyMs)],
    [
      t('test.modelSent'),
      result.upstreamModel === result.model ? result.model : `${result.model} → ${result.upstreamModel}`,
    ],
  ];
  if (result.status) rows.push([t('test.httpStatus'), String(result.status)]);
  return (
    <div
      data-testid="channel-test-result"
      className={
        result.ok
          ? 'rounded-lg border border-success/30 bg-success-soft/50 px-4 py-3'
          : 'rounded-lg border border-destructive/30 bg-destructive-soft/50 px-4 py-3'
      }
    >
      <div className="flex items-center gap-2">
        {result.ok ? (
          <CheckCircle2 className="size-5 text-success" aria-hidden />
        ) : (
          <XCircle className="size-5 text-destructive" aria-hidden />
        )}
        <p className="text-sm font-semibold">
          {result.ok ? t('test.ok', { latency: formatLatency(result.latencyMs) }) : t('test.failed')}
        </p>
      </div>
      <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-muted-foreground">{label}</dt>
            <dd className="font-mono text-xs leading-5 break-all">{value}</dd>
          </div>
        ))}
        {result.ok && result.answer !== undefined && (
          <div className="contents">
            <dt className="text-muted-foreground">{t('test.answer')}</dt>
            <dd className="text-sm break-words">{result.answer || '—'}</dd>
          </div>
        )}
      </dl>
      {result.error && (
        <div className="mt-3 space-y-1 rounded-md bg-card/70 px-3 py-2">
          <p className="font-mono text-xs text-destructive">
            {result.error.kind}
            {result.error.code ? ` · ${result.error.code}` : ''}
          </p>
          <p className="text-sm break-words">{result.error.message}</p>
        </div>
      )}
    </div>
  );
}
