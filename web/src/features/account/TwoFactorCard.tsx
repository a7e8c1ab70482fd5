import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QrImage } from '../../components/QrImage';
import {
  Alert,
  Badge,
  Button,
  Card,
  CardContent,
  CardHeader,
  CopyButton,
  Field,
  Input,
  PasswordInput,
  Skeleton,
  useToast,
} from '../../components/ui';
import { errorMessage } from '../../lib/errors';
import { BackupCodesList } from './BackupCodesList';
import { type TotpSetup, useBackupCodesMutation, useDisableTotp, useMfaStatus, useTotpSetup } from './mfa-api';

/**
 * Two-factor authentication with an authenticator app: enrol (QR code and the secret as text,
 * confirmed with a first code), see the backup codes once, make new ones, or turn it off.
 */
export function TwoFactorCard() {
  const { t } = useTranslation('account');
  const status = useMfaStatus();
  const [setup, setSetup] = useState<TotpSetup>();
  const [codes, setCodes] = useState<string[]>();

  return (
    <Card>
      <CardHeader
        title={t('mfa.title')}
        description={t('mfa.description')}
        {...(status.data
          ? {
              actions: (
                <Badge variant={status.data.totpEnabled ? 'success' : 'neutral'}>
                  {status.data.totpEnabled ? t('mfa.on') : t('mfa.off')}
                </Badge>
              ),
            }
          : {})}
      />
      <CardContent className="space-y-4">
        {status.isPending && <Skeleton className="h-10 w-full" />}
        {status.error && <Alert variant="danger">{errorMessage(status.error)}</Alert>}
        {status.data?.enrolmentRequired && !setup && <Alert variant="warning">{t('mfa.requiredForAdmins')}</Alert>}
        {codes && <BackupCodesList codes={codes} />}
        {status.data && !status.data.totpEnabled && (
          <Enrolment
            setup={setup}
            onSetup={setSetup}
            onEnabled={(backupCodes) => {
              setSetup(undefined);
              setCodes(backupCodes);
            }}
          />
        )}
        {status.data?.totpEnabled && (
          <Manage
            remaining={status.data.backupCodesRemaining}
            onCodes={setCodes}
            onDisabled={() => setCodes(undefined)}
          />
        )}
      </CardContent>
    </Card>
  );
}

function Enrolment({
  setup,
  onSetup,
  onEnabled,
}: {
  setup: TotpSetup | undefined;
  onSetup: (setup: TotpSetup) => void;
  onEnabled: (codes: string[]) => void;
}) {
  const { t } = useTranslation('account');
  const start = useTotpSetup();
  const confirm = useBackupCodesMutation('/api/auth/mfa/totp/confirm');
  const toast = useToast();
  const [code, setCode] = useState('');

  if (!setup) {
    return (
      <>
        {start.error && <Alert variant="danger">{errorMessage(start.error)}</Alert>}
        <Button loading={start.isPending} onClick={() => start.mutate(undefined, { onSuccess: onSetup })}>
          {t('mfa.enable')}
        </Button>
      </>
    );
  }
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    confirm.mutate(code.trim(), {
      onSuccess: ({ backupCodes }) => {
        toast.success(t('mfa.enabled'));
        onEnabled(backupCodes);
      },
    });
  };
  return (
    <form className="space-y-4" onSubmit={onSubmit} noValidate>
      <p className="text-sm text-muted-foreground">{t('mfa.scan')}</p>
      <div className="flex flex-wrap items-start gap-4">
        <QrImage text={setup.otpauthUri} label={t('mfa.qrLabel')} className="size-40" />
        <div className="min-w-0 flex-1 space-y-1">
          <p className="text-sm text-muted-foreground">{t('mfa.secretLabel')}</p>
          <div className="flex items-center gap-1">
            <code className="break-all font-mono text-sm" data-testid="totp-secret">
              {setup.secret}
            </code>
            <CopyButton value={setup.secret} className="size-7" />
          </div>
        </div>
      </div>
      {confirm.error && <Alert variant="danger">{errorMessage(confirm.error)}</Alert>}
      <Field label={t('mfa.code')}>
        <Input
          name="totpCode"
          autoComplete="one-time-code"
          inputMode="numeric"
          value={code}
          onChange={(event) => setCode(event.target.value)}
        />
      </Field>
      <Button type="submit" loading={confirm.isPending} disabled={!code.trim()}>
        {t('mfa.confirm')}
      </Button>
    </form>
  );
}

function Manage({
  remaining,
  onCodes,
  onDisabled,
}: {
  remaining: number;
  onCodes: (codes: string[]) => void;
  onDisabled: () => void;
}) {
  const { t } = useTranslation('account');
  const toast = useToast();
  const regenerate = useBackupCodesMutation('/api/auth/mfa/backup-codes');
  const disable = useDisableTotp();
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const error = regenerate.error ?? disable.error;

  return (
    <div className="space-y-4">
      <p className="text-sm text-muted-foreground">{t('mfa.remaining', { count: remaining })}</p>
      {error && <Alert variant="danger">{errorMessage(error)}</Alert>}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={t('mfa.code')} hint={t('mfa.codeHint')}>
          <Input
            name="manageCode"
            autoComplete="one-time-code"
            value={code}
            onChange={(event) => setCode(event.target.value)}
          />
        </Field>
        <Field label={t('mfa.orPassword')}>
          <PasswordInput
            name="disablePassword"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </Field>
      </div>
      <div className="flex flex-wrap gap-2">
        <Button
          variant="outline"
          loading={regenerate.isPending}
          disabled={!code.trim()}
          onClick={() =>
            regenerate.mutate(code.trim(), {
              onSuccess: ({ backupCodes }) => {
                setCode('');
                onCodes(backupCodes);
              },
            })
          }
        >
          {t('mfa.regenerate')}
        </Button>
        <Button
          variant="danger"
          loading={disable.isPending}
          disabled={!code.trim() && !password}
          onClick={() =>
            disable.mutate(code.trim() ? { code: code.trim() } : { password }, {
              onSuccess: () => {
                setCode('');
                setPassword('');
                onDisabled();
                toast.success(t('mfa.disabled'));
              },
            })
          }
        >
          {t('mfa.disable')}
        </Button>
      </div>
    </div>
  );
}
