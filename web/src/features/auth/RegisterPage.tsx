import { Gift, Lock } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { Alert, Button, EmptyState, Field, Input, PasswordInput, Skeleton, useToast } from '../../components/ui';
import { ApiError } from '../../lib/api';
import { usePublicSettings, useRegister } from '../../lib/auth';
import { errorMessage } from '../../lib/errors';
import { currentLanguage } from '../../lib/i18n';
import { formatMoney } from '../../lib/money';
import { OAuthErrorBanner, OAuthSignIn } from '../oauth/OAuthSignIn';
import { AuthLayout } from './AuthLayout';
import { useCaptchaField } from './email/use-captcha';
import { emailProblem, newPasswordProblem } from './validation';

interface Problems {
  email?: string;
  password?: string;
  confirm?: string;
}

export function RegisterPage() {
  const { t } = useTranslation('auth');
  const toast = useToast();
  const settings = usePublicSettings();
  const register = useRegister();
  // An invite link (`/register?invite=CODE`) credits whoever shared it at this user's first payment.
  const invite = useSearchParams()[0].get('invite')?.trim().slice(0, 64) || undefined;
  const captcha = useCaptchaField();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problems, setProblems] = useState<Problems>({});

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const emailIssue = emailProblem(email);
    const passwordIssue = newPasswordProblem(password);
    const next: Problems = {
      email: emailIssue ? t(`validation.${emailIssue}`) : undefined,
      password: passwordIssue ? t(`validation.${passwordIssue}`) : undefined,
      confirm: !passwordIssue && confirm !== password ? t('validation.passwordMismatch') : undefined,
    };
    setProblems(next);
    if (next.email || next.password || next.confirm) return;
    register.mutate(
      {
        email: email.trim(),
        password,
        displayName: displayName.trim() || undefined,
        invite,
        captchaToken: captcha.token,
        language: currentLanguage(),
      },
      {
        onError: captcha.renew,
        onSuccess: (result) => {
          toast.toast({
            variant: 'success',
            title: t('register.welcome'),
            description:
              result.trialCredit > 0
                ? t('register.welcomeCredit', { amount: formatMoney(result.trialCredit) })
                : undefined,
            duration: 8000,
          });
        },
      },
    );
  };

  const closed =
    settings.data?.registrationEnabled === false ||
    (register.error instanceof ApiError && register.error.code === 'registration_disabled');
  const fieldError = (param: string) =>
    register.error instanceof ApiError && register.error.param === param ? errorMessage(register.error) : undefined;
  const formError = register.error && !fieldError('email') && !fieldError('password') ? register.error : undefined;

  if (closed) {
    return (
      <AuthLayout title={t('register.disabledTitle')} subtitle={t('register.subtitle')}>
        <EmptyState
          icon={Lock}
          title={t('register.disabledTitle')}
          description={t('register.disabledText')}
          className="rounded-xl border border-border bg-card py-10"
          action={
            <Link to="/login" className="text-sm font-medium text-primary hover:underline">
              {t('register.toLogin')}
            </Link>
          }
        />
      </AuthLayout>
    );
  }

  return (
    <AuthLayout title={t('register.title')} subtitle={t('register.subtitle')}>
      <OAuthErrorBanner />
      {settings.isPending ? (
        <Skeleton className="mb-6 h-12 w-full rounded-lg" />
      ) : (
        settings.data &&
        settings.data.trialCredit > 0 && (
          <div
            className="mb-6 flex items-center gap-3 rounded-lg border border-primary/20 bg-primary-soft/60 px-3.5 py-3 text-sm"
            data-testid="trial-credit"
          >
            <Gift className="size-5 shrink-0 text-primary" aria-hidden />
            <span>{t('register.trialBanner', { amount: formatMoney(settings.data.trialCredit) })}</span>
          </div>
        )
      )}
      <form className="space-y-4" onSubmit={onSubmit} noValidate>
        {formError && <Alert variant="danger">{errorMessage(formError)}</Alert>}
        <Field label={t('fields.email')} error={problems.email ?? fieldError('email')}>
          <Input
            type="email"
            name="email"
            autoComplete="email"
            placeholder={t('fields.emailPlaceholder')}
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            autoFocus
          />
        </Field>
        <Field label={t('fields.displayName')} optional>
          <Input
            name="displayName"
            autoComplete="nickname"
            placeholder={t('fields.displayNamePlaceholder')}
            value={displayName}
            maxLength={100}
            onChange={(event) => setDisplayName(event.target.value)}
          />
        </Field>
        <Field
          label={t('fields.newPassword')}
          hint={t('fields.passwordHint')}
          error={problems.password ?? fieldError('password')}
        >
          <PasswordInput
            name="password"
            autoComplete="new-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </Field>
        <Field label={t('fields.confirmPassword')} error={problems.confirm}>
          <PasswordInput
            name="confirmPassword"
            autoComplete="new-password"
            value={confirm}
            onChange={(event) => setConfirm(event.target.value)}
          />
        </Field>
        {captcha.element}
        <Button type="submit" className="w-full" size="lg" loading={register.isPending}>
          {t('register.submit')}
        </Button>
        <p className="text-center text-xs text-muted-foreground">{t('register.terms')}</p>
      </form>
      <OAuthSignIn />
      <p className="mt-6 text-center text-sm text-muted-foreground">
        {t('register.hasAccount')}{' '}
        <Link to="/login" className="font-medium text-primary hover:underline">
          {t('register.toLogin')}
        </Link>
      </p>
    </AuthLayout>
  );
}
