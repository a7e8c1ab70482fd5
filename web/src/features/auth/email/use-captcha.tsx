import { type ReactNode, useState } from 'react';
import { CaptchaWidget } from './CaptchaWidget';
import { useAccountOptions } from './email-api';

export interface CaptchaField {
  /** The widget to put in the form; null when the captcha is off. */
  element: ReactNode;
  /** The token to send as `captchaToken` (undefined until solved, or when off). */
  token: string | undefined;
  /** After a refused attempt: tokens are single use, so the widget produces a fresh one. */
  renew: () => void;
}

/** The captcha of the sign-in and sign-up forms, when the operator turned it on. */
export function useCaptchaField(): CaptchaField {
  const options = useAccountOptions();
  const config = options.data?.captcha ?? null;
  const [token, setToken] = useState<string>();
  const [generation, setGeneration] = useState(0);
  return {
    element: config ? <CaptchaWidget config={config} onToken={setToken} generation={generation} /> : null,
    token: config ? token : undefined,
    renew: () => setGeneration((value) => value + 1),
  };
}
