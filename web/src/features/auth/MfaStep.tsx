import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Field, Input } from '../../components/ui';
import { errorMessage } from '../../lib/errors';
import { useMfaVerify } from '../account/mfa-api';

/**
 * The second step of a password sign-in with 2FA on: a code from the app or a backup code against
 * the challenge the password step answered. `onRestart`: the challenge is used up or expired.
 */
export function MfaStep({
  challenge,
  onSignedIn,
  onRestart,
}: {
  challenge: string;
  onSignedIn: () => void;
  onRestart: () => void;
}) {
  const { t } = useTranslation('auth');
  const verify = useMfaVerify();
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<string>();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!code.trim()) {
      setProblem(t('mfa.codeRequired'));
      return;
    }
    setProblem(undefined);
    verify
      .mutateAsync({ challenge, code: code.trim() })
      .then(onSignedIn)
      .catch(() => setCode(''));
  };

  return (
    <form className="space-y-4" onSubmit={onSubmit} noValidate>
      <p className="text-sm text-muted-foreground">{t('mfa.prompt')}</p>
      {verify.error && <Alert variant="danger">{errorMessage(verify.error)}</Alert>}
      <Field label={t('mfa.code')} hint={t('mfa.codeHint')} error={problem}>
        <Input
          name="mfaCode"
          autoComplete="one-time-code"
          inputMode="text"
          value={code}
          onChange={(event) => setCode(event.target.value)}
          autoFocus
        />
      </Field>
      <Button type="submit" className="w-full" size="lg" loading={verify.isPending}>
        {t('mfa.submit')}
      </Button>
      <Button type="button" variant="ghost" className="w-full" onClick={onRestart}>
        {t('mfa.back')}
      </Button>
    </form>
  );
}
