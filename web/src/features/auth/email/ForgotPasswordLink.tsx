import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAccountOptions } from './email-api';

/** "Forgot password?" beside the password field, once the server said it can send the email. */
export function ForgotPasswordLink() {
  const { t } = useTranslation('mail');
  const options = useAccountOptions();
  if (options.data?.passwordReset !== true) return null;
  return (
    <Link to="/forgot-password" className="text-xs font-medium text-primary hover:underline">
      {t('forgot.link')}
    </Link>
  );
}
