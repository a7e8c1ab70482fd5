import { KeyRound } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Alert, Button } from '../../components/ui';
import { errorMessage } from '../../lib/errors';
import { isWebAuthnCancel, usePasskeyLogin } from '../account/mfa-api';

/** "Sign in with a passkey": no email; the authenticator offers the account's passkey. */
export function PasskeySignIn({ onSignedIn }: { onSignedIn: () => void }) {
  const { t } = useTranslation('auth');
  const login = usePasskeyLogin();
  const error = login.error;
  return (
    <div className="space-y-3">
      {error && (
        <Alert variant="danger">{isWebAuthnCancel(error) ? t('passkey.cancelled') : errorMessage(error)}</Alert>
      )}
      <Button
        type="button"
        variant="outline"
        className="w-full"
        loading={login.isPending}
        onClick={() =>
          login
            .mutateAsync()
            .then(onSignedIn)
            .catch(() => {})
        }
      >
        <KeyRound />
        {t('passkey.signIn')}
      </Button>
    </div>
  );
}
