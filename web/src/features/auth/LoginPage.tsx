import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Alert, Button, Field, Input, PasswordInput } from '../../components/ui';
import { ApiError } from '../../lib/api';
import { useLogin, usePublicSettings } from '../../lib/auth';
import { errorMessage } from '../../lib/errors';
import { useLoginNoticeAnnouncement } from '../account/LoginNotices';
import { OAuthErrorBanner, OAuthSignIn } from '../oauth/OAuthSignIn';
import { AuthLayout } from './AuthLayout';
import { ForgotPasswordLink } from './email/ForgotPasswordLink';
import { useCaptchaField } from './email/use-captcha';
import { MfaStep } from './MfaStep';
import { PasskeySignIn } from './PasskeySignIn';
import { emailProblem } from './validation';

export function LoginPage() {
  const { t } = useTranslation('auth');
  const login = useLogin();
  const settings = usePublicSettings();
  const announceLoginNotices = useLoginNoticeAnnouncement();
  const captcha = useCaptchaField();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [problems, setProblems] = useState<{ email?: string; password?: string }>({});
  // Set when the password was right and the account has 2FA: the second step is shown.
  const [challenge, setChallenge] = useState<string>();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const emailIssue = emailProblem(email);
    const next = {
      email: emailIssue ? t(`validation.${emailIssue}`) : undefined,
      password: password ? undefined : t('validation.passwordRequired'),
    };
    setProblems(next);
    if (next.email || next.password) return;
    // On success the guard (GuestOnly) moves on to `?next=` or the playground; the promise still
    // settles after this page is gone, so the owner is told of sign-in pauses wherever they land.
    login
      .mutateAsync({ email: email.trim(), password, captchaToken: captcha.token })
      .then((answer) => ('mfaRequired' in answer ? setChallenge(answer.challenge) : announceLoginNotices()))
      .catch(captcha.renew); // shown from login.error
  };

  const serverError = login.error;
  if (challenge) {
    return (
      <AuthLayout title={t('mfa.title')} subtitle={t('mfa.subtitle')}>
        <MfaStep
          challenge={challenge}
          onSignedIn={() => void announceLoginNotices()}
          onRestart={() => {
            setChallenge(undefined);
            setPassword('');
            login.reset();
          }}
        />
      </AuthLayout>
    );
  }
  return (
    <AuthLayout title={t('login.title')} subtitle={t('login.subtitle')}>
      <OAuthErrorBanner />
      <form className="space-y-4" onSubmit={onSubmit} noValidate>
        {serverError && <Alert variant="danger">{errorMessage(serverError)}</Alert>}
        <Field label={t('fields.email')} error={problems.email}>
          <Input
            type="email"
            name="email"
            autoComplete="username"
            placeholder={t('fields.emailPlaceholder')}
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            autoFocus
          />
        </Field>
        <Field label={t('fields.password')} error={problems.password} labelAside={<ForgotPasswordLink />}>
          <PasswordInput
            name="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </Field>
        {captcha.element}
        <Button type="submit" className="w-full" size="lg" loading={login.isPending}>
          {t('login.submit')}
        </Button>
      </form>
      <OAuthSignIn />
      <div className="my-4 flex items-center gap-3 text-xs text-muted-foreground">
        <span className="h-px flex-1 bg-border" />
        {t('passkey.or')}
        <span className="h-px flex-1 bg-border" />
      </div>
      <PasskeySignIn onSignedIn={() => void announceLoginNotices()} />
      {/* Only once the server said sign-ups are open: never a link that vanishes a moment later. */}
      {settings.data?.registrationEnabled === true && (
        <p className="mt-6 text-center text-sm text-muted-foreground">
          {t('login.noAccount')}{' '}
          <Link to="/register" className="font-medium text-primary hover:underline">
            {t('login.toRegister')}
          </Link>
        </p>
      )}
      {serverError instanceof ApiError && serverError.code === 'invalid_credentials' && (
        <p className="mt-4 text-center text-xs text-muted-foreground">{t('login.adminHint')}</p>
      )}
    </AuthLayout>
  );
}
